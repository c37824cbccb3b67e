//go:build !lexicon_gpl

package lexicon

// gplData is empty in the default build (without the tag lexicon_gpl): the
// binary carries no GPL data, Translations returns nil and synonyms come
// from WordNet and the Spanish thesaurus alone.
var gplData []byte
