package storetest

import "testing"

func TestWithSearchPath(t *testing.T) {
	tests := []struct{ base, want string }{
		{"host=localhost dbname=test", "host=localhost dbname=test search_path=s1"},
		{"postgres://u@h:5432/db", "postgres://u@h:5432/db?search_path=s1"},
		{"postgresql://u@h/db?sslmode=disable", "postgresql://u@h/db?search_path=s1&sslmode=disable"},
		{"postgres://u@h/db?search_path=old", "postgres://u@h/db?search_path=s1"},
	}
	for _, tt := range tests {
		if got := withSearchPath(t, tt.base, "s1"); got != tt.want {
			t.Errorf("withSearchPath(%q) = %q, want %q", tt.base, got, tt.want)
		}
	}
}
