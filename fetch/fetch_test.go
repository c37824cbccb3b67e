package fetch_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/fetch"
)

// resolver answers from a fixed table, like a DNS server the test controls.
type resolver map[string][]netip.Addr

func (r resolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := r[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// publicIP is a public address (not a documentation range) that the test
// routes to its local server.
var publicIP = netip.MustParseAddr("93.184.216.34")

// routed returns a Fetcher whose connections to publicIP reach srv.
func routed(t *testing.T, srv *httptest.Server, r resolver, o fetch.Options) *fetch.Fetcher {
	t.Helper()
	local := srv.Listener.Addr().String()
	o.Resolver = r
	o.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		if host != publicIP.String() {
			return nil, errors.New("test dialer: unexpected address " + addr)
		}
		return (&net.Dialer{}).DialContext(ctx, network, local)
	}
	return fetch.New(o)
}

func TestFetchPublicPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><title>x</title><p>hello</p></html>"))
	}))
	defer srv.Close()
	f := routed(t, srv, resolver{"news.example": {publicIP}}, fetch.Options{})
	p, err := f.Fetch(context.Background(), "http://news.example/article")
	if err != nil {
		t.Fatal(err)
	}
	if p.ContentType != "text/html" || !strings.Contains(string(p.Body), "hello") || p.URL != "http://news.example/article" {
		t.Fatalf("%+v", p)
	}
}

func TestNonPublicAddressesAreRefused(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		if r.URL.Path == "/redirect" {
			http.Redirect(w, r, "http://internal.example/secret", http.StatusFound)
			return
		}
		if r.URL.Path == "/redirect-ip" {
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("secret"))
	}))
	defer srv.Close()
	r := resolver{
		"news.example":     {publicIP},
		"internal.example": {netip.MustParseAddr("10.0.0.5")},
		"mixed.example":    {publicIP, netip.MustParseAddr("192.168.1.1")},
		"v6local.example":  {netip.MustParseAddr("::1")},
		"mapped.example":   {netip.MustParseAddr("::ffff:127.0.0.1")},
	}
	f := routed(t, srv, r, fetch.Options{})
	for _, u := range []string{
		"http://127.0.0.1/x",
		"http://169.254.169.254/latest/meta-data/",
		"http://[::1]/x",
		"http://internal.example/x",
		"http://mixed.example/x",
		"http://v6local.example/x",
		"http://mapped.example/x",
		"http://news.example/redirect",
		"http://news.example/redirect-ip",
	} {
		_, err := f.Fetch(context.Background(), u)
		if !errors.Is(err, fetch.ErrNotPublic) {
			t.Errorf("%s: err %v, want ErrNotPublic", u, err)
		}
	}
	// only the two redirecting pages were served; no private target was
	if hits != 2 {
		t.Errorf("the server saw %d requests, want 2 (the redirects)", hits)
	}
}

func TestAllowPrivate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/markdown")
		w.Write([]byte("# Local\n\ntext"))
	}))
	defer srv.Close()
	f := fetch.New(fetch.Options{AllowPrivate: true})
	if _, err := f.Fetch(context.Background(), srv.URL+"/a.md"); err != nil {
		t.Fatal(err)
	}
}

func TestLimits(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte(strings.Repeat("x", 5000)))
		case "/pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF"))
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		case "/missing":
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	f := routed(t, srv, resolver{"news.example": {publicIP}}, fetch.Options{MaxBytes: 1024, Timeout: 200 * time.Millisecond})
	tests := map[string]string{
		"/big":     "limit",
		"/pdf":     "content type",
		"/slow":    "",
		"/missing": "404",
	}
	for path, want := range tests {
		start := time.Now()
		_, err := f.Fetch(context.Background(), "http://news.example"+path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err %v, want one mentioning %q", path, err, want)
		}
		if time.Since(start) > 3*time.Second {
			t.Errorf("%s took %v with a 200ms deadline", path, time.Since(start))
		}
	}
	for _, u := range []string{"ftp://news.example/x", "file:///etc/passwd", "http://user:pw@news.example/", "not a url"} {
		if _, err := f.Fetch(context.Background(), u); err == nil {
			t.Errorf("%s accepted", u)
		}
	}
}

func TestPublic(t *testing.T) {
	for _, tc := range []struct {
		addr string
		want bool
	}{
		{"93.184.216.34", true},
		{"2606:2800:220:1:248:1893:25c8:1946", true},
		{"127.0.0.1", false},
		{"10.1.2.3", false},
		{"169.254.169.254", false},
		{"::1", false},
		{"::", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:93.184.216.34", true},
		// IPv4-compatible forms carry the IPv4 address they end with
		{"::127.0.0.1", false},
		{"::10.0.0.1", false},
		{"::169.254.169.254", false},
		{"::93.184.216.34", true},
		// 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD
		{"2002:7f00:1::", false},       // 127.0.0.1
		{"2002:a9fe:a9fe::1", false},   // 169.254.169.254
		{"2002:c0a8:0101:1::1", false}, // 192.168.1.1
		{"2002:5db8:d822::1", true},    // 93.184.216.34
		{"64:ff9b::7f00:1", false},     // NAT64 of 127.0.0.1
		{"fe80::1", false},
	} {
		if got := fetch.Public(netip.MustParseAddr(tc.addr)); got != tc.want {
			t.Errorf("Public(%s) = %v, want %v", tc.addr, got, tc.want)
		}
	}
}
