package main

import (
	"fmt"
	"os"
	"strings"
)

// stanza returns the lines of a Debian copyright file from the line that
// starts with from up to (not including) the next line starting with
// "Files:".
func stanza(path, from string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	in := false
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "Files:") {
			if in {
				break
			}
			in = strings.HasPrefix(line, from)
		}
		if in {
			b.WriteString(line + "\n")
		}
	}
	if b.Len() == 0 {
		return "", fmt.Errorf("%s: no stanza %q", path, from)
	}
	return b.String(), nil
}

// writeLicence writes a licence file: a header saying what it covers, the
// source package's copyright stanzas and, when given, a full licence text.
func writeLicence(path, header, copyrightFile, fullText string, stanzaStarts ...string) error {
	text := header + "\nFrom " + copyrightFile + ":\n\n"
	for _, start := range stanzaStarts {
		st, err := stanza(copyrightFile, start)
		if err != nil {
			return err
		}
		text += st
	}
	if fullText != "" {
		full, err := os.ReadFile(fullText)
		if err != nil {
			return err
		}
		text += "\n" + strings.Repeat("-", 72) + "\n" + fullText + ":\n\n" + string(full)
	}
	return os.WriteFile(path, []byte(text), 0o644)
}
