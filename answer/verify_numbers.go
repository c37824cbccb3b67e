package answer

import (
	"strconv"
	"strings"

	"github.com/footnote-bot/footnote/lang"
)

// number is a quantity written in a text, in digits ("29", "1,200",
// "1.200") or in words of either language ("twenty-nine", "veintinueve").
type number struct {
	start, end int      // term indexes [start, end) it spans
	values     []string // canonical readings; a separator may be read two ways
	word       bool     // written in words only
	small      bool     // one or two written as a word: often not a count ("the two countries")
}

// unitWords are number words and their values, in both languages (folded).
var unitWords = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"cero": 0, "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
	"siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
	"quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
	"veintiuno": 21, "veintiun": 21, "veintiuna": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24,
	"veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
	"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
	"cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
	"cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500, "seiscientos": 600,
	"seiscientas": 600, "setecientos": 700, "setecientas": 700, "ochocientos": 800, "ochocientas": 800,
	"novecientos": 900, "novecientas": 900,
}

// scaleWords multiply what comes before them.
var scaleWords = map[string]int{
	"hundred": 100, "thousand": 1000, "million": 1000000, "millions": 1000000, "billion": 1000000000,
	"mil": 1000, "millon": 1000000, "millones": 1000000,
}

// ordinalSuffix strips "th", "st", "nd", "rd", "º", "ª" from "5th", "1º".
func ordinalValue(t string) (string, bool) {
	for _, suf := range []string{"th", "st", "nd", "rd", "º", "ª", "o", "a"} {
		if d, ok := strings.CutSuffix(t, suf); ok && d != "" && allDigits(d) {
			return d, true
		}
	}
	return "", false
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// digitReadings returns the canonical values of a number as written in
// language l: "1,200" is 1200 and "3.5" is 3.5 in English; in Spanish, where
// either mark may separate thousands or decimals, a mark followed by three
// digits is read both ways ("1.200": 1200 or 1.2) and otherwise as a
// decimal ("3,5").
func digitReadings(l lang.Lang, surface string) []string {
	surface = strings.TrimSpace(surface)
	if !strings.ContainsAny(surface, ".,") {
		return []string{canonical(surface)}
	}
	seps := strings.FieldsFunc(surface, func(r rune) bool { return r == '.' || r == ',' })
	last := seps[len(seps)-1]
	whole := canonical(strings.Join(seps, ""))
	if len(seps) != 2 {
		return []string{whole}
	}
	decimal := canonical(seps[0] + "." + last)
	switch {
	case l == lang.English && strings.Contains(surface, ","):
		return []string{whole}
	case l == lang.English, len(last) != 3:
		return []string{decimal}
	}
	return []string{whole, decimal}
}

// canonical writes a decimal number without leading zeros or trailing
// decimal zeros.
func canonical(s string) string {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// numbersIn finds the numbers of a text: digit tokens (with a scale word
// after them, "1.5 million") and runs of number words.
func numbersIn(l lang.Lang, text string, terms []lang.Term) []number {
	var out []number
	for i := 0; i < len(terms); {
		t := terms[i]
		switch {
		case t.Number:
			readings := digitReadings(l, text[t.Start:t.End])
			end := i + 1
			if end < len(terms) {
				if sc, ok := scaleWords[terms[end].Text]; ok {
					for k, r := range readings {
						if f, err := strconv.ParseFloat(r, 64); err == nil {
							readings[k] = canonical(strconv.FormatFloat(f*float64(sc), 'f', -1, 64))
						}
					}
					end++
				}
			}
			out = append(out, number{start: i, end: end, values: readings})
			i = end
			continue
		case isNumberWord(t.Text) && !(l == lang.English && t.Text == "once"):
			v, end := readNumberWords(terms, i)
			if end > i {
				n := number{start: i, end: end, values: []string{strconv.Itoa(v)}, word: true}
				n.small = end-i == 1 && v <= 2
				out = append(out, n)
				i = end
				continue
			}
		default:
			if d, ok := ordinalValue(t.Text); ok {
				out = append(out, number{start: i, end: i + 1, values: []string{canonical(d)}})
			}
		}
		i++
	}
	return out
}

func isNumberWord(w string) bool {
	_, unit := unitWords[w]
	_, scale := scaleWords[w]
	return unit || scale
}

// readNumberWords reads a run of number words from terms[i]: "twenty nine",
// "treinta y tres", "two hundred and five", "mil doscientos". It returns the
// value and the index after the run.
func readNumberWords(terms []lang.Term, i int) (int, int) {
	total, cur := 0, 0
	end := i
	seen := false
	for j := i; j < len(terms); j++ {
		w := terms[j].Text
		if (w == "and" || w == "y") && seen && j+1 < len(terms) && isNumberWord(terms[j+1].Text) {
			continue
		}
		if u, ok := unitWords[w]; ok {
			cur += u
			seen = true
			end = j + 1
			continue
		}
		if sc, ok := scaleWords[w]; ok {
			if cur == 0 {
				cur = 1
			}
			if sc == 100 {
				cur *= sc
			} else {
				total += cur * sc
				cur = 0
			}
			seen = true
			end = j + 1
			continue
		}
		break
	}
	if !seen {
		return 0, i
	}
	return total + cur, end
}
