package answer

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/lang"
)

// MaxQuestionRunes is the longest question accepted.
const MaxQuestionRunes = 1000

// ErrEmptyQuestion is returned for a question with no words.
var ErrEmptyQuestion = errors.New("the question is empty")

// CleanQuestion trims a question, replaces control characters with spaces and
// checks its length. It returns a one-line error a user can act on.
func CleanQuestion(q string) (string, error) {
	if !utf8.ValidString(q) {
		q = strings.ToValidUTF8(q, " ")
	}
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, q)
	q = strings.Join(strings.Fields(lang.Normalize(q)), " ")
	if q == "" {
		return "", ErrEmptyQuestion
	}
	if n := utf8.RuneCountInString(q); n > MaxQuestionRunes {
		return "", fmt.Errorf("the question is %d characters long; ask in at most %d", n, MaxQuestionRunes)
	}
	if len(lang.Tokenize(q)) == 0 {
		return "", ErrEmptyQuestion
	}
	return q, nil
}

// answerType is the kind of thing a question asks for.
type answerType int

const (
	typeAny answerType = iota
	typePerson
	typeTime
	typePlace
	typeQuantity
	typeReason
)

// qterm is a content word of a question.
type qterm struct {
	word   string // folded
	stem   string // as the corpus spells it
	weight float64
	known  bool
	entity bool // a name or number: the corpus must know it
	// category is the noun right after "which"/"what" ("which treaty"):
	// the answer names an instance of it and seldom repeats it.
	category bool
	// general words ("happen", "pasar") carry grammar more than topic.
	general bool
	// expansion holds the stems of the name an acronym stands for; a
	// sentence that has them all matches the acronym.
	expansion []string
	// alts are the word's stems in the other language (glossary), for
	// articles written in it.
	alts []string
}

// question is a question analysed against a corpus.
type question struct {
	text  string
	lang  lang.Lang
	typ   answerType
	terms []qterm
	words map[string]bool    // folded words of the question, for type checks
	pairs map[[2]string]bool // consecutive content stems of the question
}

func analyse(c Corpus, q string) *question {
	ql := lang.Detect(q, c.Language())
	toks := lang.Terms(ql, q)
	qs := &question{text: q, lang: ql, words: map[string]bool{}}
	qs.typ = questionType(toks)
	maxIDF := c.MaxIDF()
	seen := map[string]bool{}
	cat := categoryIndex(toks)
	qs.pairs = map[[2]string]bool{}
	prev := ""
	for i, t := range toks {
		qs.words[t.Text] = true
		if t.Stop || len(t.Text) < 2 || typeWord(t.Text) {
			continue
		}
		info := c.Term(ql, t.Text)
		if seen[info.Stem] {
			continue
		}
		seen[info.Stem] = true
		var expansion []string
		if name, ok := c.Acronym(t.Text); ok && len(t.Text) <= 6 {
			expansion = lang.ContentStems(lang.Detect(name, ql), name)
			if !info.Known {
				info.Known = true
				for _, st := range expansion {
					info.IDF = max(info.IDF, c.Term(ql, st).IDF)
				}
			}
		}
		alts := c.Translations(ql, t.Text)
		if !info.Known && len(alts) > 0 {
			info.Known = true
			for _, a := range alts {
				info.IDF = max(info.IDF, c.Term(ql.Other(), a).IDF)
			}
		}
		w := info.IDF
		if !info.Known {
			w = maxIDF
		}
		general := lang.IsGeneral(ql, t.Text)
		if general {
			w *= 0.35
		}
		if w < 0.2 {
			w = 0.2
		}
		if prev != "" {
			qs.pairs[[2]string{prev, info.Stem}] = true
		}
		prev = info.Stem
		qt := qterm{
			word:      t.Text,
			stem:      info.Stem,
			weight:    w,
			known:     info.Known,
			entity:    t.Number || t.Upper && i > 0 && !afterSentenceStart(q, t.Start),
			category:  i == cat,
			general:   general && !t.Upper,
			expansion: expansion,
			alts:      alts,
		}
		if qt.category {
			qt.weight *= 0.3
			qt.entity = false
		}
		qs.terms = append(qs.terms, qt)
	}
	return qs
}

// categoryIndex returns the index of the noun a "which X"/"what X" question
// asks an instance of, or -1. "What did …" and "what is …" have none.
func categoryIndex(toks []lang.Term) int {
	for i, t := range toks {
		switch t.Text {
		case "which", "what", "cual", "cuales", "que":
		case "how":
			// "how many X": X is what is counted
			if i+1 < len(toks) && (toks[i+1].Text == "many" || toks[i+1].Text == "much") && i+2 < len(toks) && !toks[i+2].Stop {
				return i + 2
			}
			continue
		case "cuantos", "cuantas", "cuanto", "cuanta":
			if i+1 < len(toks) && !toks[i+1].Stop {
				return i + 1
			}
			continue
		default:
			continue
		}
		j := i + 1
		for j < len(toks) && (toks[j].Text == "other" || toks[j].Text == "otro" || toks[j].Text == "otra" || toks[j].Text == "otros" || toks[j].Text == "otras") {
			j++
		}
		// "what kind of X", "which type of X"
		if j+1 < len(toks) && (toks[j].Text == "kind" || toks[j].Text == "type" || toks[j].Text == "sort" || toks[j].Text == "tipo" || toks[j].Text == "clase") {
			j += 2
		}
		if j < len(toks) && !toks[j].Stop {
			return j
		}
		return -1
	}
	return -1
}

// afterSentenceStart reports whether only punctuation (¿ ¡ quotes) stands
// between the start of q and offset i: such a capital is no sign of a name.
func afterSentenceStart(q string, i int) bool {
	return strings.TrimLeft(q[:i], " ¿¡\"'“‘«(") == ""
}

// typeWord reports question words that only say what kind of answer is
// wanted ("how many", "how far", "cuántos").
func typeWord(w string) bool {
	switch w {
	case "many", "much", "far", "long", "often", "old", "cuanto", "cuantos", "cuanta", "cuantas":
		return true
	}
	return false
}

func questionType(toks []lang.Term) answerType {
	for i, t := range toks {
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].Text
		}
		switch t.Text {
		case "who", "whom", "quien", "quienes":
			return typePerson
		case "why":
			return typeReason
		case "por":
			if next == "que" {
				return typeReason
			}
		case "when", "cuando":
			return typeTime
		case "where", "donde":
			return typePlace
		case "how":
			switch next {
			case "many", "much", "far", "long", "old", "often":
				return typeQuantity
			}
		case "cuanto", "cuantos", "cuanta", "cuantas":
			return typeQuantity
		case "what", "which", "que", "cual":
			switch next {
			case "year", "date", "day", "month", "time", "ano", "fecha", "dia", "mes":
				return typeTime
			}
		}
	}
	return typeAny
}
