package lang

import (
	"slices"
	"strconv"
	"strings"
)

// cardinals maps, for each language, the folded words for the numbers two
// to ninety-nine that are one word ("fifteen", "quince", "veintitrés",
// "forty") to their digits, so that a question's "15" finds "menores de
// quince años", "fifteen" finds "15", and "siete" finds "seven". The
// search leaves one-character tokens out, so a figure from 2 to 9 finds
// only the words, not the digit. One is left out: "one", "un", "una" are
// as often a pronoun or an article; so are the multipliers ("hundred",
// "mil"), which count nothing alone. The lexicons, keyed by the old stems,
// have no related words for these stems, as intended: "nueve" stemmed
// "nuev" drew the synonyms of "nuevo".
var cardinals = map[Lang]map[string]string{
	English: numberNames(`two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
		sixteen seventeen eighteen nineteen`, 20, `twenty thirty forty fifty sixty seventy eighty ninety`),
	Spanish: numberNames(`dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince
		dieciseis diecisiete dieciocho diecinueve veinte veintiuno veintidos veintitres veinticuatro veinticinco
		veintiseis veintisiete veintiocho veintinueve veintiun`, 30, `treinta cuarenta cincuenta sesenta setenta ochenta noventa`),
}

// numberNames numbers units, the words for 2, 3, … in order ("veintiún",
// last, is 21 again, as "veintiuno" is), and tens, the words for firstTen,
// firstTen+10, … in order (English lists twenty with its tens, Spanish
// spells 20 to 29 among its units).
func numberNames(units string, firstTen int, tens string) map[string]string {
	m := map[string]string{}
	for i, w := range strings.Fields(units) {
		m[w] = strconv.Itoa(i + 2)
	}
	if m["veintiun"] != "" {
		m["veintiun"] = "21"
	}
	for i, w := range strings.Fields(tens) {
		m[w] = strconv.Itoa(firstTen + 10*i)
	}
	return m
}

// CardinalWords returns the folded words of both languages that cardinals
// stems as digits, sorted: the numbers two to ninety-nine written out.
func CardinalWords() []string {
	var out []string
	for _, m := range cardinals {
		for w := range m {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
