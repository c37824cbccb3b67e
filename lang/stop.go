package lang

import (
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
)

// extraStop are words that carry no topic in questions and news prose, beyond
// Snowball's lists: auxiliaries, reporting verbs and question words.
var extraStop = map[Lang]map[string]bool{
	English: set("would", "could", "may", "might", "must", "shall", "also", "us",
		"one", "get", "got", "whose", "however", "yet", "ever", "there's",
		"said", "says", "say", "told", "tell", "according", "mr", "ms", "mrs",
		"isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't",
		"can't", "won't", "it's", "that's", "what's", "who's", "let", "like", "well",
		"although", "though", "despite", "whereas", "vs", "versus"),
	Spanish: set("cual", "cuales", "cuándo", "cuando", "donde", "dónde", "como", "cómo",
		"quien", "quién", "quiénes", "qué", "cuál", "cuáles", "cuánto", "cuánta",
		"cuántos", "cuántas", "dijo", "dice", "según", "sr", "sra", "señor",
		"puede", "pueden", "podría", "ser", "sido", "hacer", "hizo", "hace",
		"tras", "así", "aún", "sino", "cada", "aunque", "pese", "vs", "versus"),
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[Fold(w)] = true
		m[w] = true
	}
	return m
}

// IsStop reports whether the folded word w is a stop word in language l. A
// word that is a stop word in either language is one in a text of unknown
// language.
func IsStop(l Lang, w string) bool {
	switch l {
	case Spanish:
		return spanish.IsStopWord(w) || spanishFolded[w] || extraStop[Spanish][w]
	case English:
		return english.IsStopWord(w) || extraStop[English][w]
	}
	return IsStop(English, w) || IsStop(Spanish, w)
}

// spanishFolded holds Snowball's Spanish stop words without accents, since
// tokens are folded before the check.
var spanishFolded = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"más", "sí", "también", "mí", "qué", "él", "tú", "mío", "mía",
		"míos", "mías", "está", "estás", "están", "esté", "estés", "estén", "será", "serán",
		"había", "habían", "fue", "fueron", "está", "sería", "serían", "tenía", "tenían",
		"quién", "cuál", "cómo", "dónde", "cuándo", "estaría", "habría", "tendrá"} {
		m[Fold(w)] = true
	}
	return m
}()
