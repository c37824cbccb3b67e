package playground

import (
	"embed"
	"io/fs"
	"net/http"
)

// web is the page: plain HTML, CSS and JavaScript, no build step.
//
//go:embed web
var web embed.FS

// contentSecurityPolicy lets the page load and fetch only from its own
// origin: no CDN, font, analytics or image from anywhere else, no inline
// script, no plug-ins, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// serveAssets registers the embedded page's files on mux: "/" is
// index.html, and every other file is served under its name.
func serveAssets(mux *http.ServeMux) {
	sub, err := fs.Sub(web, "web")
	if err != nil {
		// "web" is embedded above; fs.Sub fails only on an invalid name.
		panic("playground: " + err.Error())
	}
	files := http.FileServerFS(sub)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
	mux.Handle("GET /{$}", h)
	entries, err := fs.ReadDir(sub, ".")
	if err != nil {
		panic("playground: " + err.Error()) // an embedded directory is always readable
	}
	for _, e := range entries {
		if !e.IsDir() && e.Name() != "index.html" {
			mux.Handle("GET /"+e.Name(), h)
		}
	}
}
