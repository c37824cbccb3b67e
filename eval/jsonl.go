package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxLine is the longest line of a JSON Lines set, in bytes.
const maxLine = 1 << 20

// readLines parses a JSON Lines set of T; what is the set's name in errors
// ("question set"). Blank lines are skipped. check validates and completes
// each value, given its line number; its error need not name the line,
// readLines adds it. A bad line is an error naming its line number; a set
// without a value is an error too.
func readLines[T any](r io.Reader, what string, check func(v *T, n int) error) ([]T, error) {
	var out []T
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, maxLine), maxLine)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var v T
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if err := check(&v, n); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the %s is empty", what)
	}
	return out, nil
}

// lineID is id, or the line number n when id is empty.
func lineID(id string, n int) string {
	if id == "" {
		return strconv.Itoa(n)
	}
	return id
}
