// Package golden compares what a test produced with a golden file, or
// rewrites the file when the test runs with its package's -update flag.
//
// It is for tests only; no program links it.
package golden

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// Check compares got with the file at path. With update it writes got to
// path instead. A missing file, or one that differs from got, fails tb,
// naming the first line that differs.
func Check(tb testing.TB, path, got string, update bool) {
	tb.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if msg := diff(got, string(want)); msg != "" {
		tb.Fatalf("%s differs from %s\n(run go test -update if the change is intended)", path, msg)
	}
}

// diff describes the first line where got and want differ ("" when they
// are the same).
func diff(got, want string) string {
	if got == want {
		return ""
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			return fmt.Sprintf("line %d:\n got: %q\nwant: %q", i+1, g, w)
		}
	}
	// unreachable: two different strings differ on some line
	return "a line that is equal in both"
}
