package eval

import (
	"strings"
	"testing"
)

// FuzzRead: a question set either reads, every item with a question and
// an id, or is refused with an error; it never panics.
func FuzzRead(f *testing.F) {
	f.Add(`{"question":"Who?"}`)
	f.Add("\n\n" + `{"id":"a","question":"Where?","expect":["x"]}` + "\n{")
	f.Add(`{"question":" "}`)
	f.Fuzz(func(t *testing.T, in string) {
		items, err := Read(strings.NewReader(in))
		if err != nil {
			if items != nil {
				t.Fatalf("Read(%q) = %v items and error %v", in, len(items), err)
			}
			return
		}
		if len(items) == 0 {
			t.Fatalf("Read(%q) = no items, no error", in)
		}
		for i, it := range items {
			if strings.TrimSpace(it.Question) == "" || it.ID == "" {
				t.Fatalf("Read(%q): item %d = %+v", in, i, it)
			}
		}
	})
}
