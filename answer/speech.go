package answer

import (
	"strings"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/lang"
)

// speechVerbs report what someone said, in the question ("What did X
// say…?", "¿Qué dijo X…?") and in the answering sentence.
var speechVerbs = set(`say says said saying tell tells told announce announces announced state states stated
	declare declares declared claim claims claimed add adds added warn warns warned write writes wrote
	post posted tweet tweeted argue argues argued insist insisted note noted reply replied respond responded
	comment commented urge urged call called describe described criticize criticized criticise criticised
	condemn condemned praise praised deny denied confirm confirmed
	decir dice dicen dijo dijeron dicho afirmar afirma afirmo afirmaron declarar declara declaro declararon
	senalar senala senalo senalaron asegurar asegura aseguro aseguraron indicar indica indico anunciar anuncia
	anuncio anunciaron explicar explica explico sostener sostiene sostuvo advertir advierte advirtio agregar
	agrego anadir anadio escribir escribio publicar publico responder respondio calificar califico condenar
	condeno criticar critico opinar opino comentar comento negar nego confirmar confirmo`)

// speechNouns name what someone said: "comments made by AMLO".
var speechNouns = set(`statement statements comments comment remarks remark words message speech interview
	declaraciones declaracion comentarios comentario palabras mensaje discurso comunicado entrevista`)

// speechAux stand between "what" and the speaker in an English question:
// "What did China say", "What has the union said".
var speechAux = set(`did does do has have had will would`)

// speakerEnds end a Spanish question's speaker after its verb: "¿Qué
// dijo el presidente de Chile sobre la renuncia?".
var speakerEnds = set(`sobre acerca tras durante ante cuando luego despues antes en a al para about on after`)

// speechQuestion returns the terms of the speaker a question asks what
// they said, when it is of the form "What did X say (…)?" or "¿Qué dijo
// X (…)?", or nil.
func speechQuestion(qs *question, toks []lang.Term) []*qterm {
	for i, t := range toks {
		if t.Text != "what" && t.Text != "que" {
			continue
		}
		var from, to int
		switch {
		case i+2 < len(toks) && speechAux[toks[i+1].Text]:
			// "what did X say": X runs to the speech verb
			from, to = i+2, -1
			for j := i + 2; j < len(toks) && j < i+10; j++ {
				if speechVerbs[toks[j].Text] {
					to = j
					break
				}
			}
		case i+1 < len(toks) && speechVerbs[toks[i+1].Text] && toks[i+1].Text != "que":
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
		var out []*qterm
		for _, w := range toks[from:to] {
			for k := range qs.terms {
				if tm := &qs.terms[k]; tm.word == w.Text && !tm.general {
					out = append(out, tm)
				}
			}
		}
		return out
	}
	return nil
}

// hasSpeech reports whether a sentence tells what the question's speaker
// said: it names the speaker, every word of them the question gives, as
// the one who speaks: before a speech verb or noun, or right after it
// ("…, said the union"), or anywhere in a sentence that quotes; a
// negated verb ("no ha dicho si pedirá a Naciones Unidas…") reports no
// speech.
func hasSpeech(q *question, text string, terms []lang.Term) bool {
	var at []int // the speaker's words in the sentence
	for _, sp := range q.speaker {
		found := -1
		for j, t := range terms {
			if sp.matches(t) {
				found = j
				break
			}
		}
		if found < 0 {
			return false
		}
		at = append(at, found)
	}
	if strings.ContainsAny(text, "\"“”«»") || startsWithQuote(text) {
		return true
	}
	for i, t := range terms {
		if !speechVerbs[t.Text] && !speechNouns[t.Text] && t.Text != "according" && t.Text != "segun" || negated(terms, i) {
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

// negated reports whether a negation stands just before terms[i] ("did
// not say", "no ha dicho").
func negated(terms []lang.Term, i int) bool {
	for j := max(0, i-3); j < i; j++ {
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
