package answer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/answer"
)

// decideCorpus is an invented report of a diplomatic departure.
var decideCorpus = map[string]string{"departure.md": `---
title: Diplomats leave Puerto Alto
source: Test Wire
date: 2025-04-07
language: en
---

The diplomats and their families left Puerto Alto on Sunday on a commercial airline, after a military plane was ruled out because of the tensions.

They were escorted to the airport by the ambassadors of Germany and Panama.

The foreign ministry said the embassy building would stay closed for months while its windows are repaired.
`, "plans.md": `---
title: Security office reviews evacuation plans
source: Test Wire
date: 2023-02-01
language: en
---

Evacuation plans for staff were drawn up by the security office in 2023 and tested twice a year.
`}

// A question whose asked-for name, number or date the corpus never gives is
// refused, even when passages match its other words.
func TestRefusesWhenTheAskedForTypeIsAbsent(t *testing.T) {
	e := engineFS(t, decideCorpus)
	for _, q := range []string{
		"Which airline flew the diplomats home?",                // "a commercial airline": no name
		"How many diplomats left Puerto Alto?",                  // no count of them
		"What is the date of the embassy's reopening?",          // no reopening anywhere
		"How much did repairing the embassy windows cost?",      // no amount
		"Who was the foreign minister when the diplomats left?", // no minister named
	} {
		a := ask(t, e, q)
		if !a.Refused {
			t.Errorf("%q answered: %q", q, a.Answer)
		}
	}
	for q, want := range map[string]string{
		"Which countries' ambassadors escorted the diplomats?": "Germany",
		"When did the diplomats leave?":                        "Sunday",
		"Why was a military plane ruled out?":                  "tensions",
	} {
		a := ask(t, e, q)
		if a.Refused || !strings.Contains(a.Answer, want) {
			t.Errorf("%q: %q (refused %v), want %q", q, a.Answer, a.Refused, want)
		}
	}
}

// With middling evidence the best passage is shown, flagged as possibly not
// answering fully, rather than refused; with strong evidence it is not
// flagged.
func TestMiddlingEvidenceIsAPartialAnswer(t *testing.T) {
	e := engineFS(t, decideCorpus)
	// no passage speaks of both the ministry's statement and the plans
	a := ask(t, e, "What did the foreign ministry say about the embassy building, the evacuation plans and the security office?")
	if a.Refused || !a.Partial || a.Note == "" {
		t.Fatalf("partial %v, refused %v, note %q: %q", a.Partial, a.Refused, a.Note, a.Answer)
	}
	a = ask(t, e, "What did the foreign ministry say about the embassy building?")
	if a.Refused || a.Partial || !strings.Contains(a.Answer, "stay closed") {
		t.Fatalf("partial %v, refused %v: %q", a.Partial, a.Refused, a.Answer)
	}
}

// A question about the latest state is answered from the newest article
// that answers it nearly as well, though an older one matches more of its
// words: "now" and "actualmente" are not words a sentence must have.
func TestLatestAnswerFromTheNewestArticle(t *testing.T) {
	e := engineFS(t, map[string]string{
		"early.md": "---\ntitle: Saldias jailed\nsource: A\ndate: 2024-04-06\nlanguage: en\n---\n\nUnion leader Hector Saldias is held today in the Quilmo prison in Puerto Alto, his lawyer said.\n",
		"late.md":  "---\ntitle: Union leader moved\nsource: B\ndate: 2025-11-12\nlanguage: en\n---\n\nA court turned down an appeal by Hector Saldias on Monday. The union leader has been held since 10 November in the Llanos prison, in San Telmo.\n",
	})
	answersWith(t, e, "Llanos", "Where is Hector Saldias held now?", "Where is the union leader currently held?")
}

// A sentence that speaks of an unnamed person ("a spokesman") answers a
// who question with the next sentence, which names him, and quotes both.
func TestUnnamedPersonNamedInTheNextSentence(t *testing.T) {
	e := engineFS(t, map[string]string{"port.md": "---\ntitle: Port strike\nsource: A\ndate: 2025-03-05\nlanguage: en\n---\n\nThe dockworkers walked out on Monday.\n\nA spokesman for the port authority said the strike was illegal.\n\n“We hope the talks resume soon,” Marta Quiroga told reporters in Puerto Alto.\n"})
	a := ask(t, e, "Who spoke for the port authority about the strike?")
	if a.Refused || !strings.Contains(a.Answer, "A spokesman") || !strings.Contains(a.Answer, "Marta Quiroga") {
		t.Fatalf("answer %q", a.Answer)
	}
}

// In an interview the interviewer's question states nothing: the reply
// after it answers, leaning on the question's words, and the answer quotes
// both.
func TestInterviewReplyAnswers(t *testing.T) {
	e := engineFS(t, map[string]string{"talk.md": article("The mayor on the outbreak", "2031-03-20",
		"The mayor spoke to the radio about the outbreak.\n\n**Radio: How many hospital beds does the city have for dengue patients?**\n\n"+
			"Mayor: We have 180 beds, and most are full.\n\n**Radio: When do you expect the peak?**\n\nMayor: Doctors say the peak will come in April.\n\n"+
			"**Radio: Does the region have enough nurses for the field hospital?**\n\nMayor: No, we asked the ministry for forty more last week.\n")})
	a := ask(t, e, "How many hospital beds does the city have for dengue patients?")
	if a.Refused || !strings.Contains(a.Answer, "180") || len(a.Citations) != 1 || !strings.Contains(a.Citations[0].Quote, "How many hospital beds") {
		t.Fatalf("answer %q, citations %+v", a.Answer, a.Citations)
	}
	if a := ask(t, e, "When is the peak expected?"); a.Refused || !strings.Contains(a.Answer, "April") {
		t.Fatalf("answer %q", a.Answer)
	}
	if a := ask(t, e, "Does the region have enough nurses for the field hospital?"); a.Refused || !strings.Contains(a.Answer, "forty more") {
		t.Fatalf("answer %q", a.Answer)
	}
}

// A how-many question about an everyday noun the articles never use
// ("personas") is counted by the noun the number comes with ("fallecidos");
// one about a noun of topic they never use ("soldados") is refused.
func TestCountsAnEverydayNounByTheNumbersOwn(t *testing.T) {
	e := engineFS(t, map[string]string{"brote.md": articleIn("es", "Brote de dengue", "2031-03-14",
		"Se han confirmado 312 casos de dengue en la región.\n\nSe han registrado 4 fallecidos por dengue, todos mayores de 60 años.\n")})
	if a := ask(t, e, "¿Cuántas personas han muerto por dengue?"); a.Refused || !strings.Contains(a.Answer, "4 fallecidos") {
		t.Fatalf("answer %q", a.Answer)
	}
	if a := ask(t, e, "¿Cuántos soldados han muerto por dengue?"); !a.Refused {
		t.Fatalf("answer %q", a.Answer)
	}
}

// A sentence that lacks a country the question names and opens with
// another tells what that other country did: "When did Chile cut ties with
// Peru?" is not answered by Bolivia's act, though it repeats the verb.
func TestAnotherCountrysActDoesNotAnswer(t *testing.T) {
	e := engineFS(t, map[string]string{"ties.md": article("Ties broken", "2031-05-03",
		"Bolivia decided to cut all diplomatic ties with Peru on Saturday, calling the border incident reprehensible.\n\n"+
			"Chile's government had ended diplomatic ties with Peru late Friday.\n"),
		"a.md": article("Border talks", "2031-05-04", "Chile and Peru agreed to hold talks on their ties next month.\n"),
		"b.md": article("Trade", "2031-05-05", "Trade ties between Chile and Peru weakened after the incident, officials in Peru said.\n"),
		"c.md": article("Envoys", "2031-05-06", "Peru recalled its envoy from Chile, straining ties, and Chile did the same.\n")})
	a := ask(t, e, "When did Chile cut ties with Peru?")
	if a.Refused || !strings.Contains(a.Answer, "Friday") || strings.Contains(a.Answer, "Bolivia") {
		t.Fatalf("answer %q", a.Answer)
	}
}

// A quotation attributed to a pronoun ("…,” she said.") right after a
// sentence naming the asked speaker answers "what did X ask/say", and the
// answer quotes both.
func TestPronounQuoteAnswersWhatXSaid(t *testing.T) {
	e := engineFS(t, map[string]string{"talks.md": article("Port talks", "2031-05-03",
		"Minister Ana Ruiz made statements about the strike on Monday that the union called unfortunate.\n\n"+
			"Ruiz thanked the dockworkers for their patience in a post on X, and said the port would reopen soon.\n"+
			"“We ask both sides to stay calm and to return to the table,” she said.\n")})
	a := ask(t, e, "What did Ruiz ask both sides to do?")
	if a.Refused || !strings.Contains(a.Answer, "stay calm") || len(a.Citations) != 1 || !strings.Contains(a.Citations[0].Quote, "Ruiz thanked") {
		t.Fatalf("answer %q, citations %+v", a.Answer, a.Citations)
	}
}

// A dateline says where a story was filed, not what happened: answers and
// summary points quote the lead without it, and the citation still shows
// the whole passage.
func TestQuotesLeaveOutTheDateline(t *testing.T) {
	e := engineFS(t, map[string]string{"raid.md": article("Embassy raided", "2031-05-03",
		"PUERTO ALTO, Costa Verde (Test Wire) — Police raided the embassy late Friday to arrest a former minister.",
		"The government defended the raid on Saturday.",
		"NATO chief Mark Rutte told reporters: the alliance would answer any attack on an embassy.")})
	// only an article's first sentence opens with a dateline
	if a := ask(t, e, "What would the alliance answer?"); a.Refused || !strings.Contains(a.Answer, "Mark Rutte") {
		t.Fatalf("not a lead: answer %q", a.Answer)
	}
	a := ask(t, e, "When did police raid the embassy?")
	if a.Refused || !strings.HasPrefix(a.Answer, "Police raided") || len(a.Citations) != 1 ||
		!strings.HasPrefix(a.Citations[0].Quote, "Police raided") || !strings.Contains(a.Citations[0].Text, "PUERTO ALTO") {
		t.Fatalf("answer %q, citations %+v", a.Answer, a.Citations)
	}
	// a where-question may be answered by the place the story was filed from
	w := engineFS(t, map[string]string{"vote.md": article("Council vote", "2031-05-04",
		"WASHINGTON (Test Wire) — The Permanent Council approved a resolution on Wednesday condemning the raid on the embassy in Quito.")})
	if a := ask(t, w, "Where did the Permanent Council approve the resolution?"); a.Refused || !strings.Contains(a.Answer, "WASHINGTON") {
		t.Fatalf("where: answer %q", a.Answer)
	}
	s, err := e.Summarize(context.Background(), answer.SummaryOptions{Length: "short"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Points {
		if strings.Contains(p.Text, "PUERTO ALTO") {
			t.Errorf("summary point %q keeps the dateline", p.Text)
		}
	}
}

// A question naming something in two capitalised words that no passage
// puts together is refused, though each word alone is in the articles; a
// name the articles do give, in any case, and a title before a name are
// matched.
func TestUnknownMultiWordNameIsRefused(t *testing.T) {
	e := engineFS(t, map[string]string{"port.md": "---\ntitle: Port strike\nsource: A\ndate: 2025-03-05\nlanguage: en\n---\n\nThe port authority called the strike illegal on Monday. The labour department and the state police said talks would resume. Minister Ana Ruiz urged both sides to talk.\n"})
	for q, refused := range map[string]bool{
		"What did the State Department say about the strike?": true,  // state, department: never together
		"What did the Port Authority say about the strike?":   false, // "port authority"
		"What did Minister Ruiz urge both sides to do?":       false, // a title is no part of a name
	} {
		a := ask(t, e, q)
		if a.Refused != refused {
			t.Errorf("%q: refused %v, want %v: %q", q, a.Refused, refused, a.Answer)
		}
	}
}

// Each part of a compound question is answered from its own article, and
// the answer quotes both; a part no article answers makes it partial.
func TestCompoundQuestionAnswersEachPart(t *testing.T) {
	e := engineFS(t, map[string]string{
		"arrest.md": "---\ntitle: Union leader arrested\nsource: A\ndate: 2025-03-05\nlanguage: en\n---\n\nPolice arrested union leader Hector Saldias on Monday and took him to the Quilmo prison.\n",
		"moved.md":  "---\ntitle: Union leader moved\nsource: B\ndate: 2025-06-12\nlanguage: en\n---\n\nIn June, Saldias was moved to the Llanos prison in San Telmo after a court ruling.\n",
	})
	a := ask(t, e, "Which prison was Saldias taken to after his arrest, and where was he moved in June?")
	if a.Refused || a.Partial || !strings.Contains(a.Answer, "Quilmo") || !strings.Contains(a.Answer, "Llanos") || len(a.Citations) != 2 {
		t.Fatalf("answer %q (partial %v) with %d citations", a.Answer, a.Partial, len(a.Citations))
	}
	a = ask(t, e, "Which prison was Saldias taken to after his arrest, and who paid his bail?")
	if a.Refused || !a.Partial || !strings.Contains(a.Answer, "Quilmo") {
		t.Fatalf("half-answerable: %q (partial %v)", a.Answer, a.Partial)
	}
}

// "The magnitude of X" is refused when no sentence names X, though the
// articles use the word "magnitude"; "the height of X" is answered where X
// is named.
func TestAspectOfAnUnknownThingIsRefused(t *testing.T) {
	e := engineFS(t, map[string]string{"volcano.md": "---\ntitle: Volcano erupts\nsource: A\ndate: 2025-02-09\nlanguage: en\n---\n\nThe ash column rose to a height of nine kilometres on Saturday. The volcano had not erupted with such magnitude since 1971, a vulcanologist said.\n"})
	a := ask(t, e, "What was the magnitude of the earthquake before the eruption?")
	if !a.Refused {
		t.Errorf("no earthquake in the articles, answered: %q", a.Answer)
	}
	a = ask(t, e, "What was the height of the ash column?")
	if a.Refused || !strings.Contains(a.Answer, "nine kilometres") {
		t.Errorf("height of the column: %q", a.Answer)
	}
}

// A sentence that holds what was asked and covers the question is the
// whole answer: no second sentence, no second citation to check.
func TestFullTypedAnswerCitesOneSentence(t *testing.T) {
	e := engineFS(t, map[string]string{
		"a.md": "---\ntitle: Minister resigns\nsource: A\ndate: 2025-04-08\nlanguage: en\n---\n\nTransport Minister Ana Ruiz resigned on Monday over the Quilmo port strike.\n",
		"b.md": "---\ntitle: Strike goes on\nsource: B\ndate: 2025-04-09\nlanguage: en\n---\n\nThe court ruling on the strike came a day before the transport minister resigned.\n",
	})
	a := ask(t, e, "Who was the transport minister who resigned over the Quilmo port strike after the court ruling?")
	if a.Refused || !strings.Contains(a.Answer, "Ana Ruiz") || len(a.Citations) != 1 {
		t.Fatalf("answer %q with %d citations", a.Answer, len(a.Citations))
	}
}

// ask asks the engine a question with the default options and fails the
// test on an error.
func ask(t *testing.T, e *answer.Engine, q string) *answer.Answer {
	t.Helper()
	a, err := e.Ask(context.Background(), q, answer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// "In May" is the month: the question keeps it, the articles index it, and
// the answer is May's news, not March's.
func TestMayIsAMonth(t *testing.T) {
	e := engineFS(t, map[string]string{
		"march.md": "---\ntitle: Appeals court rules\nsource: A\ndate: 2025-03-19\nlanguage: en\n---\n\nThe appeals court ruled on March 19 that the port strike was illegal and may be ended by force.\n",
		"may.md":   "---\ntitle: Supreme Court rules\nsource: B\ndate: 2025-05-22\nlanguage: en\n---\n\nThe Supreme Court ruled on May 21 that the port strike was legal.\n",
	})
	answersWith(t, e, "May 21", "What did the court rule about the port strike in May?", "When did the Supreme Court rule on the port strike?")
	if a := ask(t, e, "What did the court rule about the port strike in June?"); !a.Refused && strings.Contains(a.Answer, "may be ended") {
		t.Errorf("the verb 'may' answered a question about June: %q", a.Answer)
	}
}

// answersWith checks that each question is answered, with want in the
// answer.
func answersWith(t *testing.T, e *answer.Engine, want string, questions ...string) {
	t.Helper()
	for _, q := range questions {
		if a := ask(t, e, q); a.Refused || !strings.Contains(a.Answer, want) {
			t.Errorf("%q: %q, want an answer with %q", q, a.Answer, want)
		}
	}
}

// A sentence that opens with a pronoun is quoted with the sentence before
// it when that one is in the same passage; when it is in another passage,
// that passage is cited only if the answer depends on it (a who question),
// since a citation that does not hold the answer is one more to check.
func TestAntecedentInAnotherPassageIsCitedOnlyWhenNeeded(t *testing.T) {
	e := engineFS(t, map[string]string{"staff.md": "---\ntitle: Diplomats return home\nsource: A\ndate: 2025-04-07\nlanguage: en\n---\n\n" +
		"Foreign Minister Lina Ortiz said on Sunday that the staff of the embassy in Puerto Alto would return home within days, and that the ministry had chartered a plane for the diplomats, their families and their pets, because the airport of the capital had been closed to military flights since the start of the dispute between the two governments over the arrest of an opposition leader inside the embassy compound last week.\n\n" +
		"She spoke after Norway and the African Union joined the regional bloc in condemning the raid on the embassy.\n"})
	a := ask(t, e, "Which country joined the regional bloc in condemning the raid on the embassy?")
	if a.Refused || !strings.Contains(a.Answer, "Norway") || len(a.Citations) != 1 {
		t.Errorf("which country: %q with %d citations, want the one sentence", a.Answer, len(a.Citations))
	}
	a = ask(t, e, "Who spoke after Norway joined in condemning the raid?")
	if a.Refused || !strings.Contains(a.Answer, "Lina Ortiz") || len(a.Citations) != 2 {
		t.Errorf("who spoke: %q with %d citations, want both passages", a.Answer, len(a.Citations))
	}
}

// A sentence that holds what was asked is the answer even when it covers
// the question only in part: the answer is flagged as possibly partial,
// and a sentence from elsewhere that has more of the question's words but
// not what was asked adds no second citation.
func TestPartialTypedAnswerCitesOneSentence(t *testing.T) {
	e := engineFS(t, map[string]string{
		"a.md": "---\ntitle: Council backs port workers\nsource: A\ndate: 2025-04-09\nlanguage: en\n---\n\nOn Wednesday, the regional council approved a resolution condemning the police raid on the union hall in Puerto Alto.\n",
		"b.md": "---\ntitle: Vote in the council\nsource: B\ndate: 2025-04-09\nlanguage: en\n---\n\nThe council resolution on the hall was presented by the Chilean and Peruvian delegations and passed with a large majority.\n",
		"c.md": "---\ntitle: Raid condemned\nsource: C\ndate: 2025-04-10\nlanguage: en\n---\n\nThe raid on the union hall was condemned in a council resolution that police unions called unfair.\n",
	})
	a := ask(t, e, "Which delegations put forward the council resolution condemning the union hall raid?")
	if a.Refused || !a.Partial || !strings.Contains(a.Answer, "Chilean and Peruvian") || len(a.Citations) != 1 {
		t.Fatalf("answer %q (partial %v) with %d citations", a.Answer, a.Partial, len(a.Citations))
	}
}

// A question about the first figure ("first", "initially") is answered by
// the oldest article, one about the latest by the newest, each alone; a
// plain one cites both and says they differ.
func TestFirstAndLatestFigures(t *testing.T) {
	e := engineFS(t, map[string]string{
		"a.md": "---\ntitle: Volcano erupts\nsource: A\ndate: 2025-02-09\nlanguage: en\n---\n\nOn Sunday, officials said, the evacuees from the villages on the slope were moved to 14 shelters in schools.\n",
		"b.md": "---\ntitle: Evacuees wait to go home\nsource: B\ndate: 2025-03-20\nlanguage: en\n---\n\nThe evacuees were moved to 31 shelters.\n",
	})
	for q, want := range map[string]string{
		"How many shelters were the evacuees first moved to?":     "14 shelters",
		"How many shelters were the evacuees initially moved to?": "14 shelters",
		"How many shelters are the evacuees in now?":              "31 shelters",
	} {
		a := ask(t, e, q)
		if a.Refused || !strings.Contains(a.Answer, want) || len(a.Citations) != 1 {
			t.Errorf("%q: %q with %d citations, want %q alone", q, a.Answer, len(a.Citations), want)
		}
	}
	a := ask(t, e, "How many shelters were the evacuees moved to?")
	if len(a.Citations) != 2 || a.Note == "" {
		t.Errorf("plain question: %q with %d citations, note %q; want both and a note", a.Answer, len(a.Citations), a.Note)
	}
}

// article is an invented English article with the given title and date.
func article(title, date string, paragraphs ...string) string {
	return articleIn("en", title, date, paragraphs...)
}

// articleIn is an invented article in the given language.
func articleIn(language, title, date string, paragraphs ...string) string {
	return "---\ntitle: " + title + "\nsource: A\ndate: " + date + "\nlanguage: " + language + "\n---\n\n" + strings.Join(paragraphs, "\n\n") + "\n"
}

// Each row asks one invented article a question whose answer shows which
// sentence a mechanism picks: it must hold want, and not avoid.
func TestAnswerPicksTheSentence(t *testing.T) {
	tests := []struct {
		name, article, question, want, avoid string
	}{
		{
			// a why question takes the sentence that says outright why
			// ("because…") over a scene-setting one nearly as good
			name: "why: a stated cause",
			article: article("Port strike", "2025-04-09",
				"Amid a week of failed talks with the port company in Puerto Alto, the dockworkers' union called the strike at the port on Monday.",
				"Union leaders said in a statement that it was called because the company plans to replace its crane drivers with automated cranes."),
			question: "Why did the union call the strike at the port?",
			want:     "because the company plans",
		},
		{
			// "who told…" asks for a speaker: the sentence where a name
			// says it, over one nearly as good that names someone else
			name: "who told: the speaker",
			article: article("Spill cuts water", "2025-03-04",
				"The spill cut off drinking water from the river to about 46,000 people and led Environment Minister Rosa Vidal to resign.",
				"\"Nobody should drink river water until we say otherwise,\" emergency office director Álvaro Pinzón told reporters."),
			question: "Who told people not to drink the river water?",
			want:     "Álvaro Pinzón",
			avoid:    "Rosa Vidal",
		},
		{
			// "who runs X" asks for X's leader: a name by a leader's
			// title, not any name by X
			name: "who runs: the leader",
			article: article("Water cut in three towns", "2025-03-04",
				"The emergency office ordered three towns to stop drawing river water, spokesman Luis Mora of the emergency office said.",
				"Army trucks began delivering bottled water on Tuesday afternoon to the three towns.",
				"\"Nobody should drink it,\" said Ana Pinzón, the office's director, outside the town hall."),
			question: "Who runs the emergency office?",
			want:     "Ana Pinzón",
			avoid:    "Luis Mora",
		},
		{
			// "11 people were detained" after a sentence about protesters
			// counts detained protesters
			name: "how many X: people, X around",
			article: article("March on the palace", "2025-03-18",
				"Riot police used tear gas to disperse a group of protesters who tried to reach the palace gates.",
				"The march had been peaceful until then. The interior ministry says 11 people were detained."),
			question: "How many protesters were detained?",
			want:     "11 people",
		},
		{
			// "what date" wants the day of the month: the sentence that
			// gives it wins over a better-scoring one with the month alone
			name: "what date: the day over the month",
			article: article("Weld flagged before the crash", "2025-03-12",
				"An internal report shows that an ultrasound inspection of the track carried out in November 2024 detected a defect in the weld.",
				"The ultrasound inspection of 14 November 2024 classed the defect as category 2."),
			question: "On what date did the ultrasound inspection detect the defect in the track?",
			want:     "14 November",
		},
		{
			// a weekday is a day: "what day" keeps the sentence that
			// dates the event asked by it over another event's date
			name: "what day: a weekday is a day",
			article: article("Dockers strike", "2025-03-19",
				"Dockworkers at Puerto Alto began an indefinite strike on Monday, halting the port.",
				"The company had offered the dockworkers a 3 percent raise on 14 March, before the strike."),
			question: "What day did the dockworkers begin the strike?",
			want:     "Monday",
		},
		{
			// "what time" wants the clock: the sentence that gives it wins
			// over a better-scoring one that gives only the day
			name: "what time: the clock over the day",
			article: article("Tank leaks at Cerro Alto plant", "2025-06-11",
				"Authorities closed the river road on Wednesday after a tank at the Cerro Alto cooling plant burst overnight, officials said.",
				"The company said the leak began at about 02:15 on Tuesday in a tank that feeds the cooling line.",
				"Repairs on the plant's tank began on Thursday."),
			question: "What time did the tank at the plant burst?",
			want:     "02:15",
		},
		{
			// a heading says what the lines under it are about
			name: "an info-box line under its heading",
			article: article("Dockers back at work", "2025-06-28",
				"Dockworkers at Puerto Alto went back to work on Friday after the union signed a deal with the operator.",
				"## Harbour stoppage at a glance", "Began: March 3, 2025", "Ended: June 27, 2025", "Workers out: about 2,400"),
			question: "How many workers joined the harbour stoppage?",
			want:     "2,400",
		},
		{
			// of two sentences that each name a country, the one with the
			// act the question says ("abstained")
			name: "which X: the sentence with its act",
			article: article("Council condemns raid", "2025-04-09",
				"On Wednesday, the regional council approved a resolution condemning the raid on the union hall.",
				"Presented by the Chilean delegation, the resolution was approved with the votes of most members, with the only vote against being Peru. Panama abstained from the vote."),
			question: "Which country abstained in the council vote on the resolution?",
			want:     "Panama abstained",
			avoid:    "Peru",
		},
		{
			// "states" only inside "Union of Coastal States (UCS)" is the
			// name's word, and a full answer takes no second sentence for
			// words its title already has
			name: "a word of an acronym's name",
			article: article("Coastal bloc condemns port raid", "2025-04-09",
				"On Wednesday, the Union of Coastal States (UCS) approved a resolution condemning the police raid on the dockworkers' union hall in Puerto Alto.",
				"Presented by the Chilean and Peruvian delegations, the resolution passed with a large majority.",
				"The document reaffirms the obligation of all states to respect the right of workers to organise, and calls for the release of the arrested union leaders."),
			question: "What obligation of all states did the UCS resolution reaffirm?",
			want:     "The document reaffirms",
			avoid:    "On Wednesday",
		},
		{
			// the lead dates the event the title names, though later
			// paragraphs name it and the lead does not
			name: "when: the lead dates its title's event",
			article: article("Union leader arrested after police raid on union hall", "2025-04-12",
				"PUERTO ALTO — Police broke into the union hall late Friday to arrest the dockworkers' leader, Hector Saldias.",
				"The raid was condemned by the port's other unions, who called a march for Monday.",
				"Lawyers for Saldias said the raid broke the law and asked a judge to free him.",
				"The interior ministry defended the raid in a short statement."),
			question: "When did the raid happen?",
			want:     "late Friday",
		},
		{
			// a how-many question takes a figure over a vague amount
			// when both answer nearly as well
			name: "how many: a figure over a vague amount",
			article: article("Village buried", "2031-09-06",
				"The governor vowed on Friday to rebuild the village buried by the mud, as rescuers searched for dozens of people still missing.",
				"Forty-one people have been confirmed dead and 37 remain missing, according to the emergency office."),
			question: "How many people are still missing?",
			want:     "37",
		},
		{
			// "which country besides Mexico" sets Mexico aside: a sentence
			// about Mexico is no better for naming it
			name: "besides X sets X aside",
			article: article("Ties cut", "2031-05-03",
				"Mexico's government cut diplomatic relations with Ecuador on Friday and said it would take the case to The Hague.",
				"Nicaragua also cut diplomatic relations with Ecuador on Saturday, calling the raid reprehensible."),
			question: "Which country besides Mexico cut diplomatic relations with Ecuador?",
			want:     "Nicaragua",
			avoid:    "The Hague",
		},
		{
			// a question in quotation marks is what someone asked; only a
			// bare question line (an interviewer's) answers nothing
			name: "a quoted question is speech",
			article: article("Flood damage", "2031-05-03",
				"Senator Ana Ruiz asked the water agency on Monday: “Who will pay for the flood damage in Puerto Alto?”"),
			question: "What did Ana Ruiz ask the water agency?",
			want:     "Who will pay",
		},
		{
			// an interviewer's question that closes one chunk lends its
			// words to the reply that opens the next
			name: "an interview reply in the next chunk",
			article: article("The mayor on the outbreak", "2031-03-20",
				"The mayor spoke to the radio about the outbreak.",
				"**Radio: Who is paying for the field hospital?**",
				"## Funding",
				"Mayor: The regional government is paying. The ministry promised money but it has not arrived."),
			question: "Who is paying for the field hospital?",
			want:     "regional government",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ask(t, engineFS(t, map[string]string{"a.md": tt.article}), tt.question)
			if a.Refused || !strings.Contains(a.Answer, tt.want) || tt.avoid != "" && strings.Contains(a.Answer, tt.avoid) {
				t.Fatalf("answer %q, want %q without %q", a.Answer, tt.want, tt.avoid)
			}
		})
	}
}

// "What did X say about Y?" is refused when the articles never speak of
// Y, though X speaks in them.
func TestSpeechAboutAnUnknownTopicIsRefused(t *testing.T) {
	e := engineFS(t, map[string]string{"a.md": article("Raid condemned", "2025-04-09",
		"Chile said the raid on the embassy was illegal and called for talks.")})
	if a := ask(t, e, "What did Chile say about the lithium royalties?"); !a.Refused {
		t.Errorf("lithium royalties: answered %q", a.Answer)
	}
	if a := ask(t, e, "What did Chile say about the raid?"); a.Refused {
		t.Errorf("the raid: refused")
	}
}

// "¿Cómo se llama X?" asks for X's name as "what is the name of X" does: a
// sentence that speaks only of "un capataz" does not answer it.
func TestComoSeLlamaAsksForAName(t *testing.T) {
	unnamed := engineFS(t, map[string]string{"obra.md": articleIn("es", "El albañil denuncia presiones", "2025-09-02",
		"El albañil Luis Pardo dijo que recibió una llamada de un capataz de la constructora que le pidió silencio sobre el andamio.",
		"La constructora no respondió a las preguntas de este diario.")})
	if a := ask(t, unnamed, "¿Cómo se llama el capataz de la constructora?"); !a.Refused {
		t.Errorf("an unnamed capataz answered: %q", a.Answer)
	}
	named := engineFS(t, map[string]string{"obra.md": articleIn("es", "El albañil denuncia presiones", "2025-09-02",
		"El albañil Luis Pardo dijo que recibió una llamada de un capataz de la constructora que le pidió silencio sobre el andamio.",
		"El capataz de la constructora, Raúl Vera, negó haber llamado al albañil.")})
	answersWith(t, named, "Raúl Vera", "¿Cómo se llama el capataz de la constructora?")
}

// A Spanish role is named by itself, a cognate or a translation, not by
// any word the Spanish thesaurus lists for it: "empleados" lists
// "ministerio" (for the verb emplear), which names no employee.
func TestSpanishRoleIsNotTheThesaurusWord(t *testing.T) {
	e := engineFS(t, map[string]string{"a.md": articleIn("es", "Liberan a los empleados del museo", "2025-09-21",
		"La canciller Carla Soto, del Ministerio de Cultura, anunció las medidas.",
		"Los tres empleados del museo fueron liberados el domingo.")})
	if a := ask(t, e, "¿Cómo se llaman los empleados del museo?"); !a.Refused {
		t.Errorf("answered %q", a.Answer)
	}
}
