// Package lexicon gives footnote related words for matching a question to
// articles that word things differently: synonyms and derived forms in the
// same language, and translations between English and Spanish; and it finds
// in a text the English phrasal verbs it keys ("step down", "kick … out";
// see Phrasals).
//
// Sources, all Debian packages, each turned into a compact table embedded
// in the binary (data/*.lex.gz) with its licence beside it:
//
//   - English synonyms: WordNet 3.0 (wordnet-base; data/wordnet.lex.gz,
//     data/LICENSE.wordnet, a permissive licence). Same-synset words of a
//     word's first senses, derived forms and pertainyms (mexican → mexico,
//     and back), similar adjectives, one level of hypernyms and of small
//     hyponym sets, weighted by relation and by sense rank, and by SemCor
//     tag counts where several lemmas share a stem ("arresting" weighs less
//     than "arrest").
//   - Spanish synonyms: the LibreOffice Spanish thesaurus (mythes-es;
//     data/mythes-es.lex.gz, data/LICENSE.mythes-es, LGPL 2.1). It has no
//     sense frequencies, so a link counts fully only when at least two
//     senses of one of the words list the other (the senses agree); other
//     links are scaled by 0.75.
//   - Kinds of English nouns and names: WordNet 3.0 again
//     (data/wordnet-kinds.txt.gz, same licence). KindOf says whether a noun
//     names a person ("official"), a place ("country", "Costa Rica"), a
//     group ("delegation"), a time or an attribute ("magnitude"), by its
//     lexicographer file, and which
//     adjectives name a place's people ("Mexican", "South American"), so
//     the answerer can tell what a "which X" question asks for and which
//     capitalised names are places rather than people.
//   - English↔Spanish: FreeDict eng-spa and spa-eng (dict-freedict-*, GPL 2
//     or later) and the Apertium English-Spanish bilingual dictionary
//     (apertium-eng-spa, GPL 2); data/en-es.lex.gz, data/LICENSE.en-es.
//
// The default build carries no GPL data: wordnet.lex.gz and
// mythes-es.lex.gz are each drawn from their own source alone, and
// Translations returns nil. Building with the tag lexicon_gpl (go build
// -tags lexicon_gpl) embeds en-es.lex.gz too, and the binary must then be
// distributed under the GPL 2. That file holds the translations both ways
// and the same-language tables improved through them, which are laid over
// the plain ones when it is loaded: Spanish thesaurus links confirmed by a
// shared English translation instead of by the thesaurus's own agreement;
// words of one language that share a main translation linked as synonyms,
// weakly (detain and arrest both translate "detener"); and WordNet's
// derived forms carried over to Spanish (ecuatoriano → ecuadorian → ecuador
// → Ecuador), which the thesaurus lacks.
//
// Words are keyed by stem, as lang.Terms gives it (lang.Stem of the word as
// written: Spanish is stemmed with its accents), because retrieval and
// matching work on stems; lemmas that share a stem share an entry. To
// regenerate the tables (CI does not: the generated files are committed):
//
//	apt-get install wordnet-base mythes-es dict-freedict-eng-spa dict-freedict-spa-eng apertium-eng-spa lttoolbox-dev
//	go generate ./lexicon
//
// then review the word lists with go test ./lexicon -run Golden -update and
// go test -tags lexicon_gpl ./lexicon -run Golden -update, and git diff.
//
// The data is decoded on first use, once, and is then read-only: every
// function here is safe for concurrent use.
package lexicon

//go:generate go run ./internal/gen -out data
