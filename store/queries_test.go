package store

import (
	"strconv"
	"strings"
	"testing"
)

func TestDollars(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"SELECT 1", "SELECT 1"},
		{"WHERE a = ?", "WHERE a = $1"},
		{"VALUES (?, ?, ?)", "VALUES ($1, $2, $3)"},
		{"?", "$1"},
		{"??", "$1$2"},
		{"a = ? AND b IN (?,?) ORDER BY c", "a = $1 AND b IN ($2,$3) ORDER BY c"},
		{strings.Repeat("?,", 11) + "?", "$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12"},
	}
	for _, tt := range tests {
		if got := dollars(tt.in); got != tt.want {
			t.Errorf("dollars(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzDollars: every "?" becomes the next $n, and nothing else changes.
func FuzzDollars(f *testing.F) {
	f.Add("VALUES (?, ?)")
	f.Add("no parameters")
	f.Add("?é?")
	f.Fuzz(func(t *testing.T, q string) {
		got := dollars(q)
		var want strings.Builder
		n := 0
		for i := 0; i < len(q); i++ {
			if q[i] == '?' {
				n++
				want.WriteString("$" + strconv.Itoa(n))
				continue
			}
			want.WriteByte(q[i])
		}
		if got != want.String() {
			t.Fatalf("dollars(%q) = %q, want %q", q, got, want.String())
		}
		if strings.Count(got, "?") != 0 {
			t.Fatalf("dollars(%q) = %q keeps a ?", q, got)
		}
	})
}
