package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word or number of a text.
type Token struct {
	// Text is the folded form: lower case, no accents, possessive dropped,
	// thousands separators removed from numbers.
	Text string
	// Start and End are byte offsets of the token in the text it came from.
	Start, End int
	// Upper is true when the word was written with a capital first letter.
	Upper bool
	// Number is true when the token is made of digits.
	Number bool
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == 'ʼ' }

// Tokenize splits s into words and numbers. Hyphenated words give one token
// per part; an apostrophe followed by s ("Mexico’s", "Glas’") is dropped with
// what follows, other apostrophes join ("aren't" stays one token). Numbers
// keep inner separators out ("1,200" is "1200", "3.5" stays "3.5").
func Tokenize(s string) []Token {
	var toks []Token
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		number := unicode.IsDigit(r)
		upper := unicode.IsUpper(r)
		var b strings.Builder
		end := i
		for i < len(s) {
			r, n = utf8.DecodeRuneInString(s[i:])
			switch {
			case isWordRune(r):
				b.WriteRune(foldRune(r))
				i += n
				end = i
				if !unicode.IsDigit(r) {
					number = false
				}
				continue
			case r == '.' && !number && i+n < len(s) && isInitialism(s[start:i], s[i+n:]):
				// U.S., E.U.: single letters joined by dots make one token,
				// which keeps its dots ("u.s", not the pronoun "us").
				b.WriteByte('.')
				i += n
				continue
			case number && (r == ',' || r == '.') && i+n < len(s):
				// 1,200 or 3.5: a separator between digits.
				if nr, _ := utf8.DecodeRuneInString(s[i+n:]); unicode.IsDigit(nr) {
					if r == '.' {
						b.WriteByte('.')
					}
					i += n
					continue
				}
			case isApostrophe(r) && i+n < len(s):
				nr, nn := utf8.DecodeRuneInString(s[i+n:])
				if nr == 's' || nr == 'S' {
					// possessive: skip "'s" unless more letters follow ("'sbarro").
					after := i + n + nn
					if after >= len(s) {
						i = after
						break
					}
					if ar, _ := utf8.DecodeRuneInString(s[after:]); !isWordRune(ar) {
						i = after
						break
					}
				}
				if isWordRune(nr) && !number {
					b.WriteByte('\'')
					i += n
					continue
				}
			}
			break
		}
		text := b.String()
		if text == "" {
			continue
		}
		toks = appendWord(s, toks, Token{Text: text, Start: start, End: end, Upper: upper, Number: number})
	}
	return toks
}

// appendWord appends the token of a word of s, or two for a Spanish "ex"
// joined to a post: "exalcalde" is "ex" and "alcalde", as "ex-mayor" is
// (see exCompound). The second token keeps the word's capital
// ("Exministra" is "Ex" and "Ministra") and starts where the word's
// second letter ends. Its Start is the first's End: Joined tells such a
// pair from two words.
func appendWord(s string, toks []Token, t Token) []Token {
	rest, ok := exCompound(t.Text)
	if !ok {
		return append(toks, t)
	}
	mid := t.Start
	for range 2 {
		_, n := utf8.DecodeRuneInString(s[mid:])
		mid += n
	}
	return append(toks, Token{Text: "ex", Start: t.Start, End: mid, Upper: t.Upper},
		Token{Text: rest, Start: mid, End: t.End, Upper: t.Upper})
}

// Joined reports whether toks[i] continues the word of toks[i-1], as the
// post after a joined "ex" does ("Exmilitares"): nothing stands between.
func Joined(toks []Token, i int) bool {
	return i > 0 && toks[i].Start == toks[i-1].End
}

// exCompound splits a Spanish word that joins "ex" to a word for a post or
// a person ("exalcalde", "expresidenta", "exministros") into the word
// without it, so that it matches "alcalde", "ex alcalde" and, through the
// dictionary, "former mayor". Only the words of exPosts are split: many
// words begin with "ex" ("examen", "existir", "explicar").
func exCompound(w string) (string, bool) {
	rest, ok := strings.CutPrefix(w, "ex")
	if !ok || len(rest) < 4 {
		return "", false
	}
	if exPosts[rest] || exPosts[strings.TrimSuffix(rest, "s")] || exPosts[strings.TrimSuffix(rest, "es")] {
		return rest, true
	}
	return "", false
}

// exPosts are the folded Spanish words for posts and roles that news
// writes with a joined "ex".
var exPosts = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`alcalde alcaldesa presidente presidenta vicepresidente vicepresidenta
		ministro ministra viceministro viceministra canciller director directora diputado diputada senador senadora
		gobernador gobernadora juez jueza fiscal embajador embajadora secretario secretaria jefe jefa esposo esposa
		marido novio novia pareja militar funcionario funcionaria empleado empleada trabajador trabajadora
		socio socia miembro integrante policia agente soldado guerrillero guerrillera combatiente candidato candidata
		legislador legisladora asambleista concejal concejala mandatario mandataria gerente comandante lider dirigente
		portavoz vocero vocera titular rector rectora asesor asesora colaborador colaboradora jugador jugadora
		entrenador entrenadora magistrado magistrada procurador procuradora contralor contralora defensor defensora
		congresista parlamentario parlamentaria consejero consejera regidor regidora intendente prefecto prefecta
		premier dictador dictadora convicto convicta`) {
		exPosts[w] = true
	}
}

// isInitialism reports whether the word so far (done) is a run of single
// capital letters separated by dots and the text after the dot (rest) goes on
// with another single letter and dot, as in "U.S." or "E.E.U.U.".
func isInitialism(done, rest string) bool {
	// only the letter since the last dot needs checking: the ones before
	// were checked when their dots were read
	last := done[strings.LastIndexByte(done, '.')+1:]
	r0, n0 := utf8.DecodeRuneInString(last)
	if n0 != len(last) || !unicode.IsUpper(r0) {
		return false
	}
	r, n := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r) || n >= len(rest) {
		return false
	}
	return rest[n] == '.'
}
