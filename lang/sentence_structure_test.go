package lang_test

import (
	"strings"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/lang"
)

// units renders spans as their text, prefixed with "H:", "I:" or "L:" for
// Heading, Item and Line units; prose is bare.
func units(in string, spans []lang.Span) []string {
	var out []string
	for _, sp := range spans {
		prefix := map[lang.Kind]string{lang.Heading: "H:", lang.Item: "I:", lang.Line: "L:"}[sp.Kind]
		out = append(out, prefix+in[sp.Start:sp.End])
	}
	return out
}

// TestSentencesClosingQuotes: a sentence that ends inside a closing quotation
// mark (and maybe a citation marker) ends there.
func TestSentencesClosingQuotes(t *testing.T) {
	checkSentences(t, units, []sentenceCase{
		{name: "curly double", in: "He called it a breach of “international law.” The next day he left.",
			want: []string{"He called it a breach of “international law.”", "The next day he left."}},
		{name: "guillemets, dot outside", in: "Citó la «Convención de Viena». El embajador salió.",
			want: []string{"Citó la «Convención de Viena».", "El embajador salió."}},
		{name: "guillemets, dot inside", in: "Dijo: «Es una violación de la Convención de Viena.» El embajador salió.",
			want: []string{"Dijo: «Es una violación de la Convención de Viena.»", "El embajador salió."}},
		{name: "straight quote and citation marker", in: `He invoked the "sovereignty of Mexico." [2] Next, he left.`,
			want: []string{`He invoked the "sovereignty of Mexico." [2]`, "Next, he left."}},
		{name: "marker after a plain stop", in: "Glas was arrested. [1][3] He sought asylum. [2]",
			want: []string{"Glas was arrested. [1][3]", "He sought asylum. [2]"}},
		{name: "two marker run", in: "Glas was arrested. [1, 2] He sought asylum.",
			want: []string{"Glas was arrested. [1, 2]", "He sought asylum."}},
		{name: "quote then quote", in: "“We respect the law,” said Noboa. “Mexico does not.” Then he left.",
			want: []string{"“We respect the law,” said Noboa.", "“Mexico does not.”", "Then he left."}},
		{name: "straight single quotes", in: "Police said 'it is over.' Then he left.",
			want: []string{"Police said 'it is over.'", "Then he left."}},
		{name: "curly single inside double", in: "She said: “They called it ‘an outrage.’” Then she left.",
			want: []string{"She said: “They called it ‘an outrage.’”", "Then she left."}},
		{name: "quote running on to the next paragraph", in: "“The first part of a long quote. It goes on. And on.",
			want: []string{"“The first part of a long quote.", "It goes on.", "And on."}},
		{name: "stray opener before a closed quote", in: "“Unclosed. He said “yes. Really.” Then left.",
			want: []string{"“Unclosed.", "He said “yes. Really.”", "Then left."}},
		{name: "question in guillemets", in: "Preguntó: «¿Quién protege a los diplomáticos?» Nadie respondió.",
			want: []string{"Preguntó: «¿Quién protege a los diplomáticos?»", "Nadie respondió."}},
		{name: "apostrophe inside single quotes", in: "He called it ‘Mexico’s embassy. Ours too’ and left.",
			want: []string{"He called it ‘Mexico’s embassy. Ours too’ and left."}},
	})
}

// TestSentencesAbbreviations: abbreviations, initials and initialisms inside
// a sentence do not end it; at its end they do.
func TestSentencesAbbreviations(t *testing.T) {
	checkSentences(t, units, []sentenceCase{
		{name: "v.", in: "The case Mexico v. Ecuador was filed in April. It is pending.",
			want: []string{"The case Mexico v. Ecuador was filed in April.", "It is pending."}},
		{name: "vs.", in: "El caso Estados Unidos vs. México sigue abierto. Nadie sabe.",
			want: []string{"El caso Estados Unidos vs. México sigue abierto.", "Nadie sabe."}},
		{name: "Art. before a number", in: "Under Art. 22 of the convention, premises are inviolable. Police entered.",
			want: []string{"Under Art. 22 of the convention, premises are inviolable.", "Police entered."}},
		{name: "art. spanish", in: "Según el art. 41 de la Convención, no. Luego calló.",
			want: []string{"Según el art. 41 de la Convención, no.", "Luego calló."}},
		{name: "No. before a number", in: "Resolution No. 2 passed. Ecuador voted against.",
			want: []string{"Resolution No. 2 passed.", "Ecuador voted against."}},
		{name: "approx.", in: "It took approx. 20 minutes. Then they left.",
			want: []string{"It took approx. 20 minutes.", "Then they left."}},
		{name: "titles", in: "Gen. Ruiz, Sen. Cruz, Rep. Ortiz and Dr. Paz met Gov. Lee. They spoke.",
			want: []string{"Gen. Ruiz, Sen. Cruz, Rep. Ortiz and Dr. Paz met Gov. Lee.", "They spoke."}},
		{name: "Jr. mid-sentence", in: "Martin Luther King Jr. Day was quiet. Few marched.",
			want: []string{"Martin Luther King Jr. Day was quiet.", "Few marched."}},
		{name: "Jr. at the end", in: "The statement was signed by John Smith Jr. The embassy stayed closed.",
			want: []string{"The statement was signed by John Smith Jr.", "The embassy stayed closed."}},
		{name: "spanish titles", in: "La Sra. Pérez, el Sr. Ruiz, la Dra. Gómez y el Lic. Mora llegaron. Hablaron.",
			want: []string{"La Sra. Pérez, el Sr. Ruiz, la Dra. Gómez y el Lic. Mora llegaron.", "Hablaron."}},
		{name: "etc. at the end", in: "They took food, water, etc. The rest came later.",
			want: []string{"They took food, water, etc.", "The rest came later."}},
		{name: "etc. mid-sentence", in: "Food, water, etc. were sent. Then more.",
			want: []string{"Food, water, etc. were sent.", "Then more."}},
		{name: "p. ej.", in: "Hay tratados, p. ej. Viena, que lo prohíben. Ecuador lo sabía.",
			want: []string{"Hay tratados, p. ej. Viena, que lo prohíben.", "Ecuador lo sabía."}},
		{name: "EE.UU. mid-sentence", in: "EE.UU. Pidió calma a ambos países. México no respondió.",
			want: []string{"EE.UU. Pidió calma a ambos países.", "México no respondió."}},
		{name: "EE. UU. at the end", in: "Glas no viajó a EE. UU. El año pasado volvió.",
			want: []string{"Glas no viajó a EE. UU.", "El año pasado volvió."}},
		{name: "a.m. mid-sentence", in: "At 10 a.m. Friday the police arrived. Glas was taken.",
			want: []string{"At 10 a.m. Friday the police arrived.", "Glas was taken."}},
		{name: "p.m. at the end", in: "Police arrived at 10 p.m. The embassy was dark.",
			want: []string{"Police arrived at 10 p.m.", "The embassy was dark."}},
		{name: "initials J. R. R.", in: "J. R. R. Tolkien never saw Quito. Few do.",
			want: []string{"J. R. R. Tolkien never saw Quito.", "Few do."}},
		{name: "U.S. before a name", in: "The U.S. State Department spoke. It urged calm.",
			want: []string{"The U.S. State Department spoke.", "It urged calm."}},
		{name: "decimals and times", in: "Inflation was 2.5 percent at 14h00. A las 14h30 cayó.",
			want: []string{"Inflation was 2.5 percent at 14h00.", "A las 14h30 cayó."}},
		{name: "URL and e-mail", in: "See https://www.gob.ec/sre/comunicado.html for it. Write to prensa@sre.gob.mx. They answer.",
			want: []string{"See https://www.gob.ec/sre/comunicado.html for it.", "Write to prensa@sre.gob.mx.", "They answer."}},
		{name: "web address at the end", in: "Ver más en www.gob.ec. También en Twitter.",
			want: []string{"Ver más en www.gob.ec.", "También en Twitter."}},
		{name: "ellipsis mid-sentence", in: "He said he would… perhaps later. Nobody knew.",
			want: []string{"He said he would… perhaps later.", "Nobody knew."}},
		{name: "em-dash aside", in: "The ICJ — set up in 1945 — heard the case. It ruled in May.",
			want: []string{"The ICJ — set up in 1945 — heard the case.", "It ruled in May."}},
		{name: "spanish dialogue dash", in: "—Es imposible —dijo el cónsul—. Luego se fue.",
			want: []string{"—Es imposible —dijo el cónsul—.", "Luego se fue."}},
	})
}

// TestSentencesLines: lines that are not running text are units of their
// own, marked by kind, and wrapped lines of running text are joined.
func TestSentencesLines(t *testing.T) {
	checkSentences(t, units, []sentenceCase{
		{name: "dateline alone", in: "QUITO, Ecuador (AP) —\nMexico’s government ended ties.",
			want: []string{"H:QUITO, Ecuador (AP) —", "Mexico’s government ended ties."}},
		{name: "spanish dateline alone", in: "TEGUCIGALPA, HONDURAS.-\nLa cumbre concluyó.",
			want: []string{"H:TEGUCIGALPA, HONDURAS.-", "La cumbre concluyó."}},
		{name: "dateline in the sentence stays", in: "QUITO, Ecuador (AP) — Mexico’s government ended ties.",
			want: []string{"QUITO, Ecuador (AP) — Mexico’s government ended ties."}},
		{name: "english byline", in: "By Jane Doe and John Roe\nPolice broke in.",
			want: []string{"H:By Jane Doe and John Roe", "Police broke in."}},
		{name: "spanish byline", in: "Por María Pérez | Redacción\nLa policía entró.",
			want: []string{"H:Por María Pérez | Redacción", "La policía entró."}},
		{name: "by in a sentence is prose", in: "By Friday the embassy was empty.",
			want: []string{"By Friday the embassy was empty."}},
		{name: "markdown heading", in: "## What happened next\nPolice broke in.",
			want: []string{"H:## What happened next", "Police broke in."}},
		{name: "wiki headings", in: "= Embassy raid =\n== Background ==\nGlas sought asylum.",
			want: []string{"H:= Embassy raid =", "H:== Background ==", "Glas sought asylum."}},
		{name: "subhead between dashes", in: "– ‘Harm caused’ –\nThe ICJ confirmed it.",
			want: []string{"H:– ‘Harm caused’ –", "The ICJ confirmed it."}},
		{name: "capitals", in: "BACKGROUND\nGlas was vice president.",
			want: []string{"H:BACKGROUND", "Glas was vice president."}},
		{name: "photo credit and source", in: "Photo: AP / Dolores Ochoa\nFuente: EFE\nGlas was taken to Guayaquil.",
			want: []string{"H:Photo: AP / Dolores Ochoa", "H:Fuente: EFE", "Glas was taken to Guayaquil."}},
		{name: "headline line", in: "Mexico breaks ties with Ecuador after embassy raid\nPolice broke in.",
			want: []string{"L:Mexico breaks ties with Ecuador after embassy raid", "Police broke in."}},
		{name: "info box", in: "Born: 3 May 1969\nParty: Alianza PAIS\nNacionalidad: ecuatoriana",
			want: []string{"I:Born: 3 May 1969", "I:Party: Alianza PAIS", "I:Nacionalidad: ecuatoriana"}},
		{name: "list items", in: "- Mexico broke ties\n* Nicaragua followed. Others condemned it.\n1. OAS vote\n2) CELAC summit",
			want: []string{"I:Mexico broke ties", "I:Nicaragua followed.", "Others condemned it.", "I:OAS vote", "I:CELAC summit"}},
		{name: "caption", in: "Jorge Glas arrives at court in Quito, on Monday\nHe was sentenced.",
			want: []string{"L:Jorge Glas arrives at court in Quito, on Monday", "He was sentenced."}},
		{name: "heading not glued to the sentence below", in: "Background and previous convictions\nGlas, who was vice president, is in prison.",
			want: []string{"L:Background and previous convictions", "Glas, who was vice president, is in prison."}},
		{name: "hard-wrapped filing", in: "The Applicant requests the Court to declare that the\nRespondent violated its obligations under\narticle 22 of the Vienna Convention.\nThe Court will decide.",
			want: []string{"The Applicant requests the Court to declare that the\nRespondent violated its obligations under\narticle 22 of the Vienna Convention.", "The Court will decide."}},
		{name: "wrapped spanish", in: "La Corte Nacional de Justicia negó el habeas corpus\npresentado por la defensa de Glas.\nEl fallo es final.",
			want: []string{"La Corte Nacional de Justicia negó el habeas corpus\npresentado por la defensa de Glas.", "El fallo es final."}},
		{name: "wrap after a comma", in: "Glas, who had sought asylum,\nMexico said, was taken.",
			want: []string{"Glas, who had sought asylum,\nMexico said, was taken."}},
		{name: "list item continued", in: "- Mexico broke ties with\n  Ecuador on Friday\n- Nicaragua followed",
			want: []string{"I:Mexico broke ties with\n  Ecuador on Friday", "I:Nicaragua followed"}},
		{name: "heading never joins lower case", in: "## Background\nthe raid came late.",
			want: []string{"H:## Background", "the raid came late."}},
		{name: "line ending with a citation is prose", in: "Glas was arrested [1]\nHe sought asylum [2]",
			want: []string{"Glas was arrested [1]", "He sought asylum [2]"}},
	})
}

func TestLineKind(t *testing.T) {
	tests := []struct {
		line string
		want lang.Kind
	}{
		{"", lang.Prose},
		{"Police broke in.", lang.Prose},
		{"Police broke in", lang.Line},
		{"  # Title  ", lang.Heading},
		{"#hashtag politics", lang.Line},
		{"By Jane Doe", lang.Heading},
		{"Born: 3 May 1969", lang.Item},
		{"Note: police broke in.", lang.Prose},
		{"- item", lang.Item},
		{"QUITO (AP) —", lang.Heading},
	}
	for _, tt := range tests {
		if got := lang.LineKind(tt.line); got != tt.want {
			t.Errorf("LineKind(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestSentencesStructureLinear: lines that each need classifying, and long
// runs of wrapped lines, stay linear.
func TestSentencesStructureLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	wrapped := strings.Repeat("the embassy of\n", 20000)                                     // 300 KB, one wrapped sentence
	quotes := strings.Repeat("“open “nested ‘x’ and \"y\" ", 20000) + strings.Repeat("”", 2) // many opens
	within(t, 3*time.Second, "Sentences of 300 KB of wrapped lines", func() { lang.Sentences(wrapped) })
	within(t, 3*time.Second, "Sentences of 500 KB of unclosed quotes", func() { lang.Sentences(quotes) })
	brackets := "x" + strings.Repeat("]", 200000) + "\n" + strings.Repeat("[1]", 70000) + "\nnext"
	within(t, 3*time.Second, "Sentences of lines of 200 KB of brackets", func() { lang.Sentences(brackets) })
}
