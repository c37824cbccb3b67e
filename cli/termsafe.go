package cli

import (
	"io"
	"unicode/utf8"
)

// termSafe wraps w so that nothing written through it can act on a
// terminal: C0 control characters other than tab and newline, DEL, C1
// controls, the bidirectional override and isolate marks, and bytes that
// are not UTF-8 are dropped. It is footnote's last line of defence for what
// it prints (titles and text are already cleaned when articles are read).
// JSON output stays valid: encoding/json escapes C0 controls, and the rest
// are dropped from string values.
// A rune split across two writes is held back until it is complete.
func termSafe(w io.Writer) io.Writer { return &safeWriter{w: w} }

type safeWriter struct {
	w    io.Writer
	tail []byte // the start of a rune the last write ended in
}

func (s *safeWriter) Write(p []byte) (int, error) {
	buf := p
	if len(s.tail) > 0 {
		buf = append(s.tail, p...)
		s.tail = nil
	}
	out := make([]byte, 0, len(buf))
	for i := 0; i < len(buf); {
		if !utf8.FullRune(buf[i:]) {
			s.tail = append([]byte(nil), buf[i:]...)
			break
		}
		r, size := utf8.DecodeRune(buf[i:])
		if !(r == utf8.RuneError && size == 1) && !unsafeRune(r) {
			out = append(out, buf[i:i+size]...)
		}
		i += size
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

func unsafeRune(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
