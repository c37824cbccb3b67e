package answer

import (
	"strings"
	"testing"
)

// conv builds a history from alternating user and assistant texts.
func fuConv(texts ...string) []Turn {
	var h []Turn
	for i, t := range texts {
		role := "user"
		if i%2 == 1 {
			role = "assistant"
		}
		h = append(h, Turn{Role: role, Text: t})
	}
	return h
}

func TestResolveFollowUp(t *testing.T) {
	arrest := fuConv("Who was arrested at the embassy?",
		"Police broke into the embassy in the capital, Quito, to arrest Jorge Glas, who had lived there since December. [1]")
	tests := []struct {
		name    string
		history []Turn
		q       string
		want    string
	}{
		{"no history", nil, "Where is he now?", "Where is he now?"},
		{"he from the answer to a who-question, by surname", arrest, "Where is he now?", "Where is Glas now?"},
		{"a longer name by its two surnames", fuConv("Who is Andrés Manuel López Obrador?", "Andrés Manuel López Obrador is Mexico's president. [1]"),
			"Who did he thank?", "Who did López Obrador thank?"},
		{"a patronymic in -ez keeps both surnames", fuConv("What did López Obrador call the raid?", "He called it an authoritarian act. [1]"),
			"Who did he thank?", "Who did López Obrador thank?"},
		{"a short form the texts use is kept whole", fuConv("What did Andrés Manuel López Obrador say?", "López Obrador called it an authoritarian act. [1]"),
			"Who did he thank?", "Who did López Obrador thank?"},
		{"a person by the surname the texts use", fuConv("Who is Alicia Bárcena?",
			"Alicia Bárcena is Mexico's foreign minister. Bárcena said the diplomats were hurt. [1]"),
			"What did she post?", "What did Bárcena post?"},
		{"him is not the question's own subject", fuConv("Who was arrested?", "Police arrested Jorge Glas. [1]"),
			"What did Noboa say about him?", "What did Noboa say about Glas?"},
		{"she skips a man", fuConv("Who is Alicia Bárcena?", "Alicia Bárcena is the foreign minister. She said the staff would leave. [1]",
			"Who was arrested?", "Police arrested Jorge Glas. He had lived there since December. [1]"),
			"What did she announce?", "What did Bárcena announce?"},
		{"he skips a woman", fuConv("Who is Jorge Glas?", "Jorge Glas is a former vice president. He was arrested. [1]",
			"Who is the foreign minister?", "The foreign minister is Alicia Bárcena. She said the staff would leave. [1]"),
			"Where is he held?", "Where is Glas held?"},
		{"es: su", fuConv("¿Quién es Jorge Glas?", "Jorge Glas es un exvicepresidente. [1]"),
			"¿Qué pidió su defensa?", "¿Qué pidió la defensa de Glas?"},
		{"es: ¿Y en X?", fuConv("¿Qué pasó en Quito?", "La policía entró en la embajada en Quito. [1]"),
			"¿Y en Guayaquil?", "¿Qué pasó en Guayaquil?"},
		{"him", arrest, "Why did they arrest him?", "Why did they arrest Glas?"},
		{"his", arrest, "What are his convictions?", "What are Glas’ convictions?"},
		{"she, the question's person before the answer's", fuConv("What did Foreign Minister Ana Ruiz announce?",
			"Ana Ruiz said the staff would return home, and Pedro Gil agreed. [1]"),
			"Where did she say it?", "Where did Ruiz say it?"},
		{"her as object", fuConv("Who is Ana Ruiz?", "Ana Ruiz is the foreign minister. [1]"),
			"Who criticised her?", "Who criticised Ruiz?"},
		{"her as possessive", fuConv("Who is Ana Ruiz?", "Ana Ruiz is the foreign minister. [1]"),
			"What was her reaction?", "What was Ruiz’s reaction?"},
		{"it is an organisation before a place", fuConv("When did Mexico go to the International Court of Justice?",
			"Mexico filed its case on 11 April. [1]"),
			"What did it decide?", "What did the International Court of Justice decide?"},
		{"its", fuConv("What did the Organization of American States say?", "The Organization of American States called a meeting. [1]"),
			"Who chairs its council?", "Who chairs the Organization of American States’ council?"},
		{"it skips what the question names", fuConv("Where was Glas flown?",
			"Glas was flown to the port city of Guayaquil, south of Quito. [1]"),
			"How far is it from Quito?", "How far is Guayaquil from Quito?"},
		{"the answer's sentence about the question's subject first", fuConv("Where was Glas flown on Saturday?",
			"Bárcena said on Saturday the staff will return to Mexico. [1] Ecuador's agency said Glas is held in a prison in Guayaquil. [2]"),
			"How far is it from Quito?", "How far is Guayaquil from Quito?"},
		{"expletive it stays", arrest, "Is it true that he was convicted?", "Is it true that Glas was convicted?"},
		{"there after a motion verb", fuConv("Where was Glas taken?", "He was flown to the port city of Guayaquil. [1]"),
			"Who took him there?", "Who took Glas to Guayaquil?"},
		{"there as location", fuConv("In which city is the embassy?", "The embassy is in Quito. [1]"),
			"What happened there on Friday?", "What happened in Quito on Friday?"},
		{"from there", fuConv("Where was Glas taken?", "He was flown to the port city of Guayaquil. [1]"),
			"Where did he go from there?", "Where did Glas go from Guayaquil?"},
		{"is there stays", arrest, "Is there a trial?", "Is there a trial?"},
		{"then is a date", fuConv("What happened on Thursday?", "Tensions escalated on Thursday. [1]"),
			"What did Ecuador declare then?", "What did Ecuador declare on Thursday?"},
		{"then with a month", fuConv("When was the earthquake?", "The earthquake struck in April 2016. [1]"),
			"Who governed then?", "Who governed in April 2016?"},
		{"they is a list", fuConv("Which countries condemned the raid?", "Argentina, Cuba and Brazil condemned it. [1]"),
			"When did they say so?", "When did Argentina, Cuba and Brazil say so?"},
		{"they is a list with articles and bodies", fuConv("Who criticised the raid?", "The United States, the European Union and Spain criticised the use of force. [1]"),
			"Why did they criticise it?", "Why did the United States, the European Union and Spain criticise it?"},
		{"an object it is the thing answered", fuConv("What did the OAS approve?", "On Wednesday the OAS approved a resolution condemning the raid. [1]"),
			"How many countries voted for it?", "How many countries voted for the resolution?"},
		{"an object it with no thing answered stays", fuConv("Who is Alicia Bárcena?", "Alicia Bárcena is the foreign minister of Mexico. [1]"),
			"Did the court grant it?", "Did the court grant it?"},
		{"the thing after the verb and for, as the subject of a passive", fuConv("What did Mexico ask the court for?", "Mexico asked for provisional measures to protect the embassy. [1]"),
			"Was it granted?", "Was the provisional measures granted?"},
		{"es: the thing after the verb", fuConv("¿Qué aprobó el Consejo Permanente?", "El Consejo aprobó el miércoles una resolución que condena la incursión. [1]"),
			"¿Cuántos países votaron por ella?", "¿Cuántos países votaron por la resolución?"},
		{"es: ¿Cuándo? after ¿Qué país…?", fuConv("¿Qué país rompió relaciones con Ecuador?", "Nicaragua rompió relaciones. [1]"),
			"¿Cuándo?", "¿Cuándo? ¿Qué país rompió relaciones con Ecuador?"},
		{"a subject it is still the body", fuConv("What did the OAS approve?", "On Wednesday the OAS approved a resolution condemning the raid. [1]"),
			"What did it say about Ecuador?", "What did the OAS say about Ecuador?"},
		{"that court", fuConv("What did Mexico ask the International Court of Justice?", "Mexico asked the International Court of Justice for provisional measures. [1]"),
			"When will that court rule?", "When will the International Court of Justice rule?"},
		{"ellipsis: and X", fuConv("What did Nicaragua do?", "Nicaragua cut diplomatic relations with Ecuador. [1]"),
			"And Colombia?", "What did Colombia do?"},
		{"ellipsis: what about X", fuConv("What did Nicaragua do?", "Nicaragua cut relations. [1]"),
			"What about Honduras?", "What did Honduras do?"},
		{"ellipsis replaces the subject that changes", fuConv(
			"What did Nicaragua say about Ecuador?", "Nicaragua called Ecuador's actions reprehensible. [1]"),
			"And Colombia?", "What did Colombia say about Ecuador?"},
		{"ellipsis replaces the subject, not a country every question shares", append(fuConv("Did Nicaragua break relations with Ecuador?", "Nicaragua broke relations with Ecuador. [1]"),
			fuConv("When?", "Nicaragua broke relations on Saturday. [1]")...),
			"And Mexico?", "When did Mexico break relations with Ecuador?"},
		{"ellipsis skips the shared country", append(fuConv("What did Ecuador say about Nicaragua?", "Ecuador called it interference. [1]"),
			fuConv("What did Ecuador say about Mexico?", "Ecuador called it a breach. [1]")...),
			"And Colombia?", "What did Ecuador say about Colombia?"},
		{"that event", fuConv("What happened to Glas in April 2024?", "Police entered the embassy and arrested him. [1]"),
			"When did that happen?", "When did that happen (Glas, April 2024)?"},
		{"es: eso", fuConv("¿Qué hizo la policía en Quito?", "La policía entró en la embajada. [1]"),
			"¿Por qué pasó eso?", "¿Por qué pasó eso (Quito)?"},
		{"that as a conjunction stays", fuConv("What happened to Glas in April 2024?", "Police arrested him. [1]"),
			"Is it true that police beat diplomats?", "Is it true that police beat diplomats?"},
		{"es: ¿Y su X?", fuConv("¿Qué pasó con Jorge Glas?", "Jorge Glas fue trasladado a un hospital. [1]"),
			"¿Y su salud?", "¿Y la salud de Glas?"},
		{"saying is no proof of a person", append(fuConv("Did Nicaragua break relations with Ecuador?", "Nicaragua announced it broke relations with Ecuador. Nicaragua said the raid was reprehensible. [1]"),
			fuConv("When?", "Nicaragua announced it on Saturday. [1]")...),
			"And Mexico?", "When did Mexico break relations with Ecuador?"},
		{"ellipsis of a person", fuConv("What did Alicia Bárcena say?", "Alicia Bárcena said the diplomats were injured. [1]"),
			"And López Obrador?", "What did López Obrador say?"},
		{"ellipsis of a topic", fuConv("What did Ingrid Vasterling say about the suspension?", "She said the court has no power to suspend anyone. [1]"),
			"And what about the provisional measures?", "What did Ingrid Vasterling say about the provisional measures?"},
		{"ellipsis: since when", fuConv("Was Glas convicted?", "Glas was convicted on bribery charges. [1]"),
			"Since when?", "Since when was Glas convicted?"},
		{"es: desde cuándo", fuConv("¿Dónde vivía Glas?", "Glas vivía en la embajada. [1]"),
			"¿Desde cuándo?", "¿Desde cuándo vivía Glas?"},
		{"ellipsis keeps one preposition", fuConv("What happened on Thursday?", "Tensions escalated on Thursday. [1]"),
			"And on Friday?", "What happened on Friday?"},
		{"es: ellipsis keeps one article", fuConv("¿Qué dijo Bárcena el viernes?", "Bárcena dijo el viernes que irían a la Corte. [1]"),
			"¿Y el sábado?", "¿Qué dijo Bárcena el sábado?"},
		{"ellipsis: bare question word", fuConv("When was the session held?", "On 10 April. [1]"),
			"Where?", "Where was the session held?"},
		{"topic shift stands alone", arrest, "What did Nicaragua do?", "What did Nicaragua do?"},
		{"a question naming its subject keeps its pronoun", arrest, "Did Noboa say he ordered the raid?", "Did Noboa say he ordered the raid?"},
		{"chained follow-ups keep the subject", append(fuConv("What did Nicaragua do?", "Nicaragua cut relations. [1]"),
			fuConv("And Colombia?", "Colombia asked Honduras to convene CELAC. [1]")...),
			"What about Cuba?", "What did Cuba do?"},
		{"es: él", fuConv("¿A quién arrestó la policía?", "La policía detuvo al exvicepresidente Jorge Glas en la embajada. [1]"),
			"¿Dónde está él ahora?", "¿Dónde está Glas ahora?"},
		{"es: ella", fuConv("¿Quién es Xiomara Castro?", "La presidenta Xiomara Castro calificó la incursión de intolerable. [1]"),
			"¿Qué dijo ella?", "¿Qué dijo Castro?"},
		{"es: allí after a motion verb", fuConv("¿Dónde está la cárcel La Roca?", "La Roca es un pabellón situado en Guayaquil. [1]"),
			"¿Quién llegó allí el sábado?", "¿Quién llegó a La Roca el sábado?"},
		{"es: allí as location", fuConv("¿Dónde está la cárcel La Roca?", "La Roca está en Guayaquil. [1]"),
			"¿Qué pasó allí?", "¿Qué pasó en La Roca?"},
		{"es: entonces", fuConv("¿Cuándo se reunió el Consejo Permanente?", "Se reunió el 10 de abril. [1]"),
			"¿Qué aprobó el consejo entonces?", "¿Qué aprobó el consejo el 10 de abril?"},
		{"es: ellos", fuConv("¿Qué países condenaron la incursión?", "Argentina, Cuba y Brasil condenaron la incursión. [1]"),
			"¿Qué pidieron ellos?", "¿Qué pidieron Argentina, Cuba y Brasil?"},
		{"es: ¿Y X?", fuConv("¿Qué votó Ecuador en la OEA?", "Ecuador votó en contra. [1]"),
			"¿Y El Salvador?", "¿Qué votó El Salvador en la OEA?"},
		{"es: bare question word", fuConv("¿Cuándo se celebró la sesión?", "El 10 de abril. [1]"),
			"¿Dónde?", "¿Dónde se celebró la sesión?"},
		{"es: a dropped subject is the previous question's", fuConv("¿Qué decidió la Corte Internacional de Justicia?", "La Corte rechazó las medidas. [1]"),
			"¿Y cuándo lo decidió?", "¿Y cuándo lo decidió la Corte Internacional de Justicia?"},
		{"es: a dropped person subject", fuConv("¿Quién es Jorge Glas?", "Jorge Glas es un exvicepresidente. [1]"),
			"¿A qué hospital fue trasladado?", "¿A qué hospital fue trasladado Glas?"},
		{"es: a question word that is the subject lacks nothing", fuConv("¿Qué votó Ecuador en la OEA?", "Ecuador votó en contra. [1]"),
			"¿Y quién se abstuvo?", "¿Y quién se abstuvo?"},
		{"es: a longer question is a topic shift", fuConv("¿Quién es Jorge Glas?", "Jorge Glas es un exvicepresidente. [1]"),
			"¿Cuántas personas murieron en el terremoto de la costa?", "¿Cuántas personas murieron en el terremoto de la costa?"},
		{"en: no dropped subjects", fuConv("Who is Jorge Glas?", "Jorge Glas is a former vice president. [1]"),
			"Which hospital?", "Which hospital?"},
		{"bare why after a subject who", fuConv("Who refused to move Glas?", "A judge refused. [1]"),
			"Why?", "Why? Who refused to move Glas?"},
		{"es: bare question word after qué", fuConv("¿Qué decidió la CIJ?", "La CIJ rechazó las medidas. [1]"),
			"¿Cuándo?", "¿Cuándo decidió la CIJ?"},
		{"es: ella after a Spanish who-question", fuConv("¿Quién es la presidenta de México?", "La presidenta de México es Claudia Sheinbaum. [1]"),
			"¿Qué dijo ella?", "¿Qué dijo Sheinbaum?"},
		{"why not", fuConv("Will Sheinbaum restore relations?", "She said Mexico would not renew relations. [1]"),
			"Why not?", "Why not? Will Sheinbaum restore relations?"},
		{"bare why after how many", fuConv("¿Cuántos años de condena recibió Glas?", "Recibió 13 años. [1]"),
			"¿Por qué?", "¿Por qué? ¿Cuántos años de condena recibió Glas?"},
		{"es: a full question after y stands alone", fuConv("¿Qué pidió la defensa de Glas?", "La defensa presentó recursos. [1]"),
			"¿Y qué pidió Revolución Ciudadana?", "¿Y qué pidió Revolución Ciudadana?"},
		{"answer decorations are not entities", fuConv("Who was arrested?", "As of 2024-04-06: Police arrested Jorge Glas. [1]\n-# Answering: Who was arrested?"),
			"Where is he?", "Where is Glas?"},
		{"nothing to point to stays", fuConv("What happened?", "Police broke in. [1]"),
			"Where is he?", "Where is he?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ResolveFollowUp(tt.q, tt.history)
			if got != tt.want {
				t.Errorf("ResolveFollowUp(%q)\n got %q\nwant %q", tt.q, got, tt.want)
			}
		})
	}
}

// TestCondenseOfflineUsesResolver pins the fix of issue #12: a follow-up is
// no longer prefixed with the previous question.
func TestCondenseOfflineUsesResolver(t *testing.T) {
	h := fuConv("Who was arrested at the embassy?", "Police arrested Jorge Glas at the embassy. [1]")
	got := CondenseOffline("Where is he now?", h)
	if strings.Contains(got, "arrested") || !strings.Contains(got, "Glas") {
		t.Errorf("CondenseOffline = %q, want the follow-up about Jorge Glas alone", got)
	}
}

func FuzzResolveFollowUp(f *testing.F) {
	f.Add("Where is he now?", "Who was arrested?", "Police arrested Jorge Glas in Quito on Friday. [1]")
	f.Add("¿Y Honduras?", "¿Qué hizo Nicaragua?", "Nicaragua rompió relaciones el 6 de abril.")
	f.Add("Where?", "When did the OAS meet?", "The OAS met on 10 April in Washington.")
	f.Add("that court its there then", "¿ ¡ ’s", "’ The Of de la ,, ... Mr. X")
	f.Fuzz(func(t *testing.T, q, prevQ, prevA string) {
		got := ResolveFollowUp(q, []Turn{{Role: "user", Text: prevQ}, {Role: "assistant", Text: prevA}})
		if strings.TrimSpace(q) != "" && strings.TrimSpace(got) == "" {
			t.Errorf("ResolveFollowUp(%q) lost the question", q)
		}
		if len(got) > 4*(len(q)+len(prevQ)+len(prevA))+16 {
			t.Errorf("ResolveFollowUp(%q) grew to %d bytes", q, len(got))
		}
	})
}

// BenchmarkResolveFollowUp measures reading a follow-up against a full
// thread's history (12 turns, answers of several sentences).
func BenchmarkResolveFollowUp(b *testing.B) {
	answerText := "Police broke into the embassy in the capital, Quito, to arrest Jorge Glas, who had lived there since December. " +
		"Foreign Minister Alicia Bárcena said the diplomats were hurt, and the Organization of American States called a meeting. " +
		"Glas was flown to the port city of Guayaquil on Saturday, 6 April, where he is held. [1][2]"
	var h []Turn
	for i := 0; i < 6; i++ {
		h = append(h, Turn{Role: "user", Text: "What did Nicaragua say about Ecuador on Saturday?"}, Turn{Role: "assistant", Text: answerText})
	}
	b.ReportAllocs()
	for b.Loop() {
		if ResolveFollowUp("Where is he now?", h) == "" {
			b.Fatal("empty")
		}
	}
	b.ReportMetric(float64(len(h)), "turns")
}

// What footnote adds to an answer is no part of the conversation's text.
func TestCleanTurnTextDropsDecorations(t *testing.T) {
	for in, want := range map[string]string{
		"Police stormed the embassy late Friday. [1] (Friday was 5 April 2024.)":       "Police stormed the embassy late Friday.",
		"A fecha de 2025-05-13: Soto preside el consejo. [1]":                          "Soto preside el consejo.",
		"La policía entró el miércoles. [1] (El miércoles fue el 3 de abril de 2024.)": "La policía entró el miércoles.",
		"Talks (which began in 2019) resumed. [1]":                                     "Talks (which began in 2019) resumed.",
	} {
		if got := fuCleanTurnText(in); got != want {
			t.Errorf("fuCleanTurnText(%q) = %q, want %q", in, got, want)
		}
	}
}
