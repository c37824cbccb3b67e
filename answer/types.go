package answer

import (
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
	"github.com/footnote-bot/footnote/retrieval"
)

// This file decides whether a sentence holds the kind of thing a question
// asks for: a person for "who", a date for "when", a number for "how many"
// (next to what is counted), a place for "where", a cause for "why", and a
// named instance for "which country". Only words outside the question count:
// a sentence that merely repeats the question's own names answers nothing.

// titleWords stand before a person's name ("President Noboa", "la canciller
// Bárcena", and the words that qualify a title: "Former Ambassador…"): one
// capitalised word after one of them is a name.
var titleWords = set(`president presidente presidenta minister ministro ministra canciller chancellor
	secretary secretario secretaria judge juez jueza ambassador embajador embajadora
	general gen senator senador senadora deputy diputado diputada mayor alcalde alcaldesa
	governor gobernador gobernadora spokesman spokeswoman spokesperson portavoz vocero vocera
	lawyer abogado abogada attorney fiscal prosecutor director directora chief jefe jefa
	mr mrs ms dr sr sra srta dra lic king queen rey reina pope papa expresidente gov sen rep lt col capt sgt supt cmdr adm gral cnel tte
	exvicepresidente vicepresidente vicepresidenta colonel coronel captain capitan commander comandante
	former acting interim ex`)

// titleQualifiers qualify a title ("Former Ambassador…") and name no one
// by themselves: "a former Ecuadorian vice president" speaks of a vice
// president.
var titleQualifiers = set(`former acting interim ex`)

// orgHeads are the head nouns of organisations' and institutions' names: a
// capitalised run that holds one names a body, not a person.
var orgHeads = set(`court corte council consejo organization organisation organizacion nations naciones
	union union states estados ministry ministerio department departamento office oficina
	assembly asamblea congress congreso senate senado parliament parlamento government gobierno
	party partido police policia army ejercito agency agencia bank banco commission comision
	committee comite tribunal university universidad embassy embajada institute instituto
	press prensa news noticias times post community comunidad house casa palace palacio
	republic republica foundation fundacion association asociacion company compañia group grupo
	sala chamber camara direccion directorate sindicato authority autoridad federation federacion
	confederation confederacion coalition coalicion movement movimiento service servicio fiscalia
	carabineros secretariat secretaria corporation corporacion line lines airline airlines
	wire report ledger herald journal gazette tribune`)

// afterLocative reports whether the name that terms[i] is part of follows a
// locative preposition ("to Puerto Alto").
func afterLocative(terms []lang.Term, i int) bool {
	for i > 0 && terms[i-1].Upper {
		i--
	}
	return i > 0 && locatives[terms[i-1].Text]
}

// placeOf reports whether the name that starts at terms[i] names a place
// by the noun before it: "the port of Puerto Quilmo", "la ciudad de
// Guayaquil". The noun is one of placeNouns (WordNet's places also hold
// "side" and "seat": "at the side of Rafael Correa" names a person).
func placeOf(terms []lang.Term, i int) bool {
	if i < 2 || !ofWords[terms[i-1].Text] {
		return false
	}
	return placeNouns[terms[i-2].Text]
}

// ofWords join a place noun to its name; placeNouns are Spanish nouns of
// places (WordNet knows the English ones).
var (
	ofWords    = set(`of de del`)
	placeNouns = set(`city cities town towns village villages port ports province provinces state region district county
		capital island municipality department neighbourhood neighborhood valley bay
		ciudad ciudades puerto pueblo aldea provincia departamento region municipio localidad comuna
		estado isla bahia valle villa barrio`)
)

// unnamed reports whether the noun at terms[i] is introduced as an unnamed
// one of its kind: an indefinite article before it, perhaps with a word or
// two between ("a newspaper", "a commercial airline").
func unnamed(terms []lang.Term, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if indefinites[terms[j].Text] {
			return true
		}
		if terms[j].Upper || terms[j].Stop {
			return false
		}
	}
	return false
}

// indefinites introduce an unnamed one of a kind.
var indefinites = set(`a an another un una otro otra`)

// moneyWords mark an amount of money.
var moneyWords = set(`dollar dollars usd euro euros eur peso pesos dolar dolares pound pounds cost costs costo
	price precio sol soles real reales bolivar bolivares quetzal quetzales colon colones lempira lempiras
	cordoba cordobas guarani guaranies franc francs franco francos yen yuan rupee rupees libra libras`)

// moneyQuestionWords make a "how much" question ask for money.
var moneyQuestionWords = set(`money cost costs costo costar cuesta cuestan costara costo costaron pay paid pagar pago pagaron fine multa reparations reparacion
	reparaciones damages daños compensation compensacion indemnizacion worth price precio budget presupuesto
	dinero plata fund fondos funds reward recompensa bounty ransom rescate bail fianza salary salario sueldo wage
	offer offers offered ofrece ofrecen ofrecio ofrecieron`)

// moneyStems are the stems of the verbs of paying and costing in any
// tense ("costaba", "pagarán", "costing"); coastWords share the Spanish
// stem of costar and speak of a coast ("frente a la costa").
var (
	moneyStems = set(`cost pag pay`)
	coastWords = set(`costa costas costero costera costeros costeras costanera costaneras`)
)

// moneyWord reports whether a question word, folded and stemmed, asks
// about money.
func moneyWord(word, stem string) bool {
	return moneyQuestionWords[word] || moneyStems[stem] && !coastWords[word]
}

// Units measure: a "how high" or "how long" question wants a number with
// one of the kind it asks (measureUnits).
var (
	// singular too: "a five-year term", "one day", "un año"
	lengthUnits = set(`m km cm mm mi ft meter meters metre metres kilometer kilometers kilometre kilometres mile miles
		feet foot inch inches metro metros kilometro kilometros milla millas pie pies`)
	timeUnits = set(`second seconds minute minutes hour hours day days week weeks month months year years
		decade decades century centuries segundo segundos minuto minutos hora horas dia dias semana semanas
		mes meses año años decada decadas siglo siglos`)
	weightUnits = set(`kg g t ton tons tonne tonnes pound pounds lb lbs tonelada toneladas kilo kilos kilogramo kilogramos
		libra libras ounce ounces oz onza onzas gram grams gramo gramos`)
	otherUnits = set(`hectare hectares acre acres percent degree degrees hectarea hectareas grado grados por
		litre litres liter liters litro litros gallon gallons barrel barrels barril barriles`)
	units = union(lengthUnits, timeUnits, weightUnits, otherUnits)
	// volumeWords make a unit of volume or area with the unit after them.
	volumeWords = set(`cubic square cubicos cuadrados cubicas cuadradas`)
	// unitModifiers stand between a number and its unit: "180,000 troy ounces",
	// "5,000 metric tons".
	unitModifiers = set(`troy metric metricas metricos`)
	// percentUnits answer "what percentage": "%" stands for the sign
	// (see percentAt).
	percentUnits = set(`% percent por`)
	// ageUnits answer "how old": years, or an age given after a name
	// ("Elena Vargas, 54,"; see ageAt), which "age" stands for.
	ageUnits = set(`years year años año age`)
	// fractionWords answer "what share" as a percentage does.
	fractionWords = set(`half halves third thirds quarter quarters fifth fifths sixth tenth tenths majority
		mitad tercio tercios cuarto cuartos quinto quintos decimo mayoria`)
)

// measureUnits are the units a "how X" question's answer may give: a
// height in metres, not in days.
var measureUnits = map[string]map[string]bool{
	"high": union(lengthUnits, otherUnits), "tall": lengthUnits, "deep": lengthUnits, "far": lengthUnits, "wide": lengthUnits,
	"long": union(lengthUnits, timeUnits), "old": ageUnits, "heavy": weightUnits,
	"big": union(lengthUnits, otherUnits), "large": union(lengthUnits, otherUnits),
}

// magnitudeWords stand by the figure of a quake's or an eruption's size,
// before it ("magnitude 5.2", "de magnitud 7,1") or after it ("a
// 5.2-magnitude aftershock"): the "unit" of "what magnitude…?".
var magnitudeWords = set(`magnitude magnitud`)

func union(sets ...map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, s := range sets {
		for w := range s {
			out[w] = true
		}
	}
	return out
}

// statedCauses say outright that what follows or precedes is a cause;
// the other reasonWords ("after", "amid", "accused") often only set a
// scene.
var statedCauses = set(`because due therefore thus hence consequently reason caused cause lack owing
	porque debido causa motivo razon ende consiguiente falta` + " " + explainWords)

// explainWords report a decision's reason as its maker gave it ("the
// president explained that paying would fund organised crime", "explicó
// que…", "argued that…").
const explainWords = `explained explaining argued arguing justified justifying
	explico explicando argumento justifico adujo`

// statesCause reports whether a sentence says outright why (see
// statedCauses), other than in the question's own words, near a word of
// what the question asks about: in "…characterized the raid as an
// intolerable act … because it ignores the right to asylum" the cause is
// of the characterisation, far from the raid.
func statesCause(q *question, terms []lang.Term) bool {
	for i, t := range terms {
		if (statedCauses[t.Text] && !q.words[t.Text] && !dueToDo(terms, i) || groundsAt(terms, i) || purposeFor(q, terms, i)) &&
			nearEvent(q, terms, i, eventWindow) {
			return true
		}
	}
	return false
}

// groundsAt reports "on the ground(s) that/of" at terms[i], as rulings give
// their reason ("annulled the suspension on the ground that INPA had not
// heard the company"), or "on grounds of"; not "on the ground" alone.
func groundsAt(terms []lang.Term, i int) bool {
	if t := terms[i].Text; t != "ground" && t != "grounds" || i+1 >= len(terms) || i == 0 {
		return false
	}
	if next := terms[i+1].Text; next != "that" && next != "of" {
		return false
	}
	return terms[i-1].Text == "on" || terms[i-1].Text == "the" && i > 1 && terms[i-2].Text == "on"
}

// infinitiveTakers are the words whose "to" and verb say what someone
// means or is set to do, not why they did something else.
var infinitiveTakers = set(`expected scheduled set plan plans planned planning want wants wanted going able likely
	unlikely about try tries tried trying decide decides decided agree agreed refuse refused refuses promise promised
	promises hope hopes hoped intend intends intended need needs needed seek seeks sought offered threatened vowed
	pledged continue continued began begin start started ready willing supposed`)

// dueToDo reports "due" that says what is expected, not why: "is due to
// visit the area", "was due to arrive", where "due to" is followed by one
// of the verbs a schedule takes (scheduleVerbs), not by the cause it names
// ("due to the tensions", "was due to negligence", "is due to low water").
func dueToDo(terms []lang.Term, i int) bool {
	if terms[i].Text != "due" || i == 0 || !copulas[terms[i-1].Text] || i+2 >= len(terms) || terms[i+1].Text != "to" {
		return false
	}
	return scheduleVerbs[terms[i+2].Text]
}

// scheduleVerbs follow "is due to" when it says what is set to happen.
var scheduleVerbs = set(`visit arrive begin start meet take hold return leave resume travel sign appear speak
	testify vote rule decide give open close attend present end expire finish announce deliver report publish
	release launch reopen be`)

// purposeAt reports whether a purpose clause opens at terms[i]: "to" and a
// verb with its object ("… late Friday to arrest a former vice
// president", "to protect the embassy": the word after "to" is followed by
// a determiner or a name, as a noun after "to" seldom is), "in order to",
// "so as to", or "para" and an infinitive ("para detener a Glas").
func purposeAt(terms []lang.Term, i int) bool {
	word := func(j int) string {
		if j < len(terms) {
			return terms[j].Text
		}
		return ""
	}
	switch terms[i].Text {
	case "to":
		if i > 0 && (terms[i-1].Text == "order" || terms[i-1].Text == "as") {
			return true
		}
		if i+2 >= len(terms) || i > 0 && (infinitiveTakers[terms[i-1].Text] || terms[i-1].Text == "due") {
			return false // "is due to visit", "plans to build": what is meant to happen, not why
		}
		v, obj := terms[i+1], terms[i+2]
		return !v.Upper && !v.Stop && !v.Number && (determiners[obj.Text] || obj.Upper && !obj.Number)
	case "so":
		return word(i+1) == "that" // "stepping down so that the investigation can proceed"
	case "para":
		if word(i+1) == "que" {
			return true // "para que la investigación avance"
		}
		w := word(i + 1)
		return len(w) > 3 && (strings.HasSuffix(w, "ar") || strings.HasSuffix(w, "er") || strings.HasSuffix(w, "ir"))
	}
	return false
}

// purposeFor reports whether a purpose clause opens at terms[i] (see
// purposeAt) that can say why the question's act was done: its verb is
// not one of the question's words. The purpose of something else that
// ends in the asked act ("gave the government seven days to pay", for
// "why won't the government pay?") does not explain the act.
func purposeFor(q *question, terms []lang.Term, i int) bool {
	if !purposeAt(terms, i) {
		return false
	}
	if i+1 < len(terms) && (terms[i].Text == "to" || terms[i].Text == "para") && terms[i+1].Text != "que" {
		return q.new(terms[i+1])
	}
	return true
}

// reasonWords introduce a cause.
var reasonWords = set(explainWords + ` because after since due following amid over result response reason caused cause prompted
	citing cited accused accusing protest protesting considered violation violating therefore thus hence consequently
	porque tras despues debido causa motivo razon respuesta luego ante acusado acusar considerar considero
	violacion violar alegando argumentando ende consiguiente lack owing thanks falta gracias`)

// locatives stand before a place name.
var locatives = set(`in at to from near into inside outside en a desde hacia cerca dentro fuera hasta`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// fills reports whether the sentence whose terms are given holds what q asks
// for, other than the question's own words.
func fills(q *question, text string, terms []lang.Term) bool {
	// a dateline ("QUITO, Ecuador (AP) —") names where the story was
	// filed and who filed it, not what a question asks
	terms = afterDateline(text, terms)
	if q.future && !q.measure["years"] && !speaksOfFuture(terms) {
		// "Who will replace her?", "When will the court rule?": a
		// sentence only about the past does not answer
		return false
	}
	if q.past && onlyFuture(q, terms) {
		// "How many flights did it have before?" is not answered by
		// "it will resume service with three weekly flights"
		return false
	}
	switch q.typ {
	case typePerson:
		return hasPerson(q, text, terms) || namedActor(q, text, terms)
	case typeTime:
		// a caption dates its photo, not the event it shows
		return !caption(text) && hasTime(q, text, terms)
	case typePlace:
		return hasPlace(q, text, terms)
	case typeQuantity:
		return hasQuantity(q, text, terms)
	case typeReason:
		return hasReason(q, terms)
	case typeInstance:
		return hasName(q, terms)
	case typeSpeech:
		return hasSpeech(q, text, terms)
	}
	return false
}

// names reports whether a sentence word is one of the names the question
// itself uses, other than a place's or its people's ("the Mexican
// ambassador" does not name him).
func (q *question) names(t lang.Term) bool {
	for i := range q.terms {
		if q.terms[i].entity && !q.terms[i].number && q.terms[i].is(t) {
			k := lexicon.KindOf(t.Text)
			return k != lexicon.KindPlace && k != lexicon.KindDemonym
		}
	}
	return false
}

// new reports whether a sentence word is not one of the question's, in
// any form the question's terms match (related words, the other
// language's, an acronym's expansion).
func (q *question) new(t lang.Term) bool {
	if q.words[t.Text] || q.stems[t.Stem] {
		return false
	}
	for i := range q.terms {
		if q.terms[i].matches(t) {
			return false
		}
	}
	return true
}

// timeWord reports whether terms[i] names a month or a day of the week,
// and not a first name it shares ("Julio Sánchez", "April Ryan"): a
// capitalised word right after it that is no time word, where no stop word
// or number stands before it ("in April Mexico…" is a date), makes it a
// name.
func timeWord(terms []lang.Term, i int) bool {
	t := terms[i]
	if timeZones[t.Text] {
		return true // "12:40 GMT": a clock's zone, no name
	}
	if !lang.IsTimeWord(t.Text) {
		return false
	}
	if !t.Upper || i+1 >= len(terms) || i > 0 && (terms[i-1].Stop || terms[i-1].Number) {
		return true
	}
	n := terms[i+1]
	return !n.Upper || n.Number || lang.IsTimeWord(n.Text) || n.Start-t.End != 1
}

// isYear reports whether a term is a year of the last two centuries.
func isYear(t lang.Term) bool {
	return t.Number && len(t.Text) == 4 && (t.Text[:2] == "19" || t.Text[:2] == "20")
}

// ageAt reports whether the number at terms[i] is an age set after a name
// between commas or in brackets, as news writes it: "Gov. Elena Vargas, 54,
// told…", "Glas (54)".
func ageAt(text string, terms []lang.Term, i int) bool {
	t := terms[i]
	if i == 0 || !t.Number || len(t.Text) > 3 || !terms[i-1].Upper {
		return false
	}
	gap := text[terms[i-1].End:t.Start]
	after := strings.TrimLeft(text[t.End:], " ")
	return (gap == ", " && (after == "" || strings.IndexAny(after[:1], ",;.") == 0)) ||
		(gap == " (" && strings.HasPrefix(after, ")"))
}

// clockAt reports whether a time of day opens at terms[i]: "12:40",
// "14h00", "3 p.m.", "9 am".
func clockAt(text string, terms []lang.Term, i int) bool {
	t := terms[i]
	if len(t.Text) >= 4 && len(t.Text) <= 5 && strings.Count(t.Text, "h") == 1 {
		h, m, _ := strings.Cut(t.Text, "h")
		return len(h) >= 1 && len(h) <= 2 && len(m) == 2 && allDigits(h) && allDigits(m)
	}
	if !t.Number || len(t.Text) > 2 || i+1 >= len(terms) {
		return false
	}
	n := terms[i+1]
	switch {
	case n.Number && len(n.Text) == 2 && n.Start == t.End+1 && text[t.End] == ':':
		return true
	case n.Text == "am" || n.Text == "pm":
		return true
	case (n.Text == "a" || n.Text == "p") && i+2 < len(terms) && terms[i+2].Text == "m":
		return true
	}
	return false
}

// clockPart reports whether the number at terms[i] is the hour or the
// minutes of a time of day ("20:30 — The mission said…", a live blog's
// stamp), which counts nothing.
func clockPart(text string, terms []lang.Term, i int) bool {
	return clockAt(text, terms, i) || i > 0 && terms[i-1].Number && clockAt(text, terms, i-1)
}

// percentAt reports whether the number at terms[i] is a percentage: "8 %",
// "5%", "8 percent", "8 por ciento".
func percentAt(text string, terms []lang.Term, i int) bool {
	if strings.HasPrefix(strings.TrimLeft(text[terms[i].End:], " \u00a0"), "%") {
		return true
	}
	if i+1 < len(terms) && (terms[i+1].Text == "percent" || terms[i+1].Text == "pct") {
		return true
	}
	return i+2 < len(terms) && (terms[i+1].Text == "por" && terms[i+2].Text == "ciento" || terms[i+1].Text == "per" && terms[i+2].Text == "cent")
}

// timeZones follow a clock time.
var timeZones = set(`gmt utc est edt cst cdt mst mdt pst pdt cet cest bst`)

// nameRun returns the end (exclusive) of the run of capitalised words that
// starts at terms[i] of text, allowing connectors ("Court of Justice", "Ruiz
// de la Cruz") and a plural possessive ("Port Workers' Union") between
// them, and whether the run names a body rather than a person.
func nameRun(text string, terms []lang.Term, i int) (end int, org bool) {
	end = i
	for j := i; j < len(terms); j++ {
		t := terms[j]
		if j > i && t.Start-terms[j-1].End > 1 && !pluralPossessive(text[terms[j-1].End:t.Start]) {
			break // punctuation between the words: the name ended
		}
		if t.Upper && !t.Number {
			if j > i && weekday(t.Text) {
				break // "Ecuador Friday": a date follows the name
			}
			if orgHeads[t.Text] {
				org = true
			}
			end = j + 1
			continue
		}
		if !connectors[t.Text] || j == i {
			break
		}
		if commonNounOf(terms[j-1], t) {
			org = true // "the Joint Declaration of Taluma", "the Bank of Spain"
		}
	}
	return end, org
}

// commonNounOf reports whether a capitalised word before "of" or "de" in
// a name is a common noun of the language, not a person's word or a
// title: the name is a thing's or a body's ("Declaration of Taluma",
// "Banco de España"), not a person's ("Secretary of State Ana Ruiz",
// "Fernández de Kirchner").
func commonNounOf(w, of lang.Term) bool {
	l := lang.English
	switch of.Text {
	case "of":
	case "de", "del":
		l = lang.Spanish
	default:
		return false
	}
	if !w.Upper || titleWords[w.Text] || len(w.Text) < 4 || nounKind(w.Text) == lexicon.KindPerson {
		return false
	}
	return len(lexicon.Synonyms(l, w.Stem)) > 0
}

// runNames counts the capitalised words of a name run, titles aside, and
// reports whether one is new to the question and whether one is the
// question's own person, as it writes him, in lower case too ("who took
// over from salcedo?").
func runNames(q *question, run []lang.Term) (caps int, fresh, asked bool) {
	for _, u := range run {
		if !u.Upper || titleWords[u.Text] {
			continue
		}
		caps++
		if q.new(u) {
			fresh = true
		} else if q.names(u) || q.proper[u.Text] && q.words[u.Text] {
			asked = true
		}
	}
	return caps, fresh, asked
}

// personBeforeBody splits a run that names a body after a person ("Judge
// Lucía Berrocal Tapia of the First Administrative Court", "Ana Ruiz of
// the Ministry of Health"): when the words before its first connector
// hold no body's word and two capitalised words besides titles, they are
// the person's name, ending there. Else the run stays a body's ("Bank of
// America", "Council on Foreign Relations").
func personBeforeBody(terms []lang.Term, i, end int) (int, bool) {
	names := 0
	for j := i; j < end; j++ {
		t := terms[j]
		switch {
		case orgHeads[t.Text]:
			return end, true
		case !t.Upper:
			if names >= 2 && j > i && !commonNounOf(terms[j-1], t) {
				return j, false
			}
			return end, true
		case !titleWords[t.Text]:
			names++
		}
	}
	return end, true
}

// weekday reports whether a folded word names a day of the week.
func weekday(w string) bool {
	_, ok := lang.Weekday(w)
	return ok
}

// pluralPossessive reports whether the text between two words is a plural
// possessive's apostrophe ("Port Workers' Union"), which stays inside a
// name.
func pluralPossessive(gap string) bool {
	return gap == "' " || gap == "’ "
}

// connectors may stand inside a name ("Council on Foreign Relations").
var connectors = set(`of on de del la las los the van von da di`)

// hasPerson: a name of two capitalised words, or one after a title,
// that is not the question's own and not a body's or a month's.
func hasPerson(q *question, text string, terms []lang.Term) bool {
	for i := 0; i < len(terms); i++ {
		t := terms[i]
		if !t.Upper || t.Number || timeWord(terms, i) || t.Stop && !titleWords[t.Text] {
			continue
		}
		end, org := nameRun(text, terms, i)
		if org {
			end, org = personBeforeBody(terms, i, end)
		}
		if org || noPersonRun(q, text, terms, i, end) {
			i = end - 1
			continue
		}
		caps, fresh, asked := runNames(q, terms[i:end])
		if asked {
			// "President Andrés Manuel López Obrador" for a question
			// that names López Obrador: its own person, not the answer
			i = max(i, end-1)
			continue
		}
		single := caps == 1 && (i > 0 && titleWords[terms[i-1].Text] || q.surnames[terms[end-1].Text])
		if fresh && (caps >= 2 || single) && nearRole(q, text, terms, i, end) && (!q.leads || nearLeader(terms, i, end)) && nearBody(q, terms, i, end) {
			return true
		}
		i = max(i, end-1)
	}
	return false
}

// namedActor reports, for a who-question that says what its answer did
// ("Who operated the dam?"), whether a name that is no place and not the
// question's own does it in the sentence: right before the act, or before
// "which" or "that" ("Ferronorte, which operated the dam,"). A company or a
// body can be who did it.
func namedActor(q *question, text string, terms []lang.Term) bool {
	if q.predicate == nil || len(q.role) > 0 {
		return false
	}
	for k, t := range terms {
		if !q.predicate.is(t) {
			continue
		}
		j := k - 1
		for j >= 0 && auxiliaries[terms[j].Text] {
			j-- // "the regional government is paying"
		}
		if j >= 0 && (terms[j].Text == "which" || terms[j].Text == "that" || terms[j].Text == "que") {
			j--
		}
		if bodyNoun(q, terms, j) {
			return true
		}
		if j < 0 || j == 0 && !q.proper[terms[j].Text] || !terms[j].Upper || terms[j].Number || terms[j].Stop ||
			titleWords[terms[j].Text] || !q.new(terms[j]) {
			continue // a sentence's first word is capitalised anyway ("Engineers operated…")
		}
		from, to := capitalRun(terms, j)
		if !placeRun(terms, from, to) && !q.places[runKey(terms[from:to])] && !abbreviations(text, terms[from:to]) {
			return true // "EE.UU." is a place too
		}
	}
	return false
}

// bodyNoun reports whether terms[j] is an English noun WordNet files as a
// group (a government, a union, a company), in lower case, not the
// question's, after a determiner: "The regional government is paying"
// answers "Who is paying…?".
func bodyNoun(q *question, terms []lang.Term, j int) bool {
	if j < 1 || terms[j].Upper || terms[j].Stop || !q.new(terms[j]) || nounKind(terms[j].Text) != lexicon.KindGroup {
		return false
	}
	for d := j - 1; d >= 0 && d >= j-2; d-- {
		if terms[d].Text == "the" {
			return true
		}
	}
	return false
}

// noPersonRun reports whether the name run terms[i:end] names no person
// the question may ask for: a body the articles give initials, a place or
// its people ("South American", "EE. UU."), what stands "in" or "at" one
// ("at Puerto Alto") or is named as one ("the port of Puerto Alto"), or
// the question's own titled person ("UN
// Secretary-General Antonio Guterres" for "who spoke for the UN
// Secretary-General").
func noPersonRun(q *question, text string, terms []lang.Term, i, end int) bool {
	return q.bodies[runKey(terms[i:end])] || q.places[runKey(terms[i:end])] || placeRun(terms, i, end) || abbreviations(text, terms[i:end]) ||
		afterIn(terms, i) || placeOf(terms, i) || titledByQuestion(q, text, terms, i, end)
}

// unnamedPerson reports whether the sentence speaks of a person by a noun
// for one, not a name: "a spokesman", "an official", "un portavoz".
func unnamedPerson(terms []lang.Term) bool {
	for i, t := range terms {
		if (titleWords[t.Text] && !titleQualifiers[t.Text] || nounKind(t.Text) == lexicon.KindPerson) && unnamed(terms, i) {
			return true
		}
	}
	return false
}

// nounKind is what WordNet says an English noun names, tried as written
// and as the singular of a plural.
func nounKind(w string) lexicon.Kind {
	forms := []string{w}
	if strings.HasSuffix(w, "s") {
		forms = append(forms, w[:len(w)-1])
	}
	if strings.HasSuffix(w, "es") {
		forms = append(forms, w[:len(w)-2])
	}
	if strings.HasSuffix(w, "ies") {
		forms = append(forms, w[:len(w)-3]+"y")
	}
	for _, form := range forms {
		if k := lexicon.KindOf(form); k != lexicon.KindNone {
			return k
		}
	}
	return lexicon.KindNone
}

// abbreviations reports whether every capitalised word of a run is
// written in capitals and is at most three letters long ("EE. UU.", "UN"):
// initials of a body or place, not a person's name.
func abbreviations(text string, run []lang.Term) bool {
	n := 0
	for _, t := range run {
		if !t.Upper || titleWords[t.Text] {
			continue
		}
		w := text[t.Start:t.End]
		if utf8.RuneCountInString(w) > 3 || strings.ToUpper(w) != w {
			return false
		}
		n++
	}
	return n > 0
}

// afterIn reports whether the name at terms[i] follows "in", "at" or
// "en": a place ("at Puerto Alto", "en San Telmo"), seldom a person.
func afterIn(terms []lang.Term, i int) bool {
	if i == 0 {
		return false
	}
	switch terms[i-1].Text {
	case "in", "at", "en":
		return true
	}
	return false
}

// titled reports whether a title stands in or right before the name at
// terms[from:to]: "Foreign Minister Alicia Barcena" is a person.
func titled(terms []lang.Term, from, to int) bool {
	for _, t := range terms[max(0, from-1):to] {
		if titleWords[t.Text] {
			return true
		}
	}
	return false
}

// titledByQuestion reports whether the name at terms[from:to] carries a
// title the question names without asking who holds it: a question that
// says "the Secretary-General" refers to that person and asks for another.
// A title with a word the question lacks is another's: "who stepped in
// once the minister quit?" is answered by "Deputy Transport Minister
// Carolina Ortúzar", and "the president" is not "Former President Correa".
//
// The title may stand before the name across its complement and a comma,
// as roleBefore reads it: "la ministra de Salud, Lucía Ferrández" is the
// minister a question about "la ministra" refers to (see appositionHead).
func titledByQuestion(q *question, text string, terms []lang.Term, from, to int) bool {
	start := from
	if start > 0 && plainBetween(text, terms, from) {
		start-- // "Minister Ana Ruiz"; after a comma the phrase's head decides (below)
	}
	named := false
	for _, t := range terms[start:to] {
		if !titleWords[t.Text] {
			continue
		}
		if !q.words[t.Text] {
			return false
		}
		named = named || !q.asksRole(t)
	}
	if named || from < 2 {
		return named
	}
	head := appositionHead(text, terms, from)
	if head < 0 || !titleWords[terms[head].Text] {
		return false
	}
	return q.words[terms[head].Text] && !q.asksRole(terms[head])
}

// appositionHead returns the index of the post or the word for a person
// that heads the phrase a comma sets before the name at terms[from], or
// -1: its first noun ("la abogada del alcalde, Verónica Lemos" is the
// lawyer), or the one after a possessive ("the minister's aide").
func appositionHead(text string, terms []lang.Term, from int) int {
	head := -1
	for j := from - 1; j >= 0 && j >= from-roleFar; j-- {
		t := terms[j]
		if clauseJoins[t.Text] && (head >= 0 || !conjunctions[t.Text]) {
			break // "after the minister left, Tomás Ibarra…", "the minister and her deputy, Tomás Ibarra"
		}
		if (titleWords[t.Text] || personNoun(lang.English, t.Text) || personNoun(lang.Spanish, t.Text)) &&
			(j == from-1 || j+1 < len(terms) && complementOpeners[terms[j+1].Text]) && roleBefore(text, terms, j, from) {
			head = j // the leftmost: "la abogada del exalcalde, Verónica Lemos" is the lawyer
		}
		if j > 0 && strings.ContainsAny(text[terms[j-1].End:t.Start], "'’") {
			break // "Minister Ana Ruiz's aide, Pablo Mena": the aide heads the phrase
		}
	}
	return head
}

// complementOpeners open the complement of a post ("the minister for
// ports", "la ministra de Salud"); a post followed by anything else ends
// its phrase there ("the minister quit, Tomás Ibarra…").
var complementOpeners = set(`of for de del para`)

// clauseJoins open another clause or join another phrase before a name in
// apposition; conjunctions among them may also join the words of one
// post's complement ("the minister for ports and transport, Ana Ruiz").
var (
	clauseJoins  = set(`after when once while before since and or but tras cuando mientras antes desde y e o pero`)
	conjunctions = set(`and or y e o`)
)

// asksRole reports whether the title t is a role the question asks who
// holds.
func (q *question) asksRole(t lang.Term) bool {
	for _, r := range q.role {
		if r.is(t) {
			return true
		}
	}
	return false
}

// titleAbbrevs spell out the abbreviations of titles news writes before a
// name.
var titleAbbrevs = map[string]string{"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
	"lt": "lieutenant", "col": "colonel", "capt": "captain", "sgt": "sergeant", "pres": "president", "amb": "ambassador",
	"supt": "superintendent", "cmdr": "commander", "adm": "admiral", "gral": "general", "cnel": "coronel", "tte": "teniente"}

// abbreviates reports whether w is a title's abbreviation whose full word
// is the role term t.
func abbreviates(w lang.Term, t *qterm) bool {
	full, ok := titleAbbrevs[w.Text]
	if !ok {
		return false
	}
	l := lang.English
	if full == "coronel" || full == "teniente" {
		l = lang.Spanish
	}
	return t.matches(lang.Term{Token: lang.Token{Text: full}, Stem: lang.Stem(l, full)})
}

// genericRoles ask for anyone of standing: "which leader", "qué
// dirigente"; a titled name is one.
var genericRoles = set(`leader leaders official officials politician politicians figure figures
	lider lideres dirigente dirigentes funcionario funcionaria funcionarios politico politica politicos
	mandatario mandataria mandatarios autoridad autoridades`)

// headRoles are the words for whoever heads a body, one as good as
// another: the union's "jefe" is its "presidente".
var headRoles = set(`head heads chief chiefs leader leaders director directors president presidents chairman
	chairwoman chair boss bosses jefe jefa jefes lider lideres directora directores presidente presidenta presidentes`)

// roleNear and roleFar are how many words from a name its role may
// stand: near anywhere, far only across a role's complement set off by a
// comma before the name or after a copula (see roleBefore, roleAfter).
const roleNear, roleFar = 4, 8

// roleBefore reports whether the role word at terms[j] reaches the name
// opening at terms[from] across the complement of the role and a comma:
// "el directivo de la empresa minera, Pablo Ríos", "the president of the
// National Electoral Council, Ana Ruiz". Only the words between count:
// connectors and nouns, no verb and no other mark.
func roleBefore(text string, terms []lang.Term, j, from int) bool {
	if strings.TrimSpace(text[terms[from-1].End:terms[from].Start]) != "," {
		return false
	}
	for k := j + 1; k < from; k++ {
		if !plainBetween(text, terms, k) || verbForm(terms[k]) || auxiliaries[terms[k].Text] {
			return false
		}
	}
	return true
}

// roleAfter reports whether the role word at terms[j] follows the name
// ending before terms[to] across a copula and the rest of its clause:
// "Gregorio Almansa is the hospital's medical director", "Ana Ruiz fue la
// primera directora de la agencia". Between them only spaces or a
// possessive's "'s", and no verb.
func roleAfter(text string, terms []lang.Term, to, j int) bool {
	if !copulas[terms[to].Text] {
		return false
	}
	for k := to; k <= j; k++ {
		if !plainBetween(text, terms, k) || k > to && verbForm(terms[k]) {
			return false
		}
	}
	return true
}

// plainBetween reports whether only spaces, or a possessive's "'s",
// stand between terms[k-1] and terms[k]: no comma, dash or bracket.
func plainBetween(text string, terms []lang.Term, k int) bool {
	gap := text[terms[k-1].End:terms[k].Start]
	return strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(gap, "'s"), "’s"), " ") == ""
}

// nearRole reports whether the name at terms[from:to] stands within a few
// words of a term naming the role the question asks about, when it asks
// about one ("Ambassador Raquel Serur", "the ambassador, Raquel Serur").
func nearRole(q *question, text string, terms []lang.Term, from, to int) bool {
	if len(q.role) == 0 {
		return true
	}
	if q.possessor != nil && otherPlaceBefore(q.possessor, terms, from, to) {
		return false
	}
	if o := q.namedOwner(); o != nil && !near(terms, from, to-from+ownerWindow, o.matches) {
		return false // "the lawyer representing AUFES" for "FENA's lawyer"
	}
	head := q.roleHead()
	if genericRoles[head.word] && titled(terms, from, to) {
		return true // "which leader": "President Xiomara Castro"
	}
	for j := max(0, from-roleFar); j < len(terms) && j < to+roleFar; j++ {
		// a kind of person the role covers counts, and a title's
		// abbreviation ("Gov. Elena Vargas")
		if !namesRole(q.lang, head, terms[j]) && !q.roleKind(terms[j]) && !abbreviates(terms[j], head) &&
			!(headRoles[head.word] && headRoles[terms[j].Text]) { // "el jefe del sindicato": its president
			continue
		}
		if j >= from-roleNear && j < to+roleNear || j < from && roleBefore(text, terms, j, from) || j >= to && roleAfter(text, terms, to, j) {
			return true
		}
	}
	return false
}

// leaderTitles are the titles of those who lead what they hold: a
// minister heads a ministry; a spokesman or a lawyer heads nothing.
var leaderTitles = set(`minister ministro ministra mayor alcalde alcaldesa governor gobernador gobernadora secretary
	secretario secretaria commander comandante chancellor canciller king queen rey reina general`)

// nearLeader reports whether a leader's word, a title or a verb of leading
// stands within four words of the name at terms[from:to]: "ONEM director
// Álvaro Pinzón", "Transport Minister Ana Ruiz", "Ana Ruiz, who heads the
// office", "chaired by Ana Ruiz".
func nearLeader(terms []lang.Term, from, to int) bool {
	for j := max(0, from-4); j < len(terms) && j < to+4; j++ {
		if leaderWords[terms[j].Text] {
			return true
		}
	}
	return false
}

// bodyWindow is how far from a leader's name the body he leads is named:
// "Ingrid Valdés Cornejo, president of the National Institute for
// Environmental Protection (INPA)".
const bodyWindow = 10

// nearBody reports, for a question about who leads a body ("who runs the
// national emergency office"), whether the body stands by the name: the
// head noun of the question's words for it ("the office's director",
// "union president Héctor Saldías"; see leaderBody), or two of those
// words, in any form they match (its initials among them: "ONEM director
// Álvaro Pinzón"). One other shared word ("national") may be another
// body's.
func nearBody(q *question, terms []lang.Term, from, to int) bool {
	if len(q.body) == 0 {
		return true
	}
	found := 0
	for _, b := range q.body {
		for j := max(0, from-bodyWindow); j < len(terms) && j < to+bodyWindow; j++ {
			if q.terms[b].matches(terms[j]) || q.initialsHold(terms[j], &q.terms[b]) {
				if b == q.bodyHead {
					return true
				}
				found++
				break
			}
		}
	}
	return found >= 2
}

// initialsHold reports whether the sentence word w is an acronym of the
// articles whose name holds the question term t: "DNPC director Marcela
// Ugarte" stands by the "protection" of "the head of civil protection".
func (q *question) initialsHold(w lang.Term, t *qterm) bool {
	if q.acronym == nil || !w.Upper || len(w.Text) < 2 || w.Number {
		return false
	}
	name, ok := q.acronym(w.Text)
	if !ok {
		return false
	}
	for _, n := range lang.Terms(lang.Detect(name, q.lang), name) {
		if !n.Stop && t.matches(n) {
			return true
		}
	}
	return false
}

// leaderBody returns, for a question about who leads a body, the indexes
// in q.terms of its words for the body (no everyday word, name or word of
// leading) and of their head noun (see nounOf), in English the one before
// "of" when there is one ("the office of emergency management").
// toks are the question's tokens.
func leaderBody(q *question, toks []lang.Term) (body []int, head int) {
	for i := range q.terms {
		if t := &q.terms[i]; !t.general && !t.entity && !leaderWords[t.word] {
			body = append(body, i)
		}
	}
	if len(body) == 0 {
		return nil, -1
	}
	if q.lang != lang.Spanish {
		for i := 0; i+1 < len(toks); i++ {
			if toks[i+1].Text != "of" {
				continue
			}
			for _, b := range body {
				if q.terms[b].word == toks[i].Text {
					return body, b
				}
			}
		}
	}
	return body, nounOf(q.lang, body)
}

// namedOwner returns the owner of the role a who question asks, written
// in lower case with "'s", when the articles write it only with a capital
// and it is no place ("fena's lawyer"); "the city's mayor" has none. A
// capitalised owner is the possessor's (see otherPlaceBefore). Nil
// otherwise.
func (q *question) namedOwner() *qterm {
	if o := q.owner; o != nil && q.proper[o.word] && !places([]string{o.word}, true) {
		return o
	}
	return nil
}

// ownerWindow is how many words from a name the owner of the role asked
// may stand: "Sonia Vera, who represents Glas", "Glas's lawyer, Sonia Vera".
const ownerWindow = 6

// roleHead is the head noun of the role a who question asks about:
// "foreign minister" is a minister, not anything foreign, and "the
// president elected last year" a president. In English it is the last
// word of the role that names a person or a title, else the last word;
// Spanish puts the head first ("ministro de…").
func (q *question) roleHead() *qterm {
	if q.lang == lang.Spanish {
		return q.role[0]
	}
	for i := len(q.role) - 1; i >= 0; i-- {
		if w := q.role[i].word; titleWords[w] || nounKind(w) == lexicon.KindPerson {
			return q.role[i]
		}
	}
	return q.role[len(q.role)-1]
}

// minRoleKind is the weakest lexicon link from a role's word to a kind of
// person it covers: WordNet's hyponyms of "diplomat" (ambassador, consul,
// envoy) weigh 0.3, too little to search by but enough to say that the
// ambassador named is a diplomat.
const minRoleKind = 0.25

// kindsOfRole returns the stems of the English words WordNet relates to
// the head of the role a who question asks for, however weakly: "which
// diplomat" is answered by a name by "ambassador". Only those a sentence
// writes as a person noun count (see roleKind). Nil for a question
// without a role, or in Spanish (the thesaurus says no kinds).
func kindsOfRole(q *question) map[string]bool {
	if len(q.role) == 0 || q.lang != lang.English {
		return nil
	}
	var out map[string]bool
	for _, r := range lexicon.Synonyms(lang.English, q.roleHead().stem) {
		if r.Weight < minRoleKind || strings.Contains(r.Stem, " ") {
			continue
		}
		if out == nil {
			out = map[string]bool{}
		}
		out[r.Stem] = true
	}
	return out
}

// namesRole reports whether a sentence word is the role's word, or the
// other language's for it ("minister", "ministra"), in a form that names
// a person: "government" shares the root of "governor", and "presidency"
// of "president", but they name a body and an office.
func namesRole(l lang.Lang, head *qterm, t lang.Term) bool {
	if !head.matches(t) && !cognate(head.word, t.Text) || l == lang.Spanish && spanishSynonymOnly(head, t) {
		return false
	}
	switch nounKind(t.Text) {
	case lexicon.KindGroup, lexicon.KindPlace, lexicon.KindTime, lexicon.KindAttribute:
		return nounKind(head.word) != lexicon.KindPerson
	}
	return true
}

// spanishSynonymOnly reports, for a sentence word that matches a Spanish
// question's role (namesRole checks that first), whether it does only
// through the Spanish thesaurus, whose senses are not sorted ("empleado"
// lists "ministerio" and "servicio" for the verb emplear): a role's word
// counts as itself, a cognate, an acronym's name or a translation (a
// related form tagged English).
func spanishSynonymOnly(head *qterm, t lang.Term) bool {
	return !cognate(head.word, t.Text) && !head.matchesOnly(t, func(a retrieval.Alt) bool { return a.Lang != lang.Spanish })
}

// roleKind reports whether a sentence word is a kind of person the role
// covers, as a noun: "diplomatic" shares the stem of "diplomat" but names
// no one.
func (q *question) roleKind(t lang.Term) bool {
	return q.roleKinds[t.Stem] && nounKind(t.Text) == lexicon.KindPerson
}

// otherPlaceBefore reports whether, within the few words before a name
// or at its start (its title among them), a place or its people's word
// other than the possessor stands: "Mexico's President Andrés Manuel López
// Obrador" and "Peruvian President Ana Ruiz" hold another country's role.
func otherPlaceBefore(possessor *qterm, terms []lang.Term, from, to int) bool {
	other := func(t lang.Term) bool {
		if !t.Upper || t.Stop || titleWords[t.Text] || possessor.matches(t) {
			return false // "La" opens a Spanish sentence; it is no Louisiana
		}
		k := lexicon.KindOf(t.Text)
		return k == lexicon.KindPlace || k == lexicon.KindDemonym
	}
	for j := max(0, from-4); j < from; j++ {
		if other(terms[j]) {
			return true
		}
	}
	// inside the run, only before its titles: "Peruvian President Ana
	// Ruiz", not the first name of "Minister Carolina Ortúzar"
	for j := from; j+1 < to; j++ {
		if titleWords[terms[j].Text] {
			continue
		}
		if !titleWords[terms[j+1].Text] {
			break
		}
		if other(terms[j]) {
			return true
		}
	}
	// a place of several words before the titles: "El Salvador President
	// Nayib Bukele"
	var words []string
	for j := from; j < to && !titleWords[terms[j].Text]; j++ {
		if possessor.matches(terms[j]) {
			return false
		}
		words = append(words, terms[j].Text)
	}
	return len(words) > 1 && len(words) < to-from && places(words, true)
}

// captionKeys open a photo's caption: "Photo caption: Soldiers unload
// water in the square on March 4".
var captionKeys = map[string]bool{"caption": true, "photo caption": true, "pie de foto": true, "leyenda": true}

// caption reports whether a sentence is a photo's caption.
func caption(text string) bool {
	key, _, ok := strings.Cut(text, ": ")
	return ok && captionKeys[lang.Fold(key)]
}

// hasTime: a month, weekday, year or relative day, by a word of the event
// asked about.
func hasTime(q *question, text string, terms []lang.Term) bool {
	label := datedLabel(text, terms)
	for i, t := range terms {
		if !q.new(t) || t.Stop { // a stop word names no date: "may" the verb
			continue
		}
		if timeWord(terms, i) || clockAt(text, terms, i) || isYear(t) {
			if label >= 0 && t.Start > label || nearEvent(q, terms, i, eventWindow) || nearAct(q, terms, i, eventWindow) ||
				opensWithDate(text, terms, i) && near(terms, i, len(terms), q.topicWord) {
				return true
			}
		}
	}
	return false
}

// opensWithDate reports whether the date word at terms[i] is in the
// phrase that opens the sentence, after a preposition or before a comma,
// colon or dash ("On March 6, 2025, three days after the spill, the
// institute ordered…", "El 6 de marzo, …", "14 April: …"): it dates the
// sentence's main clause, however far its verb stands.
func opensWithDate(text string, terms []lang.Term, i int) bool {
	if i > 5 {
		return false
	}
	for j := 0; j < i; j++ {
		if !terms[j].Stop && !terms[j].Number && !timeWord(terms, j) {
			return false
		}
	}
	if i > 0 && openingPrepositions[terms[0].Text] {
		return true // "On 25 March a court annulled…", "El 6 de marzo, …"
	}
	// else the date phrase ends with a comma, a colon or a dash
	// ("Friday, the court…", "14 April: the team arrives", a live blog's
	// "12:20 — …"); the date of "Friday was a busy day" is its subject
	k := i + 1
	for k < len(terms) && (terms[k].Number || timeWord(terms, k) || ofWords[terms[k].Text]) {
		k++
	}
	return k < len(terms) && strings.ContainsAny(text[terms[k-1].End:terms[k].Start], ",:—–")
}

// openingPrepositions open a sentence's date phrase.
var openingPrepositions = set(`on in since by el en desde a hacia`)

// datedLabel returns, for a line that is a fact box's date, the offset
// of the colon that ends its label, or -1: a label of a few words that
// opens with a word for a date or time ("Fecha del derrame: noche del 3 de
// marzo", "Date of the ruling: 4 April"). The box is about what the
// question asks, or the search would not have found it; the label's noun
// may be the asker's event in other words ("derrame" for "¿a qué hora
// reventó el tubo?").
func datedLabel(text string, terms []lang.Term) int {
	colon := strings.Index(text, ": ")
	if colon <= 0 || len(terms) == 0 || !dateLabels[terms[0].Text] || text[colon-1] >= '0' && text[colon-1] <= '9' {
		return -1 // no label, or a clock's colon ("at 10:30 the crew…")
	}
	words := 0
	for _, t := range terms {
		if t.Start > colon {
			break
		}
		words++
	}
	if words > 5 {
		return -1
	}
	return colon
}

// dateLabels open the label of a fact box's date line.
var dateLabels = set(`date time day fecha hora dia`)

// onlyFuture reports whether a sentence speaks only of what is to come:
// "will" or a Spanish future ("reanudará") and no past form beside ("will
// resume", not "said it will").
func onlyFuture(q *question, terms []lang.Term) bool {
	future := false
	for i, t := range terms {
		switch {
		case t.Text == "will" || t.Text == "shall" || spanishFuture(t):
			future = true
		case pastMarkers[t.Text] || pastForm(terms, i):
			return false
		}
	}
	return future
}

// pastForm reports a verb in a past form at terms[i]: English "-ed"
// ("announced"), not a participle after "will be" or "has been" ("will
// be closed") nor a name ("United"); a Spanish preterite ("afirmó",
// "acudieron").
func pastForm(terms []lang.Term, i int) bool {
	t := terms[i]
	if t.Upper || len(t.Word) <= 4 {
		return false
	}
	if i > 0 && participleAfter[terms[i-1].Text] {
		return false
	}
	w := t.Word
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ó") || strings.HasSuffix(w, "aron") || strings.HasSuffix(w, "ieron")
}

// participleAfter stand before a participle that says nothing of the past.
var participleAfter = set(`be been being`)

// pastMarkers show a sentence telling what was, even when it reports
// what will be.
var pastMarkers = set(`was were had did said before previously earlier fue fueron habia dijo antes`)

// futureWords mark a sentence that speaks of what is to come.
var futureWords = set(`will would expected scheduled upcoming planned
	proximo proxima previsto prevista programado programada espera esperan`)

// speaksOfFuture reports whether a sentence speaks of what is to come: a
// word such as "will", "expected" or "próximo", or a Spanish future tense
// ("será", "decidirán").
func speaksOfFuture(terms []lang.Term) bool {
	for _, t := range terms {
		if futureWords[t.Text] || spanishFuture(t) {
			return true
		}
	}
	return false
}

// spanishFuture reports a Spanish verb in the future tense ("será",
// "decidirán").
func spanishFuture(t lang.Term) bool {
	return strings.HasSuffix(t.Word, "rá") || strings.HasSuffix(t.Word, "rán")
}

// eventWindow is how far, in words, a date may stand from a word of the
// event a when question asks about: "the statement released Saturday" does
// not date a meeting named two clauses away.
const eventWindow = 10

// instanceWindow is how far, in words, the name a "which X" question asks
// for may stand from a word of what the question says of X ("the
// Colombian and Bolivian delegations" presented it); a name at the other
// end of a long sentence names something else.
const instanceWindow = 12

// nearEvent reports whether a question word other than a name (the event's
// words: "meet", "raid", "resigned") stands within n words of terms[i].
func nearEvent(q *question, terms []lang.Term, i, n int) bool {
	return near(terms, i, n, q.topicWord)
}

// near reports whether a word within n words of terms[i], not terms[i]
// itself nor a stop word, is one is says.
func near(terms []lang.Term, i, n int, is func(lang.Term) bool) bool {
	for j := max(0, i-n); j < len(terms) && j <= i+n; j++ {
		if j != i && !terms[j].Stop && is(terms[j]) {
			return true
		}
	}
	return false
}

// nearContent is near counting content words only: "Bail for the mine's
// manager, Jorge Salas, was set at 200,000 soles" has the bail six words
// from its amount, though twelve terms.
func nearContent(terms []lang.Term, i, n int, is func(lang.Term) bool) bool {
	for _, step := range []int{-1, 1} {
		for j, seen := i+step, 0; j >= 0 && j < len(terms) && seen < n; j += step {
			if terms[j].Stop {
				continue
			}
			seen++
			if is(terms[j]) {
				return true
			}
		}
	}
	return false
}

// nearAct reports whether one of the question's everyday verbs, itself
// and not a related word, stands within n words of terms[i]: for "When did
// the strike end?" the act is "end", though "end" says little of a topic
// ("Ended: June 27, 2025"); "became" is no "happen".
func nearAct(q *question, terms []lang.Term, i, n int) bool {
	return near(terms, i, n, func(w lang.Term) bool {
		if w.Number || lang.IsTimeWord(w.Text) {
			return false
		}
		for k := range q.terms {
			if tm := &q.terms[k]; tm.general && !tm.entity && tm.is(w) {
				return true
			}
		}
		return false
	})
}

// hasPlace: a capitalised word after a locative preposition, perhaps with
// an article between ("in Guayaquil", "in the La Roca prison"), or named
// after a place noun that follows one ("to the port city of Guayaquil").
func hasPlace(q *question, text string, terms []lang.Term) bool {
	for i, t := range terms {
		if i == 0 || !t.Upper || t.Number || timeWord(terms, i) || !q.new(t) {
			continue
		}
		j := i - 1
		if determiners[terms[j].Text] && j > 0 {
			j--
		}
		if locatives[terms[j].Text] || placeOf(terms, i) && locativeBefore(terms, i-2) || namedSite(q, terms, i) || distanceFrom(terms, i) ||
			placeNounBefore(text, terms, i) {
			return true
		}
	}
	return false
}

// placeNounBefore reports whether the name at terms[i] follows a common
// noun for a site, as Spanish writes one ("junto al estadio municipal Los
// Pinos", "en la cárcel La Roca", "en el barrio San Roque"): a locative and
// an article (or "al"), one of siteNouns, and perhaps one word that
// qualifies it, with no comma between ("in the capital, Quito" is the
// other rule's). Other nouns name no site: "al diario El Universo", "en el
// caso Metástasis", "al llegar Noboa".
func placeNounBefore(text string, terms []lang.Term, i int) bool {
	k := i - 1
	if k > 1 && !terms[k].Upper && !terms[k].Stop && !siteNouns[terms[k].Text] && plainBetween(text, terms, k+1) {
		k-- // "estadio municipal": the word that qualifies the noun
	}
	if k < 1 || !siteNouns[terms[k].Text] || !plainBetween(text, terms, k+1) || !plainBetween(text, terms, i) {
		return false
	}
	if terms[k-1].Text == "al" {
		return true // "junto al estadio", "a" and "el"
	}
	return determiners[terms[k-1].Text] && k > 1 && locatives[terms[k-2].Text]
}

// siteNouns are the common nouns news writes before a site's name.
var siteNouns = set(`carcel prision penal penitenciaria estadio coliseo polideportivo barrio colonia sector parroquia
	canton municipio ciudad pueblo localidad comuna provincia region hospital clinica aeropuerto puerto plaza parque
	calle avenida rio lago laguna volcan cerro isla bahia playa canal puente escuela colegio universidad hotel mercado
	terminal cuartel embajada consulado palacio edificio refugio albergue campamento hacienda finca mina planta muelle
	estacion carretera autopista valle distrito recinto caserio aldea
	prison jail stadium airport port square park street avenue river lake island bay beach channel bridge school
	university market barracks embassy consulate palace building shelter camp mine plant station highway road valley
	district village town city province region neighbourhood neighborhood county`)

// distanceFrom reports whether the name at terms[i] is what a distance
// is measured from: "22 km southwest of Villa Cendal", "a 22 kilómetros
// al suroeste de Villa Cendal" place the thing by it.
func distanceFrom(terms []lang.Term, i int) bool {
	j := i - 1
	if j > 0 && determiners[terms[j].Text] {
		j--
	}
	if j < 2 || !ofWords[terms[j].Text] && terms[j].Text != "from" {
		return false
	}
	k := j - 1
	if compassWords[terms[k].Text] {
		k-- // "southwest of", "al suroeste de"
		if k > 0 && (terms[k].Text == "al" || terms[k].Text == "del") {
			k--
		}
	}
	return k > 0 && lengthUnits[terms[k].Text] && (terms[k-1].Number || numberWords[terms[k-1].Text])
}

// compassWords name a direction from a place.
var compassWords = set(`north south east west northeast northwest southeast southwest northern southern eastern western
	norte sur este oeste noreste noroeste sureste suroeste nordeste sudeste sudoeste`)

// relationNouns stand in a locative phrase before a name that is no place:
// "in support of", "on behalf of", "at the request of", "in the words of",
// "a favor de", "a cargo de", "en nombre de".
var relationNouns = set(`support behalf request words name honor honour memory favor favour presence hands custody
	charge defence defense protest solidarity apoyo cargo nombre manos memoria presencia peticion
	solicitud palabras parte defensa protesta solidaridad`) // "favor" and "honor" are both languages

// namedSite reports whether the name at terms[i] ends a place phrase that
// a locative opens: a few lower-case words and "of" or "de" between ("in
// the municipal stadium of Villa Esperanza", "en el polideportivo
// municipal de San Isidro"). The phrase holds nouns and adjectives only:
// "in tents bought by the mayor of Villa Esperanza" names where the mayor
// is.
func namedSite(q *question, terms []lang.Term, i int) bool {
	of := i - 1
	if of > 0 && determiners[terms[of].Text] {
		of-- // "en el kilómetro 214 de la Línea Sur"
	}
	if of < 2 || !ofWords[terms[of].Text] {
		return false
	}
	if relationNouns[terms[of-1].Text] {
		return false // "in support of Jorge Glas", "a cargo de Ana Ruiz"
	}
	for k, words := of-1, 0; k >= 0 && words <= 3; k-- {
		t := terms[k]
		switch {
		case locatives[t.Text]:
			return words > 0
		case t.Number && k == of-1 && words == 0:
			// "at kilometre 214 of the Southern Line": a point along it
		case t.Upper || t.Number || verbForm(t):
			return false
		case !t.Stop:
			words++
		case !determiners[t.Text]:
			return false
		}
	}
	return false
}

// locativeBefore reports whether a locative preposition stands a few words
// before the place noun at terms[i]: "to the port city of Guayaquil".
func locativeBefore(terms []lang.Term, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if locatives[terms[k].Text] {
			return true
		}
	}
	return false
}

// numberInName reports whether the number word at terms[i] is part of a name
// ("la laguna de Tres Cruces", "the Two Rivers bridge"): capitalised
// inside the sentence, beside another capitalised word. A capitalised
// number word that opens the sentence counts ("Tres personas murieron").
func numberInName(terms []lang.Term, i int) bool {
	if !terms[i].Upper || i == 0 {
		return false
	}
	return i+1 < len(terms) && terms[i+1].Upper && !terms[i+1].Number || terms[i-1].Upper && !terms[i-1].Number
}

// labelledZero reports whether terms[i] is a word for none given as a fact
// box's value: "Personas detenidas hoy: ninguna", "Missing: none".
func labelledZero(text string, terms []lang.Term, i int) bool {
	return zeroWords[terms[i].Text] && i > 0 && strings.TrimSpace(text[terms[i-1].End:terms[i].Start]) == ":"
}

// zeroWords say "none" as a count.
var zeroWords = set(`none zero nil ninguno ninguna ningunos ningunas cero nadie`)

// hasQuantity: a number that is not a date; when the question names what
// it counts ("how many people"), the number must stand within a few words
// of it or of another of the question's content words ("29 votes" for "how
// many countries voted"); when it asks about money, it must be an amount.
func hasQuantity(q *question, text string, terms []lang.Term) bool {
	for i, t := range terms {
		if wordAmount(q, terms, i) {
			return true
		}
		if !(t.Number || numberWords[t.Text] && !numberInName(terms, i) || labelledZero(text, terms, i)) || isDate(terms, i) || q.words[t.Text] || clockPart(text, terms, i) {
			continue
		}
		switch {
		case q.money:
			if nearMoney(text, terms, i) && (amountOfTopic(q, terms, i) || nearAct(q, terms, i, shortLine)) {
				return true
			}
		case q.measure != nil:
			if measured(q, text, terms, i) {
				return true
			}
		case q.counted == nil:
			return true
		case countsPeople(q, terms, i):
			return true
		case countsOther(q, terms, i):
			// "seven years": the number counts something else
		case countsNear(q, terms, i):
			return true
		}
	}
	return false
}

// wordAmount reports whether terms[i] opens an amount in words that a
// measure question takes: a fraction for "What share…?" ("about a fifth"),
// "since" a date for "How long had he lived there?" ("since December").
func wordAmount(q *question, terms []lang.Term, i int) bool {
	t := terms[i]
	if q.measure["%"] && fractionWords[t.Text] && !q.words[t.Text] && i+1 < len(terms) && ofWords[terms[i+1].Text] &&
		near(terms, i, eventWindow, q.anyWord) {
		return true // "about a fifth of Chile's fruit exports", not "the third round"
	}
	return q.elapsed && (t.Text == "since" || t.Text == "desde") && i+1 < len(terms) &&
		(timeWord(terms, i+1) || isYear(terms[i+1])) && !q.words[terms[i+1].Text]
}

// measured reports whether the number at terms[i] is a measure the
// question asks: with its unit and near a word of the question (a span of
// what the question is about: "How long did the raid last?" is not
// answered by Assange's seven years in London), a percentage, or an age.
func measured(q *question, text string, terms []lang.Term, i int) bool {
	u := i + 1
	if u+1 < len(terms) && volumeWords[terms[u].Text] {
		if !q.measure["litres"] {
			return false // "300 cubic metres" is no length: "how long" is not asking it
		}
		u++ // "300 cubic metres" for "how big", "how much"
	} else if u+1 < len(terms) && volumeWords[terms[u+1].Text] && !q.measure["litres"] {
		return false // "1.650 metros cúbicos": a volume, written after its unit
	}
	if q.measure["magnitude"] && i > 0 && magnitudeWords[terms[i-1].Text] {
		return near(terms, i, eventWindow, q.anyWord) // "magnitude 5.2", "de magnitud 7,1"
	}
	return u < len(terms) && q.measure[terms[u].Text] && near(terms, u, eventWindow, q.anyWord) ||
		q.measure["%"] && percentAt(text, terms, i) || q.measure["age"] && (ageAt(text, terms, i) || agedAt(q, text, terms, i))
}

// agedAt reports whether "N-year-old" opens at terms[i], of no one the
// sentence names just before who is not asked about: "A 52-year-old
// engineer, he ran…" gives the age of whoever the sentence speaks of,
// though a pronoun names him; "Ana Ruiz met a 74-year-old fisherman" does
// not give hers.
func agedAt(q *question, text string, terms []lang.Term, i int) bool {
	if i+2 >= len(terms) || terms[i+1].Text != "year" || terms[i+2].Text != "old" || text[terms[i].End] != '-' {
		return false
	}
	for j := max(0, i-5); j < i; j++ {
		if terms[j].Upper && !terms[j].Stop && q.new(terms[j]) && j > 0 && !timeWord(terms, j) && !places([]string{terms[j].Text}, true) {
			return false // a name, not "On Monday, a 54-year-old…"
		}
	}
	return true
}

// countsNear reports whether the number at terms[i] counts what the
// question counts: the counted noun or a topic word stands within a few
// words of it.
func countsNear(q *question, terms []lang.Term, i int) bool {
	from, to := i-3, i+4
	if i+1 < len(terms) && (terms[i+1].Stop || verbForm(terms[i+1])) {
		// "Four prisoners fled; two were caught": a number standing for a
		// noun named before it counts that noun
		from = i - 6
	}
	if len(terms) <= shortLine {
		// "Workers on strike: about 2,400": a short line is about what it
		// names
		from, to = 0, len(terms)
	}
	for j := max(0, from); j < len(terms) && j <= to; j++ {
		if j != i && !terms[j].Stop && q.counts(terms[j]) {
			return true
		}
	}
	return false
}

// countsPeople reports whether the number at terms[i] counts the people
// a "how many" question asks about: a word for a person follows it, and
// the question counts anyone ("how many people": "a 42-member rescue
// team", "two villagers died") or a kind of person the sentence names by
// a form of its word ("how many rescuers": "More than 240 firefighters,
// soldiers and volunteers took part in the rescue").
func countsPeople(q *question, terms []lang.Term, i int) bool {
	j := i + 1
	for j < len(terms) && moreWords[terms[j].Text] {
		j++
	}
	if j == len(terms) || nounKind(terms[j].Text) != lexicon.KindPerson {
		return false
	}
	return peopleWords[q.counted.word] && !terms[j].Stop || q.countsPersons && namesCounted(q, terms)
}

// namesCounted reports whether a sentence has a form of the question's
// counted noun ("rescue" for "rescuers").
func namesCounted(q *question, terms []lang.Term) bool {
	for _, t := range terms {
		if !t.Stop && q.counted.matches(t) {
			return true
		}
	}
	return false
}

// moreWords stand between a number and what it counts: "38 more strikers",
// "two other ships".
var moreWords = set(`more other others additional further extra new fewer less`)

// countsOther reports whether the words right after the number at
// terms[i], up to a stop word, name what it counts and that is not what
// the question counts ("seven arrests" for "how many officers"; not "20
// drug-trafficking gangs" for "how many gangs"). A unit ends the words
// ("6,000 hectares of coffee"): a measure may be what is asked. "One of"
// counts nothing ("one of the busiest ports").
func countsOther(q *question, terms []lang.Term, i int) bool {
	if oneOf(terms, i) {
		return true // "one of the busiest ports" counts nothing
	}
	n := 0
	for j := i + 1; j < len(terms) && j <= i+4; j++ {
		t := terms[j]
		if moreWords[t.Text] || numberWords[t.Text] || volumeWords[t.Text] || unitModifiers[t.Text] {
			continue // "38 more strikers", "9 million cubic metres of…": the noun comes after
		}
		if n == 0 && timeUnits[t.Text] && !timeUnits[q.counted.word] && !q.counted.matches(t) {
			return true // "released five days later" counts days, not the officers asked
		}
		if t.Stop || t.Number || t.Upper || units[t.Text] {
			break
		}
		// what the question counts; any person for "how many people"; or
		// a topic word right after the number ("seven arrests" for "how
		// many were arrested"), not after its noun ("dos personas
		// murieron" counts no soldiers)
		if q.counted.matches(t) || peopleWords[q.counted.word] && (peopleWords[t.Text] || nounKind(t.Text) == lexicon.KindPerson) || n == 0 && q.topicWord(t) {
			return false
		}
		n++
	}
	return n > 0
}

// oneOf reports "one of" at terms[i], in either language.
func oneOf(terms []lang.Term, i int) bool {
	next := i + 1
	return next < len(terms) && (terms[next].Text == "of" || terms[next].Text == "de") &&
		(terms[i].Text == "one" || terms[i].Text == "uno" || terms[i].Text == "una")
}

// peopleWords count any person: "How many people died?" is answered by
// "two villagers died".
var peopleWords = set(`people persons person personas persona gente individuals`)

// personNoun reports whether a question's noun names a kind of person, by
// WordNet: in English as written, in Spanish by its English translations
// ("manifestantes" → "demonstrators").
func personNoun(l lang.Lang, w string) bool {
	if l == lang.English {
		return nounKind(w) == lexicon.KindPerson
	}
	for _, e := range lang.Translate(l, w) {
		if nounKind(e) == lexicon.KindPerson {
			return true
		}
	}
	return false
}

// shortLine is the most words a line may have for a number anywhere in it
// to count what the line names (an info-box line, a caption).
const shortLine = 8

// counts reports whether a sentence word is what a "how many" question
// counts, or another of its content words.
func (q *question) counts(w lang.Term) bool {
	return q.counted.matches(w) || q.topicWord(w)
}

// topicWord reports whether a sentence word is one of the question's
// content words other than a name or a grammatical everyday word: the
// words of what the question is about ("meet", "raid", "votes").
func (q *question) topicWord(w lang.Term) bool {
	for i := range q.terms {
		if t := &q.terms[i]; !t.entity && !t.general && t.matches(w) {
			return true
		}
	}
	return false
}

// anyWord reports whether a sentence word is one of the question's, a name
// or a topic word, in any form its terms match.
func (q *question) anyWord(w lang.Term) bool {
	for i := range q.terms {
		if q.terms[i].matches(w) {
			return true
		}
	}
	return false
}

// nearMoney reports whether the number at terms[i] is an amount: a currency
// word or sign right by it.
func nearMoney(text string, terms []lang.Term, i int) bool {
	if before := strings.TrimRight(text[:terms[i].Start], " "); strings.HasSuffix(before, "$") || strings.HasSuffix(before, "€") || strings.HasSuffix(before, "£") {
		return true
	}
	for j := max(0, i-1); j < len(terms) && j <= i+3; j++ {
		if moneyWords[terms[j].Text] {
			return true
		}
	}
	return false
}

// amountOfTopic reports whether the amount at terms[i] is of what the
// question asks: what it names ("how much compensation") or one of its
// topic words ("How much did the repairs cost?") stands within a few
// content words of it, and not "$4.5 million a day" in a sentence about losses for "How
// much compensation did the state seek?".
func amountOfTopic(q *question, terms []lang.Term, i int) bool {
	return nearContent(terms, i, shortLine, func(w lang.Term) bool {
		return q.counted != nil && q.counted.matches(w) || q.topicWord(w)
	})
}

// hasReason: a word that introduces a cause.
func hasReason(q *question, terms []lang.Term) bool {
	for i, t := range terms {
		if reasonWords[t.Text] && !q.words[t.Text] && !dueToDo(terms, i) && !datesFrom(terms, i) || groundsAt(terms, i) ||
			purposeFor(q, terms, i) && nearEvent(q, terms, i, eventWindow) {
			return true
		}
	}
	return false
}

// datesFrom reports whether the word at terms[i] that may give a cause
// ("since", "after", "tras") gives a time instead: a date, day or year
// follows it, perhaps after an article ("since April 24", "after 2019",
// "tras el lunes").
func datesFrom(terms []lang.Term, i int) bool {
	if !temporalReasons[terms[i].Text] {
		return false
	}
	j := i + 1
	if j < len(terms) && determiners[terms[j].Text] {
		j++
	}
	if j >= len(terms) {
		return false
	}
	if t := terms[j]; lang.IsTimeWord(t.Text) || isYear(t) {
		return true // "since April 24", "after 2019", "tras el lunes"
	}
	// a day and its month ("after 24 April", "tras el 24 de abril"), not
	// a count ("after 40 workers were laid off")
	for k := j + 1; k < len(terms) && k <= j+2; k++ {
		if lang.IsTimeWord(terms[k].Text) {
			return terms[j].Number
		}
		if !ofWords[terms[k].Text] {
			break
		}
	}
	return false
}

// temporalReasons are the reasonWords that may instead say when.
var temporalReasons = set(`since after following tras despues luego`)

// hasName: a capitalised word, not at the start of the sentence and not
// the question's own, that names the instance a "which X" question wants.
// Where WordNet says what X is, the name must be of that kind: a place's
// for "which country" (or one a place noun names: "the village of San
// Rafael"); for any other English X ("which delegations",
// "which airline") not only a place's or its people's, unless that stands
// right before X ("the Colombian delegation"). "Which official" is a who
// question (see shape).
func hasName(q *question, terms []lang.Term) bool {
	switch q.categoryKind() {
	case lexicon.KindPlace:
		return hasNamed(q, terms, func(words []string, from, to int) bool {
			return places(words, false) || afterLocative(terms, from) || placeOf(terms, from)
		})
	case lexicon.KindGroup, lexicon.KindAttribute, lexicon.KindNone:
		if q.category != nil && q.lang == lang.English {
			// "which delegations", "which airline": not a place (one
			// WordNet knows, or a name after "in" or "at") nor a titled
			// person
			return hasNamed(q, terms, func(words []string, from, to int) bool {
				return !places(words, true) && !titled(terms, from, to) && !afterIn(terms, from) || modifiesCategory(q, terms, to)
			})
		}
	}
	return hasNamed(q, terms, func([]string, int, int) bool { return true })
}

// categoryKind is what WordNet says the thing a "which X" question asks
// for is, from X's English singular; KindNone when it does not say or the
// question has no X.
func (q *question) categoryKind() lexicon.Kind {
	if q.category == nil || q.lang != lang.English {
		return lexicon.KindNone
	}
	return nounKind(q.category.word)
}

// categoryIsPerson reports whether the thing a "which X" or "what is the
// name of X" question asks for is a person: WordNet says so of English X,
// and of Spanish X's translations ("¿cómo se llamaba el estudiante…?").
func (q *question) categoryIsPerson() bool {
	if q.category == nil {
		return false
	}
	if q.lang == lang.Spanish {
		return personNoun(lang.Spanish, q.category.word)
	}
	return q.categoryKind() == lexicon.KindPerson
}

// modifiesCategory reports whether the name ending at terms[to] stands
// before the question's category word, with only other such names, "and"
// or "y" between ("the Colombian and Bolivian delegations").
func modifiesCategory(q *question, terms []lang.Term, to int) bool {
	for j := to; j < len(terms) && j < to+4; j++ {
		switch t := terms[j]; {
		case q.category.is(t):
			return true
		case t.Upper || t.Text == "and" || t.Text == "y":
		default:
			return false
		}
	}
	return false
}

// placeRun reports whether the capitalised words of terms[from:to], titles
// aside, all name places or their peoples, alone or as phrases of up to
// three words ("Costa Rica", "South American"), by WordNet.
func placeRun(terms []lang.Term, from, to int) bool {
	var words []string
	for _, t := range terms[from:to] {
		if t.Upper && !titleWords[t.Text] {
			words = append(words, t.Text)
		}
	}
	return places(words, true)
}

// places reports whether words, in order, are all names of places (or,
// with demonyms, of their peoples), alone or as phrases of up to three.
func places(words []string, demonyms bool) bool {
	if len(words) == 0 {
		return false
	}
	for k := 0; k < len(words); {
		n := 0
		for m := min(3, len(words)-k); m > 0 && n == 0; m-- {
			switch lexicon.KindOf(strings.Join(words[k:k+m], " ")) {
			case lexicon.KindPlace:
				n = m
			case lexicon.KindDemonym:
				if demonyms {
					n = m
				}
			}
		}
		if n == 0 {
			return false
		}
		k += n
	}
	return true
}

// hasNamed reports whether the sentence has a capitalised run, not at its
// start (unless the articles write the word only with a capital) and not
// the question's own, whose new words fit, near a word of what the question
// says of it, and that stands by the category word where the sentence
// speaks of an unnamed one of that kind.
func hasNamed(q *question, terms []lang.Term, fits func(words []string, from, to int) bool) bool {
	cat := unnamedCategory(q, terms)
	for i, t := range terms {
		if !t.Upper || t.Number || timeWord(terms, i) || i == 0 && !q.proper[t.Text] || !q.new(t) {
			continue
		}
		// "a newspaper reported" names no newspaper: where the sentence
		// speaks of one so, a name must stand by it ("a newspaper, El
		// Diario,")
		if cat >= 0 && (i < cat-3 || i > cat+3 || afterLocative(terms, i)) {
			continue
		}
		from, to := capitalRun(terms, i)
		var fresh []string
		for _, u := range terms[from:to] {
			if q.new(u) && !titleWords[u.Text] {
				fresh = append(fresh, u.Text)
			}
		}
		if fits(fresh, from, to) && (nearEvent(q, terms, from, instanceWindow) || nearEvent(q, terms, to-1, instanceWindow)) {
			return true
		}
	}
	return false
}

// unnamedCategory returns where the sentence speaks of an unnamed one of
// the kind a "which X" question asks for ("a newspaper reported"), or -1.
// Only the category word itself counts: a related word ("un comunicado
// oficial" for "qué funcionario") is not the unnamed one.
func unnamedCategory(q *question, terms []lang.Term) int {
	if q.category == nil {
		return -1
	}
	for i, t := range terms {
		if q.category.is(t) && unnamed(terms, i) {
			return i
		}
	}
	return -1
}

// capitalRun returns the bounds of the run of capitalised words, numbers
// excluded, around terms[i].
func capitalRun(terms []lang.Term, i int) (from, to int) {
	from, to = i, i+1
	for from > 0 && terms[from-1].Upper && !terms[from-1].Number {
		from--
	}
	for to < len(terms) && terms[to].Upper && !terms[to].Number {
		to++
	}
	return from, to
}

// docWords is what reading.names reads of one article: the words it writes
// with a capital, those it writes in lower case, its surnames and its
// bodies.
type docWords struct {
	capital, lower, surnames, bodies, places map[string]bool
	// personal are the name runs read as a person's somewhere (a title
	// before, a verb of saying after); alone the capitalised words
	// written on their own inside a sentence ("…, dijo Noboa").
	personal, alone map[string]bool
}

// wordsOf reads one article's words for reading.names.
func wordsOf(d *corpus.Document) *docWords {
	w := &docWords{capital: map[string]bool{}, lower: map[string]bool{}, surnames: map[string]bool{}, bodies: map[string]bool{},
		places: map[string]bool{}, personal: map[string]bool{}, alone: map[string]bool{}}
	toks := lang.Tokenize(d.Text)
	terms := make([]lang.Term, len(toks))
	for i, t := range toks {
		terms[i] = lang.Term{Token: t, Stop: lang.IsStop(d.Language, t.Text)}
		if t.Number {
			continue
		}
		if t.Upper {
			w.capital[t.Text] = true
		} else {
			w.lower[t.Text] = true
		}
	}
	for i := 0; i < len(terms); i++ {
		if !terms[i].Upper || terms[i].Number || terms[i].Stop || timeWord(terms, i) {
			continue
		}
		end, org := nameRun(d.Text, terms, i)
		if end-i >= 2 && bodyInitials(d.Text, terms, i, end) {
			w.bodies[runKey(terms[i:end])] = true
			org = true
		}
		switch {
		case end-i == 1 && !opensSentence(d.Text, terms, i):
			w.alone[terms[i].Text] = true
		case !org && end-i >= 2 && (titled(terms, i, end) || end < len(terms) && speechVerbs[terms[end].Text]):
			w.personal[runKey(terms[i:end])] = true
		case !org && end-i >= 2 && placeCue(d.Text, terms, i, end):
			w.places[runKey(terms[i:end])] = true
			org = true
		}
		// a run that opens a sentence may be a capitalised word before a
		// name ("Former Ecuadorian ambassador…")
		if !org && end-i >= 2 && terms[end-1].Upper && !opensSentence(d.Text, terms, i) {
			w.surnames[terms[end-1].Text] = true
		}
		i = end - 1
	}
	return w
}

// placeCue reports whether the name run terms[i:end], of two words or
// more, stands where a place does: after "in", "near", "en", "desde" or
// "cerca de", perhaps with an article between ("in the Miravientos
// Channel", "en Caleta Brava"), or after a place noun and "of" ("the port
// city of Puerto Almares"); not as a possessor ("in Ana Ruiz's view"). A
// person may stand there too ("confían en Daniel Noboa"): mergeNames
// weighs the other readings.
func placeCue(text string, terms []lang.Term, i, end int) bool {
	if end < len(terms) && strings.ContainsAny(text[terms[end-1].End:terms[end].Start], "'’") {
		return false
	}
	if placeOf(terms, i) && !homeNouns[terms[i-2].Text] {
		return true
	}
	j := i - 1
	if j > 0 && determiners[terms[j].Text] {
		j--
	}
	if j < 0 {
		return false
	}
	switch terms[j].Text {
	case "in", "near", "en", "desde":
		return true
	case "de":
		return j > 0 && terms[j-1].Text == "cerca"
	}
	return false
}

// homeNouns are place nouns that also name a home or a condition ("el
// departamento de Ana Ruiz" is her flat, "the state of Ana Ruiz" her
// health).
var homeNouns = set(`departamento estado department state`)

// mergeNames joins articles' words as reading.names returns them: a word is
// proper when no article writes it in lower case. A name an article places
// (see placeCue) is a place everywhere, unless an article reads it as a
// person's (a title before it, a verb of saying after it, its last word
// written alone: "…, dijo Noboa").
func mergeNames(parts []*docWords) (proper, surnames, bodies, places map[string]bool) {
	proper, surnames, bodies, places = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	personal, alone := map[string]bool{}, map[string]bool{}
	lower := map[string]bool{}
	for _, p := range parts {
		maps.Copy(proper, p.capital)
		maps.Copy(lower, p.lower)
		maps.Copy(surnames, p.surnames)
		maps.Copy(bodies, p.bodies)
		maps.Copy(places, p.places)
		maps.Copy(personal, p.personal)
		maps.Copy(alone, p.alone)
	}
	for run := range places {
		if personal[run] || alone[run[strings.LastIndexByte(run, ' ')+1:]] {
			delete(places, run)
		}
	}
	for w := range proper {
		if lower[w] || lang.IsStop(lang.English, w) || lang.IsStop(lang.Spanish, w) {
			delete(proper, w)
		}
	}
	return proper, surnames, bodies, places
}

// bodyInitials reports whether the name run terms[i:end] is followed by
// its own initials in brackets ("Terminal Pacifico Sur (TPS)"), as a body
// is introduced, and no title stands in or before it: "President Andrés
// Manuel López Obrador (AMLO)" is a person, and "Senator Ana Torres (PRI)"
// gives her party, not her initials.
func bodyInitials(text string, terms []lang.Term, i, end int) bool {
	rest := strings.TrimLeft(text[terms[end-1].End:], " ")
	if !strings.HasPrefix(rest, "(") {
		return false
	}
	rb := strings.IndexByte(rest, ')')
	if rb <= 2 || !isAcronym(rest[1:rb]) {
		return false
	}
	var initials strings.Builder
	for j := i; j < end; j++ {
		if titleWords[terms[j].Text] || j == i && i > 0 && titleWords[terms[i-1].Text] {
			return false
		}
		if terms[j].Upper {
			r, _ := utf8.DecodeRuneInString(terms[j].Text)
			initials.WriteRune(r)
		}
	}
	return strings.HasSuffix(initials.String(), lang.Fold(rest[1:rb]))
}

// runKey is how reading.names and hasPerson spell a name run: its capitalised
// words, folded, one space apart.
func runKey(run []lang.Term) string {
	var words []string
	for _, t := range run {
		if t.Upper {
			words = append(words, t.Text)
		}
	}
	return strings.Join(words, " ")
}

// opensSentence reports whether terms[i] is the first word of a sentence or
// line of text.
func opensSentence(text string, terms []lang.Term, i int) bool {
	if i == 0 {
		return true
	}
	return strings.ContainsAny(text[terms[i-1].End:terms[i].Start], ".!?\n“\"«")
}

// datelineSeps end a dateline.
var datelineSeps = []string{" — ", " – ", " -- ", ".- ", ".— ", " - ", ": "}

// afterDateline returns the sentence's terms after the dateline that
// opens it, if any.
func afterDateline(text string, terms []lang.Term) []lang.Term {
	if end := datelineEnd(text); end > 0 {
		for len(terms) > 0 && terms[0].Start < end {
			terms = terms[1:]
		}
	}
	return terms
}

// datelineEnd returns the offset just past a dateline that opens text
// ("QUITO, Ecuador (AP) — ", "MEXICO CITY: ", "TEGUCIGALPA, HONDURAS.- "), or
// 0: a short opening with a word in capitals or an outlet in brackets,
// ended by a dash or a colon.
func datelineEnd(text string) int {
	head := text[:min(len(text), 90)]
	for _, sep := range datelineSeps {
		i := strings.Index(head, sep)
		if i <= 0 {
			continue
		}
		lead := head[:i]
		if lead[0] >= '0' && lead[0] <= '9' {
			return 0 // "12:40 GMT —": a live report's time, which dates what follows
		}
		if strings.Contains(lead, "(") || hasCapsWord(lead) {
			return i + len(sep)
		}
	}
	return 0
}

// hasCapsWord reports whether s has a word of three or more letters all in
// capitals.
func hasCapsWord(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 3 && strings.ToUpper(w) == w {
			return true
		}
	}
	return false
}
