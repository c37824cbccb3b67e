// Package fetch downloads articles from the web safely: with a deadline, a
// size limit and a content-type check, and never from an address that is not
// public (loopback, private, link-local, cloud metadata), whether named
// directly, through DNS or through a redirect.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// ErrNotPublic is returned when a URL leads to an address that is not public.
var ErrNotPublic = errors.New("address is not public")

// Resolver looks up a host's addresses. *net.Resolver implements it; tests
// pass their own.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Fetcher downloads pages. The zero value is not usable; use New.
type Fetcher struct {
	client       *http.Client
	maxBytes     int64
	allowPrivate bool
	resolver     Resolver
}

// Defaults of Options.
const (
	DefaultTimeout  = 20 * time.Second
	DefaultMaxBytes = 5 << 20
)

// Options configure a Fetcher.
type Options struct {
	Timeout  time.Duration // whole request, redirects included (default DefaultTimeout)
	MaxBytes int64         // largest body (default DefaultMaxBytes)
	// AllowPrivate lets the fetcher reach loopback and private addresses
	// (for a corpus served on the local network).
	AllowPrivate bool
	Resolver     Resolver // default net.DefaultResolver
	// Dial connects to an address that passed the check (default a
	// net.Dialer); tests route public test addresses to local servers.
	Dial      func(ctx context.Context, network, address string) (net.Conn, error)
	UserAgent string
}

// Page is a downloaded document.
type Page struct {
	// URL is the final address, after redirects.
	URL         string
	ContentType string // media type without parameters
	Body        []byte
}

// Accepted media types.
var accepted = map[string]bool{
	"text/html": true, "application/xhtml+xml": true, "text/plain": true,
	"text/markdown": true, "text/x-markdown": true,
}

const maxRedirects = 5

// New returns a Fetcher.
func New(o Options) *Fetcher {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Resolver == nil {
		o.Resolver = net.DefaultResolver
	}
	f := &Fetcher{maxBytes: o.MaxBytes, allowPrivate: o.AllowPrivate, resolver: o.Resolver}
	dial := o.Dial
	if dial == nil {
		dial = (&net.Dialer{Timeout: 10 * time.Second}).DialContext
	}
	tr := &http.Transport{
		Proxy: nil, // a proxy would dial for us, unchecked
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			ip, err := f.resolve(ctx, host)
			if err != nil {
				return nil, err
			}
			// Dial the address that was checked, so DNS cannot change its
			// answer between the check and the connection.
			return dial(ctx, network, net.JoinHostPort(ip.String(), port))
		},
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: o.Timeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	ua := o.UserAgent
	if ua == "" {
		ua = "footnote/1 (+article ingest)"
	}
	f.client = &http.Client{
		Timeout:   o.Timeout,
		Transport: uaTransport{ua: ua, rt: tr},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("more than %d redirects", maxRedirects)
			}
			return checkURL(req.URL)
		},
	}
	return f
}

type uaTransport struct {
	ua string
	rt http.RoundTripper
}

func (t uaTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("User-Agent", t.ua)
	r.Header.Set("Accept", "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9")
	return t.rt.RoundTrip(r)
}

func checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q is not an http or https URL", u.Redacted())
	}
	if u.Hostname() == "" {
		return fmt.Errorf("%q has no host", u.Redacted())
	}
	if u.User != nil {
		return fmt.Errorf("URLs with credentials are not fetched")
	}
	return nil
}

// resolve returns the first address of host, failing if any of its
// addresses is not public (unless private addresses are allowed).
func (f *Fetcher) resolve(ctx context.Context, host string) (netip.Addr, error) {
	var addrs []netip.Addr
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		if !f.allowPrivate && !Public(ip) {
			return netip.Addr{}, fmt.Errorf("%s: %w", ip, ErrNotPublic)
		}
		return ip.Unmap(), nil
	} else {
		addrs, err = f.resolver.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return netip.Addr{}, fmt.Errorf("resolve %s: %w", host, err)
		}
		if len(addrs) == 0 {
			return netip.Addr{}, fmt.Errorf("resolve %s: no addresses", host)
		}
	}
	if !f.allowPrivate {
		for _, a := range addrs {
			if !Public(a) {
				return netip.Addr{}, fmt.Errorf("%s resolves to %s: %w", host, a, ErrNotPublic)
			}
		}
	}
	return addrs[0].Unmap(), nil
}

// embeddedIPv4 returns the IPv4 address an IPv6 address carries in the
// deprecated IPv4-compatible form (::a.b.c.d, but not :: or ::1) or the 6to4
// form (2002:aabb:ccdd::/48).
func embeddedIPv4(a netip.Addr) (netip.Addr, bool) {
	if !a.Is6() {
		return netip.Addr{}, false
	}
	b := a.As16()
	if b[0] == 0x20 && b[1] == 0x02 {
		return netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}), true
	}
	for _, x := range b[:12] {
		if x != 0 {
			return netip.Addr{}, false
		}
	}
	if b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1 {
		return netip.Addr{}, false // :: and ::1 are their own addresses
	}
	return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}), true
}

// nonPublic are the ranges no article is fetched from.
var nonPublic = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
		"172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
		"198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
		"::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8",
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// Public reports whether an address is a public unicast address. IPv6
// forms that embed an IPv4 address (IPv4-mapped ::ffff:0:0/96,
// IPv4-compatible ::/96, 6to4 2002::/16) are judged by the IPv4 address
// they carry.
func Public(a netip.Addr) bool {
	a = a.Unmap()
	if v4, ok := embeddedIPv4(a); ok {
		return Public(v4)
	}
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsMulticast() || a.IsUnspecified() || a.IsInterfaceLocalMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// Fetch downloads rawURL. It fails with a one-line error for a bad URL, an
// address that is not public (ErrNotPublic), an HTTP error status, a media
// type that is not HTML, Markdown or plain text, or a body over the limit.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Page, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("bad URL: %w", err)
	}
	if err := checkURL(u); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("bad URL: %w", err)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", u.Redacted(), resp.Status)
	}
	mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil || !accepted[mt] {
		return nil, fmt.Errorf("fetch %s: content type %q is not HTML, Markdown or plain text", u.Redacted(), resp.Header.Get("Content-Type"))
	}
	if resp.ContentLength > f.maxBytes {
		return nil, fmt.Errorf("fetch %s: %d bytes, over the %d-byte limit", u.Redacted(), resp.ContentLength, f.maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	if int64(len(body)) > f.maxBytes {
		return nil, fmt.Errorf("fetch %s: over the %d-byte limit", u.Redacted(), f.maxBytes)
	}
	return &Page{URL: resp.Request.URL.String(), ContentType: mt, Body: body}, nil
}
