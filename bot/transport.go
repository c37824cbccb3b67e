package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// apiPath matches the versioned API prefix discordgo puts on every REST
// path ("/api/v9/").
var apiPath = regexp.MustCompile(`^/api/v\d+/`)

// apiRewriter sends discordgo's REST calls for discord.com to another
// Discord-compatible base URL: a REST proxy, or a local server.
type apiRewriter struct {
	base *url.URL
	next http.RoundTripper
}

// NewHTTPClient returns the REST client for a Discord API base URL: empty
// means Discord itself. Requests have a deadline either way.
func NewHTTPClient(apiBase string) (*http.Client, error) {
	c := &http.Client{Timeout: 30 * time.Second}
	if apiBase == "" {
		return c, nil
	}
	u, err := url.Parse(apiBase)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("discord API URL %q is not an http(s) URL", apiBase)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	c.Transport = &apiRewriter{base: u, next: http.DefaultTransport}
	return c, nil
}

func (t *apiRewriter) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != "discord.com" || !apiPath.MatchString(r.URL.Path) {
		return t.next.RoundTrip(r)
	}
	r = r.Clone(r.Context())
	rest := apiPath.ReplaceAllString(r.URL.Path, "")
	r.URL.Scheme, r.URL.Host = t.base.Scheme, t.base.Host
	r.URL.Path = t.base.Path + rest
	r.URL.RawPath = ""
	r.Host = t.base.Host
	return t.next.RoundTrip(r)
}
