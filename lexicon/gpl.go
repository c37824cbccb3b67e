//go:build !lexicon_nogpl

package lexicon

import _ "embed"

// gplData holds the English↔Spanish translations drawn from FreeDict and Apertium,
// which are GPL-2.0-or-later and GPL-2.0 (data/LICENSE.en-es). Build with the tag
// lexicon_nogpl to leave it out.
//
//go:embed data/en-es.lex.gz
var gplData []byte
