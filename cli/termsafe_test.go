package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTermSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text\n", "plain text\n"},
		{"tab\tkept\n", "tab\tkept\n"},
		{"\x1b[2J\x1b]0;owned\x07title\r\n", "[2J]0;ownedtitle\n"},
		{"c1 \u009b31m and \u0085", "c1 31m and "},
		{"bidi \u202eevil\u202c \u2066x\u2069", "bidi evil x"},
		{"bad \xff\xfe bytes", "bad  bytes"},
		{"¿Qué pasó en la embajada? «Sí» — 👍", "¿Qué pasó en la embajada? «Sí» — 👍"},
	} {
		var b bytes.Buffer
		w := termSafe(&b)
		if n, err := w.Write([]byte(tc.in)); err != nil || n != len(tc.in) {
			t.Errorf("Write(%q) = %d, %v", tc.in, n, err)
		}
		if b.String() != tc.want {
			t.Errorf("termSafe(%q) = %q, want %q", tc.in, b.String(), tc.want)
		}
	}
}

// TestTermSafeKeepsJSON: JSON output stays valid; C0 controls in values
// are escaped by encoding/json and pass, C1 and bidi marks are dropped.
func TestTermSafeKeepsJSON(t *testing.T) {
	v := map[string]string{"title": "Raid \x1b[2J\u009b\u202e", "text": "a\nb\tc"}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	termSafe(&b).Write(data)
	var got map[string]string
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("not JSON any more: %v\n%s", err, b.Bytes())
	}
	if got["title"] != "Raid \x1b[2J" || got["text"] != v["text"] {
		t.Errorf("decoded %q", got)
	}
}

func FuzzTermSafe(f *testing.F) {
	for _, s := range []string{"", "a\x1b[31mb", "ñandú 👍", "\xc2\x9b", "\xe2\x80\xae", "x\r\ny"} {
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, cut uint8) {
		// written whole or in two pieces, split anywhere (inside a rune too)
		var whole, split bytes.Buffer
		termSafe(&whole).Write([]byte(s))
		w := termSafe(&split)
		i := int(cut) % (len(s) + 1)
		w.Write([]byte(s[:i]))
		w.Write([]byte(s[i:]))
		if whole.String() != split.String() {
			t.Fatalf("%q: whole %q, split at %d %q", s, whole.String(), i, split.String())
		}
		out := whole.String()
		if !utf8.ValidString(out) {
			t.Fatalf("%q: output %q is not UTF-8", s, out)
		}
		for _, r := range out {
			if unsafeRune(r) {
				t.Fatalf("%q: output %q keeps %U", s, out, r)
			}
		}
		if utf8.ValidString(s) && !strings.ContainsFunc(s, unsafeRune) && out != s {
			t.Fatalf("%q changed to %q", s, out)
		}
	})
}
