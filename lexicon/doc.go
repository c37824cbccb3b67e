// Package lexicon gives footnote related words for matching a question to
// articles that word things differently: synonyms and derived forms in the
// same language, and translations between English and Spanish.
//
// Sources, all Debian packages, each turned into a compact table embedded
// in the binary (data/*.lex.gz, about 3.3 MB together) with its licence
// beside it:
//
//   - English synonyms: WordNet 3.0 (wordnet-base; data/LICENSE.wordnet,
//     a permissive licence). Same-synset words of a word's first senses,
//     derived forms and pertainyms (mexican → mexico, and back), similar
//     adjectives, one level of hypernyms and of small hyponym sets, weighted
//     by relation and by sense rank, and by SemCor tag counts where several
//     lemmas share a stem ("arresting" weighs less than "arrest").
//   - Spanish synonyms: the LibreOffice Spanish thesaurus (mythes-es;
//     data/LICENSE.mythes-es, LGPL 2.1). It has no sense frequencies, so a
//     link counts fully only when the two words also share an English
//     translation. It has no derived forms either: WordNet's are carried
//     over through the dictionaries (ecuatoriano → ecuadorian → ecuador →
//     Ecuador).
//   - English↔Spanish: FreeDict eng-spa and spa-eng (dict-freedict-*, GPL 2
//     or later) and the Apertium English-Spanish bilingual dictionary
//     (apertium-eng-spa, GPL 2); data/LICENSE.en-es. Words of one language
//     that share a main translation are also linked as synonyms, weakly
//     (detain and arrest both translate "detener"). Building with the tag
//     lexicon_nogpl leaves the GPL table out of the binary; Translations
//     then returns nil.
//
// Words are keyed by stem, as lang.Stem gives it for a folded word, because
// retrieval and matching work on stems; lemmas that share a stem share an
// entry. To regenerate the tables (CI does not: the generated files are
// committed):
//
//	apt-get install wordnet-base mythes-es dict-freedict-eng-spa dict-freedict-spa-eng apertium-eng-spa lttoolbox-dev
//	go generate ./lexicon
//
// The data is decoded on first use, once, and is then read-only: every
// function here is safe for concurrent use.
package lexicon

//go:generate go run ./internal/gen -out data
