package golden

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct{ got, want, msg string }{
		{"a\nb\n", "a\nb\n", ""},
		{"a\nc\n", "a\nb\n", "line 2:\n got: \"c\"\nwant: \"b\""},
		{"a\nb", "a\nb\nc", "line 3:\n got: \"\"\nwant: \"c\""},
		{"x", "", "line 1:\n got: \"x\"\nwant: \"\""},
	}
	for _, tt := range tests {
		if msg := diff(tt.got, tt.want); msg != tt.msg {
			t.Errorf("diff(%q, %q) = %q, want %q", tt.got, tt.want, msg, tt.msg)
		}
	}
}

// With update, Check writes the file; without, it passes on the same text.
func TestCheckUpdateThenCompare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	Check(t, path, "one\ntwo\n", true)
	data, err := os.ReadFile(path)
	if err != nil || string(data) != "one\ntwo\n" {
		t.Fatalf("after update the file holds %q, %v", data, err)
	}
	Check(t, path, "one\ntwo\n", false)
}
