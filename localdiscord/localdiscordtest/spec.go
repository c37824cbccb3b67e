package localdiscordtest

import (
	"sync"
	"testing"

	"github.com/footnote-bot/footnote/localdiscord/spectest"
)

// specs caches the parsed OpenAPI documents by path: parsing one takes
// longer than most tests, and every harness of a test binary wants it.
var specs struct {
	mu     sync.Mutex
	byPath map[string]*specEntry
}

type specEntry struct {
	once sync.Once
	spec *spectest.Spec
	err  error
}

// Spec returns Discord's OpenAPI document at path (relative to the test's
// package, e.g. "../testdata/discord-api-spec/openapi.json"), parsed once
// per test binary; it fails tb when the document cannot be read or parsed.
func Spec(tb testing.TB, path string) *spectest.Spec {
	tb.Helper()
	specs.mu.Lock()
	if specs.byPath == nil {
		specs.byPath = map[string]*specEntry{}
	}
	e := specs.byPath[path]
	if e == nil {
		e = &specEntry{}
		specs.byPath[path] = e
	}
	specs.mu.Unlock()
	e.once.Do(func() { e.spec, e.err = spectest.LoadSpec(path) })
	if e.err != nil {
		tb.Fatalf("load discord spec: %v", e.err)
	}
	return e.spec
}
