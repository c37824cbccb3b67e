package answer

import (
	"strings"

	"github.com/footnote-bot/footnote/lang"
)

// negations are the words that turn a statement around, in both languages
// (folded). Quantifiers ("none against", "ninguno en contra") are left out:
// they count, they do not negate.
var negations = map[string]bool{
	"not": true, "no": true, "never": true, "without": true, "neither": true, "nor": true,
	"nobody": true, "nothing": true, "cannot": true,
	"nunca": true, "jamas": true, "sin": true, "ni": true, "tampoco": true, "nadie": true, "nada": true,
}

// negationScope returns the content words a sentence negates: the first
// two after each negation word ("not", "didn't", "sin"), up to a comma or
// other clause break. Fixed phrases that negate nothing ("not only", "sin
// embargo", "no solo", "No. 5") are skipped. A sentence with a negation but
// no content word after it negates the empty scope, reported as ok.
func negationScope(text string, terms []lang.Term) (scope []int, ok bool) {
	for i, t := range terms {
		next := ""
		if i+1 < len(terms) {
			next = terms[i+1].Text
		}
		switch {
		case strings.HasSuffix(t.Text, "n't"):
		case !negations[t.Text]:
			continue
		case t.Text == "sin" && next == "embargo",
			(t.Text == "not" || t.Text == "no") && (next == "only" || next == "solo"),
			t.Text == "no" && i+1 < len(terms) && terms[i+1].Number:
			continue
		}
		ok = true
		n := 0
		for j := i + 1; j < len(terms) && n < 2; j++ {
			if strings.ContainsAny(text[terms[j-1].End:terms[j].Start], ",;:.!?()—") {
				break
			}
			if !terms[j].Stop && len(terms[j].Text) > 1 {
				scope = append(scope, j)
				n++
			}
		}
	}
	return scope, ok
}

// antonymGroups pairs words of opposite meaning, in both languages, as
// folded word forms: a claim that says one where its source says the other
// says the reverse.
var antonymGroups = [][2]string{
	{"legal lawful legally legales licito licita", "illegal unlawful illegally ilegal ilegales ilegalmente ilicito ilicita"},
	{"approve approved approves approval aprobo aprobar aprueba aprobada aprobado aprobaron aprobacion",
		"reject rejected rejects rejection veto vetoed rechazo rechazar rechaza rechazada rechazado rechazaron vetaron veto"},
	{"accept accepted accepts acepto aceptar acepta aceptada aceptaron", "refuse refused refuses declined rehuso rechazo rechazaron nego"},
	{"before prior antes", "after despues"},
	{"win won wins gano ganar ganaron", "lose lost loses perdio perder perdieron"},
	{"increase increased increases rose rise risen aumento aumentaron subio subieron", "decrease decreased decreases fell fall fallen disminuyo bajo bajaron cayo cayeron"},
	{"guilty culpable culpables", "innocent inocente inocentes acquitted absuelto absuelta"},
	{"upheld uphold upholds confirmed confirmo ratifico ratificaron", "overturned overturn overturns annulled revoked anulo revoco anularon revocaron"},
	{"granted grant grants concedio otorgo concedieron otorgaron", "denied deny denies nego negaron denego"},
	{"allow allowed allows permitted permitio permitieron autorizo", "ban banned bans forbade forbidden prohibited prohibio prohibieron"},
	{"supported support supports backed apoyo apoyaron respaldo respaldaron", "opposed oppose opposes opuso opusieron"},
	{"favor favour", "against contra"},
	{"majority mayoria", "minority minoria"},
	{"released freed libero liberado liberada liberaron", "detained arrested jailed detuvo detenido detenida arrestado arrestada arresto encarcelado"},
	{"condemned condemn condemns condeno condenaron", "praised praise welcomed applauded elogio elogiaron celebro aplaudio"},
	{"imposed impose impuso impusieron", "lifted lift levanto levantaron"},
	{"broke break severed cut suspended rompio rompieron corto cortaron suspendio", "restored restore resumed reestablished restablecio restablecieron reanudo reanudaron"},
	{"maximum maxima maximo", "minimum minima minimo"},
	{"died killed murio murieron muerto muertos", "survived sobrevivio sobrevivieron"},
	{"opened abrio abierto abierta", "closed cerro cerrado cerrada"},
}

// antonymSide maps a folded word to its group and side.
var antonymSide = func() map[string][2]int {
	m := map[string][2]int{}
	for g, pair := range antonymGroups {
		for side, words := range pair {
			for _, w := range strings.Fields(words) {
				if _, dup := m[w]; !dup {
					m[w] = [2]int{g, side}
				}
			}
		}
	}
	return m
}()

// negPrefixes turn a word into its opposite: "illegal", "unlawful",
// "ilegal", "desaprobó", "disagree".
var negPrefixes = []string{"il", "in", "im", "ir", "un", "dis", "des", "i"}

// antonymOf returns a word of the claim and the opposite word the sentence
// uses instead of it, or "", "" when there is none: the sentence holds a word
// of the other side of the claim word's group (or the claim word with or
// without a negating prefix) and nothing of the claim word's own side.
func antonymOf(claim []lang.Term, sent *sentenceEvidence) (string, string) {
	sides := map[[2]int]bool{}
	for _, t := range sent.terms {
		if s, ok := antonymSide[t.Text]; ok {
			sides[s] = true
		}
	}
	for _, t := range claim {
		w := t.Text
		if s, ok := antonymSide[w]; ok {
			other := [2]int{s[0], 1 - s[1]}
			if sides[other] && !sides[s] {
				for _, st := range sent.terms {
					if antonymSide[st.Text] == other {
						return w, st.Text
					}
				}
			}
		}
		if len(w) < 5 || sent.words[w] {
			continue
		}
		for _, p := range negPrefixes {
			if sent.words[p+w] {
				return w, p + w
			}
			if base, ok := strings.CutPrefix(w, p); ok && len(base) >= 5 && sent.words[base] {
				return w, base
			}
		}
	}
	return "", ""
}

// passiveMarkers introduce the doer of a passive verb: "by Mexico", "por
// México".
var passiveMarkers = map[string]bool{"by": true, "por": true}

// role is "agent does verb to patient", read from "A verb B" (or "B was
// verb-ed by A") with only stop words between the three.
type role struct {
	agent, verb, patient int // term indexes
}

// rolesIn finds the name–verb–name patterns of a sentence.
func rolesIn(terms []lang.Term) []role {
	isName := func(t lang.Term) bool { return t.Upper && !t.Stop && !t.Number }
	next := func(i, maxStops int) int { // the next non-stop term after i
		for j, stops := i+1, 0; j < len(terms); j++ {
			if !terms[j].Stop {
				return j
			}
			if stops++; stops > maxStops {
				return -1
			}
		}
		return -1
	}
	var out []role
	for a, t := range terms {
		if !isName(t) {
			continue
		}
		v := next(a, 2)
		if v < 0 || isName(terms[v]) || len(terms[v].Text) < 3 {
			continue
		}
		b := next(v, 3)
		if b < 0 || !isName(terms[b]) {
			continue
		}
		r := role{agent: a, verb: v, patient: b}
		if passiveMarkers[terms[b-1].Text] {
			r.agent, r.patient = b, a
		}
		out = append(out, r)
	}
	return out
}

// swappedRoles reports whether a claim puts two names of its source in each
// other's place around the same verb: "Ecuador condemned Mexico" for
// "Mexico condemned Ecuador" (a passive "Ecuador was condemned by Mexico"
// keeps the roles).
func swappedRoles(cl lang.Lang, claim []lang.Term, sl lang.Lang, sent *sentenceEvidence) bool {
	same := func(a string, b string) bool {
		if a == b || lang.StemsMatch(stem(cl, a), stem(sl, b)) {
			return true
		}
		return cl != sl && (cognate(a, b) || contains(translate(cl, a), b))
	}
	for _, c := range rolesIn(claim) {
		for _, s := range rolesIn(sent.terms) {
			ca, cp := claim[c.agent].Text, claim[c.patient].Text
			sa, sp := sent.terms[s.agent].Text, sent.terms[s.patient].Text
			if ca != cp && same(claim[c.verb].Text, sent.terms[s.verb].Text) && same(ca, sp) && same(cp, sa) {
				return true
			}
		}
	}
	return false
}

func contains(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}
