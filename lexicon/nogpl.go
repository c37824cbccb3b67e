//go:build lexicon_nogpl

package lexicon

// gplData is empty in a build with the tag lexicon_nogpl: the binary
// carries no GPL data and Translations returns nil.
var gplData []byte
