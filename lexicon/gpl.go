//go:build lexicon_gpl

package lexicon

import _ "embed"

// gplData holds the English↔Spanish translations drawn from FreeDict and
// Apertium, which are GPL-2.0-or-later and GPL-2.0 (data/LICENSE.en-es), and
// the English and Spanish synonym tables improved through them. It is
// embedded only in a build with the tag lexicon_gpl, a binary that must then
// be distributed under the GPL 2.
//
//go:embed data/en-es.lex.gz
var gplData []byte
