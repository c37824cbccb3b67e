// Package corpus reads the articles footnote answers from: Markdown, plain
// text and HTML files with optional front matter, normalised and cut into
// chunks of whole sentences whose offsets let a citation quote its source
// exactly. The built-in corpus, the seed article, is embedded in the binary.
package corpus

import (
	"embed"
	"io/fs"
)

//go:embed *.md
var builtin embed.FS

// Builtin returns the corpus compiled into the binary: the Associated Press
// article of 6 April 2024 on Ecuador's raid on the Mexican embassy in Quito.
func Builtin() fs.FS { return builtin }
