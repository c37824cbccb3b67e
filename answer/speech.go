package answer

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
)

// speechVerbs report, in the answering sentence, what someone said.
var speechVerbs = set(`say says said saying tell tells told announce announces announced state states stated
	declare declares declared claim claims claimed add adds added warn warns warned write writes wrote
	post posted tweet tweeted argue argues argued insist insisted note noted reply replied respond responded
	comment commented urge urged call called describe described criticize criticized criticise criticised
	condemn condemned praise praised deny denied confirm confirmed promise promises promised pledge pledges
	pledged vow vows vowed
	decir dice dicen dijo dijeron dicho afirmar afirma afirmo afirmaron declarar declara declaro declararon
	señalar señala señalo señalaron asegurar asegura aseguro aseguraron indicar indica indico anunciar anuncia
	anuncio anunciaron explicar explica explico sostener sostiene sostuvo advertir advierte advirtio agregar
	agrego añadir añadio escribir escribio publicar publico responder respondio calificar califico condenar
	condeno criticar critico opinar opino comentar comento negar nego confirmar confirmo prometer promete
	prometio prometieron`)

// askedBy reports whether the verb of asking at terms[i] has one of the
// speaker's words, at[k], for its subject: before it ("Mexico asked the
// court to…"; after the verb stands whom it asks), near, or however far
// back for a participle after a comma ("…, asking the judges to…"), whose
// subject is the clause's.
func askedBy(text string, terms []lang.Term, i int, at []int) bool {
	t := terms[i]
	clause := strings.HasSuffix(strings.TrimRight(text[:t.Start], " "), ",") &&
		(strings.HasSuffix(t.Text, "ing") || strings.HasSuffix(t.Text, "ando") || strings.HasSuffix(t.Text, "iendo"))
	for _, j := range at {
		if j < i && (i-j <= speakerWindow || clause) {
			return true
		}
	}
	return false
}

// requestVerbs report what someone asked for, with the one asked after
// them: "asking the judges to suspend Ecuador", "pidió a la ONU".
var requestVerbs = set(`ask asks asked asking request requests requested requesting demand demands demanded
	demanding pedir pide piden pidio pidieron pidiendo solicitar solicita solicito solicitaron solicitando
	exigir exige exigio exigieron instar insta insto`)

// speechNouns name what someone said: "comments made by AMLO".
var speechNouns = set(`statement statements comments comment remarks remark words message speech interview
	declaraciones declaracion comentarios comentario palabras mensaje discurso comunicado entrevista`)

// askedSpeech are the verbs a question asks what someone said with: "What
// did X say?", "¿Qué dijo X?". Fewer than speechVerbs: "What states
// border the port?" asks no speech.
var askedSpeech = set(`say said tell told announce announced declare declared claim claimed respond responded
	reply replied comment commented argue argued warn warned write wrote tweet tweeted ask asked urge urged
	promise promised pledge pledged vow vowed
	dijo dicho dice declaro afirmo anuncio respondio opino comento señalo aseguro advirtio escribio pidio prometio`)

// speechAux stand between "what" and the speaker in an English question:
// "What did China say", "What has the union said".
var speechAux = set(`did does do has have had will would`)

// speakerEnds end a question's speaker: after the verb in Spanish ("¿Qué
// dijo el presidente de Chile sobre la renuncia?"), and at a clause in
// English ("What did investigators find after the company announced…?").
var speakerEnds = set(`sobre acerca tras durante ante cuando luego despues antes en a al para
	about on after when before while because if that who which whom que quien quienes cual`)

// speechQuestion returns the terms of the speaker a question asks what
// they said, when it is of the form "What did X say (…)?" or "¿Qué dijo
// X (…)?", or nil (see speakerTerms).
func speechQuestion(qs *question, toks []lang.Term) []*qterm {
	for i, t := range toks {
		if t.Text != "what" && t.Text != "que" {
			continue
		}
		var from, to int
		switch {
		case qs.lang == lang.English && i+2 < len(toks) && speechAux[toks[i+1].Text]:
			// "what did X say": X runs to the speech verb, within a clause
			from, to = i+2, -1
			for j := i + 2; j < len(toks) && j < i+10 && !speakerEnds[toks[j].Text]; j++ {
				if askedSpeech[toks[j].Text] {
					if (toks[j].Text == "ask" || toks[j].Text == "asked") && j+1 < len(toks) && toks[j+1].Text == "for" {
						return nil // "What did the union ask for?" asks its demands
					}
					to = j
					break
				}
			}
		case qs.lang == lang.Spanish && i+1 < len(toks) && askedSpeech[toks[i+1].Text]:
			// "qué dijo X sobre…": X runs from the verb to a preposition
			from, to = i+2, len(toks)
			for j := i + 2; j < len(toks); j++ {
				if speakerEnds[toks[j].Text] {
					to = j
					break
				}
			}
		default:
			return nil
		}
		if to <= from {
			return nil
		}
		return speakerTerms(qs, toks[from:to])
	}
	return nil
}

// speakerTerms returns the question's terms that name a speaker: the last
// word of a person's name when the words give one ("President Noboa",
// "Daniel Noboa" → Noboa; a title or first name is not needed), else
// every content word ("the United Nations", "the president of Chile",
// "China").
func speakerTerms(qs *question, words []lang.Term) []*qterm {
	term := func(w lang.Term) *qterm {
		for k := range qs.terms {
			if tm := &qs.terms[k]; tm.word == w.Text && !tm.general {
				return tm
			}
		}
		return nil
	}
	place := make([]bool, len(words)) // "China", "United States", "Mexican"
	for i, w := range words {
		k := lexicon.KindOf(w.Text)
		place[i] = place[i] || k == lexicon.KindPlace || k == lexicon.KindDemonym
		if i+1 < len(words) {
			if k := lexicon.KindOf(w.Text + " " + words[i+1].Text); k == lexicon.KindPlace || k == lexicon.KindDemonym {
				place[i], place[i+1] = true, true
			}
		}
	}
	var name *qterm
	body := false // "United Nations", "State Department": every word
	for i, w := range words {
		body = body || orgHeads[w.Text]
		if i+1 < len(words) && lexicon.KindOf(w.Text+" "+words[i+1].Text) == lexicon.KindGroup {
			body = true
		}
		if !w.Upper || titleWords[w.Text] || place[i] {
			continue
		}
		if i+1 < len(words) && words[i+1].Upper && !titleWords[words[i+1].Text] {
			continue // a first name: the name's last word follows
		}
		if tm := term(w); tm != nil {
			name = tm
		}
	}
	if name != nil && !body {
		return []*qterm{name}
	}
	var out []*qterm
	for _, w := range words {
		if tm := term(w); tm != nil {
			out = append(out, tm)
		}
	}
	return out
}

// hasSpeech reports whether a sentence tells what the question's speaker
// said: it names the speaker, every word of them the question gives, as
// the one who speaks: before a speech verb or noun, or right after it
// ("…, said the union"), or anywhere in a sentence that quotes; a
// negated verb ("no ha dicho si pedirá a Naciones Unidas…") reports no
// speech.
func hasSpeech(q *question, text string, terms []lang.Term) bool {
	at, ok := speakerAt(q, terms)
	if !ok {
		return false
	}
	if strings.ContainsAny(text, "\"“”«»") || startsWithQuote(text) {
		return true
	}
	for i, t := range terms {
		if requestVerbs[t.Text] {
			if !negated(text, terms, i) && askedBy(text, terms, i, at) {
				return true
			}
			continue
		}
		if !speechVerbs[t.Text] && !speechNouns[t.Text] && t.Text != "according" && t.Text != "segun" || negated(text, terms, i) {
			continue
		}
		for _, j := range at {
			if j < i && i-j <= speakerWindow || j > i && j-i <= 3 {
				return true
			}
		}
	}
	return false
}

// speakerWindow is how far before a speech verb its speaker may stand:
// "The president of the commission, Ana Ruiz, said…".
const speakerWindow = 8

// negated reports whether a negation stands just before terms[i], in the
// same clause ("did not say", "no ha dicho"; not "que no asistió, dijo").
func negated(text string, terms []lang.Term, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if strings.ContainsAny(text[terms[j].End:terms[j+1].Start], ",;:") {
			return false
		}
		switch terms[j].Text {
		case "not", "never", "no", "nunca", "didn't", "hasn't", "haven't":
			return true
		}
	}
	return false
}

func startsWithQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " "))
	return isQuoteMark(r)
}

// spokeBefore marks, for a "what did X say" question, a quotation
// attributed to a pronoun ("“We ask our compatriots…,” he said.") right
// after a sentence that names X: X said it, and the answer quotes both
// (the candidate borrows the name).
func spokeBefore(q *question, cands []*candidate, terms [][]lang.Term) {
	if q.typ != typeSpeech {
		return
	}
	for i := 1; i < len(cands); i++ {
		c := cands[i]
		if c.typed || !pronounSpeaks(c.text(), terms[i]) || !hasAllSpeaker(q, terms[i-1]) {
			continue
		}
		c.typed, c.borrows = true, true
		c.score = c.weigh(defaultWeights)
	}
}

// pronounSpeaks reports whether a sentence quotes or reports someone it
// names by a pronoun only: a quotation mark and "he said", "said she",
// "dijo él"; or, without quotation marks, the pronoun as the subject of
// the verb ("In his first remarks he promised to publish…").
func pronounSpeaks(text string, terms []lang.Term) bool {
	quotes := strings.ContainsAny(text, "\"“”«»")
	for i, t := range terms {
		if !speechVerbs[t.Text] {
			continue
		}
		to := i + 1
		if !quotes {
			to = i - 1 // reported speech: "he promised", not "promised he"
		}
		for j := max(0, i-1); j < len(terms) && j <= to; j++ {
			// "él", not the article "el" ("dijo el ministro"), which folds alike
			if j != i && pronouns[terms[j].Text] && (terms[j].Text != "el" || strings.EqualFold(terms[j].Word, "él")) {
				return true
			}
		}
	}
	return false
}

// pronouns stand for a person named before.
var pronouns = set(`he she they el ella ellos ellas`)

// hasAllSpeaker reports whether a sentence has every word of the question's
// speaker.
func hasAllSpeaker(q *question, terms []lang.Term) bool {
	_, ok := speakerAt(q, terms)
	return ok && len(q.speaker) > 0
}

// speakerAt returns where in the sentence each word of the question's
// speaker first stands; ok is false when one is missing.
func speakerAt(q *question, terms []lang.Term) (at []int, ok bool) {
	for _, sp := range q.speaker {
		found := slices.IndexFunc(terms, sp.matches)
		if found < 0 {
			return nil, false
		}
		at = append(at, found)
	}
	return at, true
}
