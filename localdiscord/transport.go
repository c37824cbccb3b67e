package localdiscord

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// discordHosts are the hosts discordgo addresses REST calls to.
var discordHosts = map[string]bool{
	"discord.com":        true,
	"discordapp.com":     true,
	"www.discord.com":    true,
	"canary.discord.com": true,
	"ptb.discord.com":    true,
}

// apiPrefix matches "/api" optionally followed by a version segment.
var apiPrefix = regexp.MustCompile(`^/api(/v[0-9]+)?(/|$)`)

// RewriteTransport returns an http.RoundTripper that redirects requests for
// Discord's REST API to another Discord-compatible base URL, such as
// Server.URL or a value of FOOTNOTE_DISCORD_API_URL:
//
//	https://discord.com/api/v9/channels/1/messages?limit=5
//	  -> {apiBase}channels/1/messages?limit=5
//
// The version in the original path is replaced by apiBase's path. Requests
// for other hosts go to next unchanged. next defaults to
// http.DefaultTransport.
//
// discordgo keeps its endpoints in package-level variables computed at
// init, so an http.Client with this transport (discordgo.Session.Client)
// is the way to point one session at another server without mutating
// globals.
func RewriteTransport(apiBase string, next http.RoundTripper) (http.RoundTripper, error) {
	return newRewriteTransport(apiBase, next, false)
}

type rewriteTransport struct {
	base   *url.URL
	next   http.RoundTripper
	strict bool // reject hosts other than Discord's and base's
}

func newRewriteTransport(apiBase string, next http.RoundTripper, strict bool) (*rewriteTransport, error) {
	base, err := url.Parse(apiBase)
	if err != nil {
		return nil, fmt.Errorf("parse api base url: %w", err)
	}
	if base.Scheme != "http" && base.Scheme != "https" || base.Host == "" {
		return nil, fmt.Errorf("api base url %q: want an absolute http or https url", apiBase)
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	if next == nil {
		next = http.DefaultTransport
	}
	return &rewriteTransport{base: base, next: next, strict: strict}, nil
}

// RoundTrip implements http.RoundTripper.
func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	host := strings.ToLower(req.URL.Hostname())
	if !discordHosts[host] {
		if t.strict && req.URL.Host != t.base.Host {
			closeBody(req)
			return nil, fmt.Errorf("localdiscord: refusing request to %s: only discord.com and %s are served", req.URL.Host, t.base.Host)
		}
		return t.next.RoundTrip(req)
	}
	escaped := req.URL.EscapedPath()
	loc := apiPrefix.FindStringIndex(escaped)
	if loc == nil {
		closeBody(req)
		return nil, fmt.Errorf("localdiscord: cannot rewrite %s: not an /api/ path", req.URL)
	}
	rawPath := t.base.EscapedPath() + escaped[loc[1]:]
	path, err := url.PathUnescape(rawPath)
	if err != nil {
		closeBody(req)
		return nil, fmt.Errorf("localdiscord: cannot rewrite %s: %w", req.URL, err)
	}
	out := req.Clone(req.Context())
	u := *t.base
	u.Path, u.RawPath = path, rawPath
	u.RawQuery = req.URL.RawQuery
	out.URL = &u
	out.Host = ""
	return t.next.RoundTrip(out)
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}
