package answer

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/retrieval"
)

// typesCorpus is an invented wire report: the questions below are analysed
// against its vocabulary.
const typesCorpus = `---
title: Dockworkers strike at Puerto Alto
source: Test Wire
date: 2025-03-05
language: en
---

PUERTO ALTO, Chile (Test Wire) — About 2,400 workers walked out at the port on Monday after the union rejected a wage offer.

The union is led by Hector Saldias, a crane operator. Transport Minister Ana Ruiz urged both sides to talk. The strike was called because the company plans automated cranes.

The repairs to the cranes cost $4 million and took four weeks. Ash from a fire rose 3 kilometres over the port. A newspaper reported the sale of the cranes.

Glas is held in the La Roca prison in Guayaquil. Panama abstained in the vote, and the newspaper El Diario reported it.
`

func typesIndex(t testing.TB) *retrieval.Index {
	t.Helper()
	docs, skipped, err := corpus.Load(fstest.MapFS{"wire.md": {Data: []byte(typesCorpus)}})
	if err != nil || len(skipped) > 0 {
		t.Fatalf("load: %v %v", err, skipped)
	}
	ix, _, err := retrieval.Build(context.Background(), docs, retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// Each kind of question is filled only by a sentence that holds what it asks
// for, other than the question's own words.
func TestFillsByAnswerType(t *testing.T) {
	ix := typesIndex(t)
	tests := []struct {
		name, question, sentence string
		want                     bool
	}{
		{"who: a name", "Who leads the union?", "The union is led by Hector Saldias, a crane operator.", true},
		{"who: no name", "Who leads the union?", "The union has led strikes before.", false},
		{"who: only the question's name", "Who called Hector Saldias?", "Hector Saldias spoke.", false},
		{"who: a surname given in full elsewhere", "Who arrived at the port on Saturday?", "Saldias, 54, arrived at the port on Saturday.", true},
		{"who: a lone capital is no surname", "Who arrived at the port on Saturday?", "Quilmo, a port town, saw arrivals on Saturday.", false},
		{"who: a thing's name with 'of' is no person", "Who signed for the port?", "The port signed the Harbour Charter of Sanvel on Monday.", false},
		{"who: a titled person before 'of' is one", "Who signed for the port?", "Secretary of State Ana Ruiz signed for the port on Monday.", true},
		{"who: a person before the body she sits on", "Who signed for the port?", "Ana Ruiz Tapia of the Port Council signed on Monday.", true},
		{"who: a body sharing the role's root is no role", "Who is the governor of the province?", "Ana Ruiz said the provincial government is paying.", false},
		{"who: the role's word in the other language", "Who is the minister?", "La ministra Ana Ruiz habló el lunes.", true},
		{"who: the role's complement before the name", "Who is the president of the electoral council?", "The president of the National Electoral Council, Ana Ruiz, resigned.", true},
		{"¿quién?: el complemento del cargo antes del nombre", "¿Quién es el directivo de la empresa minera?", "El directivo de la empresa minera, Pablo Ríos, negó la llamada.", true},
		{"who: a verb between the role and the name", "Who is the president of the electoral council?", "The council president visited the flooded port, Ana Ruiz said.", false},
		{"who: the role after a copula", "Who is the chief engineer of the port?", "Tomás Ferrer is the port's chief engineer.", true},
		{"who: the role after a copula, past a comma", "Who is the medical director of the hospital?", "Tomás Ferrer is a surgeon, and the new medical director spoke.", false},
		{"who: the role after a copula, a clause after it", "Who is the chief engineer of the port?", "Tomás Ferrer is the port's chief engineer, officials said.", true},
		{"who: the role's complement, a clause before it", "Who is the president of the electoral council?", "On Monday, the president of the electoral council, Ana Ruiz, resigned.", true},
		{"¿quién?: el jefe es su presidente", "¿Quién es la jefa del gremio?", "La presidenta del gremio, Lucía Andrade, habló el lunes.", true},
		{"who: a leader's title for another", "Who is the head of the union?", "Union president Hector Saldias spoke on Monday.", true},
		{"who: a body is no person", "Who called the strike?", "The Puerto Alto Port Workers Union called the strike.", false},
		{"who: the question's person asked in lower case", "who took over from saldias as union leader?", "Union leader Hector Saldias resigned on Friday.", false},
		{"who heads: a minister heads a ministry", "Who heads the transport ministry?", "Transport Minister Ana Ruiz urged both sides to talk.", true},
		{"who runs: the leader of another body", "Who runs the national safety office?", "Ana Ruiz, president of the National Workers Union, spoke on Monday.", false},
		{"who runs: the body's noun by the leader", "Who leads the dockers union in Quilmo?", "Union president Hector Saldias spoke on Monday.", true},
		{"who runs: the noun before 'of' is the body's", "Who runs the office of port safety?", "Ana Ruiz, director of the office, spoke on Monday.", true},
		{"who heads: at the helm of", "Who is at the helm of the union?", "Union president Hector Saldias spoke on Monday.", true},
		{"who heads: at the helm of, a name by no leader's word", "Who is at the helm of the union?", "The union thanked Hector Saldias on Monday.", false},
		{"who runs: two of the body's words by the leader", "Who runs the port safety office?", "Ana Ruiz, director of port safety, spoke on Monday.", true},
		{"who heads: a name by no leader's word", "Who heads the transport ministry?", "The transport ministry said Ana Ruiz, a crane operator, urged talks.", false},
		{"who managed to: no leader asked", "Who managed to escape from the port?", "Hector Saldias managed to escape from the port on Friday.", true},
		{"who: the owner's lawyer", "who was saldias's lawyer?", "Ana Ruiz, the lawyer representing Hector Saldias, spoke.", true},
		{"who: another party's lawyer", "who was saldias's lawyer?", "Ana Ruiz, the lawyer representing the company, spoke.", false},
		{"who: a common noun owns no role", "Who is the city's mayor?", "Mayor Ana Ruiz opened the port on Monday.", true},
		{"who: a person named before the body she sits on", "Which judge annulled the strike ban?", "On March 25, Judge Lucía Berrocal Tapia of the First Administrative Court of Puerto Alto annulled the strike ban.", true},
		{"who: a body named with a place is no judge", "Which judge annulled the strike ban?", "On March 25, the First Administrative Court of Puerto Alto annulled the strike ban.", false},
		{"who: a body with a plural possessive is no person", "Who called the strike?", "The strike was called by the Puerto Alto Port Workers' Union.", false},
		{"who: a name by the role asked", "Who is the transport minister?", "Transport Minister Ana Ruiz urged both sides to talk.", true},
		{"who: a name far from the role", "Who is the transport minister?", "Hector Saldias, who leads the union that the government and its transport minister oppose, spoke.", false},
		{"which X: a name by a kind of X", "Which diplomat was expelled?", "Chile expelled the Peruvian ambassador, Ana Ruiz, on Monday.", true},
		{"which X: an adjective sharing a kind's stem names none", "Which ambassador was expelled?", "Chile expelled Ana Ruiz under diplomatic rules on Monday.", false},
		{"who: passive asks no role", "Who was arrested at the port?", "Police arrested Hector Saldias at the port.", true},
		{"when: a weekday", "When did the strike begin?", "The strike began on Monday.", true},
		{"when: a date by the question's everyday verb", "When did the strike end?", "Ended: June 27, 2025", true},
		{"when: a date by neither its topic nor its act", "When did the strike end?", "The minister spoke on Monday.", false},
		{"when: no date", "When did the strike begin?", "The strike began after talks failed.", false},
		{"when will: a past date", "When will the court rule on the appeal?", "The union filed its appeal with the court on Monday.", false},
		{"when will: 'due to' is no future", "When will the court rule on the appeal?", "The court ruling on the appeal was delayed due to a strike on Monday.", false},
		{"when will: a date to come", "When will the court rule on the appeal?", "The court will rule on the appeal on Monday.", true},
		{"¿cuándo + futuro?: una fecha por venir", "¿Cuándo decidirá el tribunal la apelación?", "El tribunal decidirá la apelación el lunes.", true},
		{"when: a date by the event", "When will the port council meet?", "The port council will meet again on Tuesday.", true},
		{"when: a date of something else", "When will the port council meet?", "The port council, which the union and the company both want to hear from about the automated cranes, published the statement on Saturday.", false},
		{"how many: next to what is counted", "How many workers walked out?", "About 2,400 workers walked out at the port.", true},
		{"how many: a number of something else", "How many workers walked out?", "Ships waited for 14 days while the cranes idled.", false},
		{"how many: a date is no count", "How many workers walked out?", "The workers walked out on 3 March.", false},
		{"¿cuántos años tiene?: an age", "¿Cuántos años tiene Ana Ruiz?", "Ana Ruiz, de 54 años, dirige el puerto.", true},
		{"¿cuántos años tiene?: a share is no age", "¿Cuántos años tiene Ana Ruiz?", "Ana Ruiz obtuvo el 4,1 % de los votos.", false},
		{"how many: a live blog's time stamp counts nothing", "How many observers were sent?", "20:30 — The mission said its observers were sent to the port.", false},
		{"how many: a count after a time stamp", "How many observers were sent?", "20:30 — The mission said 86 observers were sent to the port.", true},
		{"how many: a teen in words", "How many workers were hurt?", "Fourteen workers were hurt at the port.", true},
		{"¿cuántos?: un número en letras dentro de un nombre no cuenta", "¿Cuántos pozos sellaron cerca de la laguna?", "Pesca prohibida: en el río y en la laguna de Siete Lagos", false},
		{"how many: a number word in a name counts nothing", "How many wells were sealed near the lake?", "The ban on fishing still holds in the lake at Two Rivers.", false},
		{"¿cuántos?: un número en letras que abre la oración", "¿Cuántos pozos sellaron cerca de la laguna?", "Tres pozos fueron sellados cerca de la laguna.", true},
		{"¿cuántos?: 'ninguna' como valor de una ficha", "¿Cuántas personas siguen detenidas?", "Personas detenidas hoy: ninguna", true},
		{"¿cuántos?: 'ninguna' en una oración no es una cifra", "¿Cuántas personas siguen detenidas?", "Ninguna de las personas detenidas habló con la prensa.", false},
		{"¿cuántos?: un número en letras", "¿Cuántos trabajadores resultaron heridos?", "Dieciséis trabajadores resultaron heridos en el puerto.", true},
		{"¿cuánto costaba?: un número de personas no es un precio", "¿Cuánto costaba el pasaje al puerto?", "Hay al menos 32 pasajeros que pagaron el pasaje a bordo.", false},
		{"¿cuánto costaba?: un precio", "¿Cuánto costaba el pasaje al puerto?", "El pasaje al puerto costaba 40 pesos.", true},
		{"¿cuántas?: la costa no es un precio", "¿Cuántas personas murieron frente a la costa?", "Al menos 32 personas murieron frente a la costa.", true},
		{"how much: money", "How much did the repairs cost?", "The repairs to the cranes cost $4 million.", true},
		{"how much: an amount of something else", "How much compensation did the union seek?", "The company said the stoppage was costing it about $4.5 million a day.", false},
		{"how much: an amount of what is asked", "How much compensation did the union seek?", "The union sought $3 million in compensation.", true},
		{"how much: the topic many small words away", "How much was the bail for Hector Saldias?", "Bail for the union's leader, Hector Saldias, was set at $200,000.", true},
		{"how many: 'more' stands before what is counted", "How many children were hurt?", "From a crowd with children police took 38 more strikers into custody.", false},
		{"how many: a topic word after another noun", "¿Cuántos soldados murieron?", "Dos personas murieron en la ladera sur.", false},
		{"how many people: any person counts", "How many people died in the fire?", "Two villagers died in the fire.", true},
		{"how much: a number that is no amount", "How much did the repairs cost?", "The repairs took four weeks.", false},
		{"how high: a number with a unit", "How high did the ash rise?", "Ash from a fire rose 3 kilometres over the port.", true},
		{"how high: a rate", "How high was inflation in March?", "Inflation rose to 5 percent in March.", true},
		{"how old: an N-year-old the sentence's person is", "How old is Hector Saldias?", "A 54-year-old crane operator, he has led the union since 2019.", true},
		{"how old: another person's N-year-old", "How old is Hector Saldias?", "The minister, Ana Ruiz, met a 74-year-old crane operator.", false},
		{"when: a caption dates its photo", "When was the water cut off?", "Photo caption: Soldiers unload water in the square on March 4, after the water was cut off.", false},
		{"when: the story's own sentence", "When was the water cut off?", "The water was cut off on Tuesday in three towns.", true},
		{"why: a ruling's ground", "Why did the court annul the strike ban?", "The court annulled the strike ban on the ground that the union had not been heard.", true},
		{"why: the ground is no ground", "Why did the union hold the strike?", "The union held the strike on the ground floor of the port.", false},
		{"why: a visit due is no cause", "Why did Ana Ruiz resign?", "Ana Ruiz is due to visit the port on Wednesday.", false},
		{"why: due to a cause", "Why did Ana Ruiz resign?", "Ana Ruiz resigned due to the strike.", true},
		{"why: was due to a cause", "Why did the crane fall?", "The crane fall was due to negligence, the port said.", true},
		{"how many rescuers: people the sentence says rescued", "How many rescuers took part?", "More than 240 firefighters and soldiers took part in the rescue at the port.", true},
		{"how many soldiers: other people", "How many soldiers died at the port?", "Two firefighters died at the port on Friday.", false},
		{"how much: an amount in troy ounces", "How much gold did the port ship?", "The port shipped about 180,000 troy ounces of gold in 2024.", true},
		{"how long: a volume written after its unit", "¿Cuál es la longitud del tramo contaminado?", "Se vertieron 1.650 metros cúbicos al tramo contaminado del río.", false},
		{"how old: a weekday before the age", "How old is Hector Saldias?", "On Monday, a 54-year-old crane operator, he led the union out.", true},
		{"how long: a volume is no length", "How long did the fuel spill last?", "About 300 cubic metres of fuel spilled at the port.", false},
		{"how big: a volume, its unit after cubic", "How big was the fuel spill at the port?", "The company said about 300 cubic metres of fuel spilled into the port.", true},
		{"how much: an amount by the question's everyday verb", "How much did the port pay?", "The port paid $3 million to the workers.", true},
		{"how high: a number of days is no height", "How high did the ash rise?", "The ash rose for 30 days.", false},
		{"how long: a number of days", "How long did the strike last?", "The strike lasted 30 days.", true},
		{"how high: a number without one", "How high did the ash rise?", "Ash fell on 12 villages.", false},
		{"where: a place after a locative", "Where is Glas held?", "Glas is held in the La Roca prison.", true},
		{"where: no place named", "Where is Glas held?", "Glas is held in a prison.", false},
		{"¿dónde?: un sitio nombrado tras su nombre común", "¿Dónde montaron el hospital de campaña?", "El Ejército montó el hospital de campaña junto al polideportivo municipal Las Acacias.", true},
		{"¿dónde?: la cárcel y su nombre", "¿Dónde está preso Saldías?", "Saldías está preso en la cárcel El Mirador.", true},
		{"¿dónde?: una persona tras su cargo no es un sitio", "¿Dónde habló Saldías?", "Saldías habló ante el puerto y se lo contó a la ministra Ruiz.", false},
		{"where: a comma before the name", "Where did the union meet?", "The union met in a statement, Saldias said.", false},
		{"¿dónde?: 'al' y un infinitivo no son un sitio", "¿Dónde habló Saldías?", "Al llegar Saldías al puerto, la huelga terminó.", false},
		{"¿dónde?: un diario no es un sitio", "¿Dónde habló Saldías?", "Saldías habló al diario El Faro sobre la huelga.", false},
		{"¿dónde?: un caso judicial no es un sitio", "¿Dónde fue condenado Saldías?", "Saldías fue condenado en el caso Grúas Rotas.", false},
		{"where: a verb after 'to' is no place noun", "Where did police go?", "Police went there to arrest Hector Saldias.", false},
		{"why: a cause", "Why was the strike called?", "The strike was called because the company plans automated cranes.", true},
		{"why: a purpose", "Why did police enter the union hall?", "Police entered the union hall on Friday to arrest its leader.", true},
		{"why: 'to' and a place is no purpose", "Why did police enter the union hall?", "Police entered the union hall on Friday and went to Quilmo.", false},
		{"¿por qué?: un propósito", "¿Por qué entró la policía en el local?", "La policía entró en el local para detener a Saldías.", true},
		{"why: a purpose that ends in the asked act explains another act", "Why won't the port pay the fine?", "The regulator gave the port ten days to pay the fine.", false},
		{"¿por qué?: un plazo para el acto preguntado no es su causa", "¿Por qué no quiere el puerto pagar la multa?", "El regulador dio al puerto diez días para pagar la multa.", false},
		{"why: a purpose of another verb", "Why won't the port pay the fine?", "The port hired lawyers to challenge the fine.", true},
		{"why: no cause", "Why was the strike called?", "The strike was called on Monday.", false},
		{"why: the reason its maker explained", "Why did the port refuse the new contract?", "The port director explained that the contract would cost every crane operator a month's pay.", true},
		{"¿por qué?: la razón que explicó", "¿Por qué rechazó el puerto el contrato?", "El director explicó que el contrato costaría a cada gruista un mes de sueldo.", true},
		{"¿a qué hora?: la línea de fecha de una ficha", "¿A qué hora reventó la tubería?", "Fecha de la fuga: madrugada del 9 de junio, hacia las 02:15", true},
		{"when: a date that opens the sentence dates its verb", "When did the port authority order the cranes shut?", "On 14 August, two days after a fire damaged the main dock and the storage sheds beside it, the port authority ordered the cranes shut.", true},
		{"when: an opening date, nothing of the question", "When did the port authority order the cranes shut?", "On March 6, the river was closed to fishing.", false},
		{"when: a timeline's date and colon open the line", "When did the rescue crew reach the port?", "22 September: after a long voyage past the islands, two stops for fuel and a night at anchor, the rescue crew reaches the port.", true},
		{"when: a date that is the sentence's subject opens no phrase", "When did the crane collapse?", "Friday was a busy day at the port, where for years the old crane had stood.", false},
		{"when: a fact box's date line", "When did the crane collapse?", "Date of the accident: 3 March 2025", true},
		{"when: a fact box's line of another label", "When did the crane collapse?", "Cause of the accident: a cable that broke on 3 March", false},
		{"when: a clock's colon is no label", "When did the crane collapse?", "Time at 10:30 ran short for the crew, and on Friday the ship left.", false},
		{"why: 'since' a date is no cause", "Why did Ana Ruiz resign?", "Port director: Hector Saldias (since 3 June)", false},
		{"why: 'since' a cause", "Why did Ana Ruiz resign?", "Ana Ruiz resigned, since the strike had failed.", true},
		{"why: 'after' a count is a cause", "Why did Ana Ruiz resign?", "Ana Ruiz resigned after 40 workers were laid off.", true},
		{"why: 'after' a day and month is a time", "Why did Ana Ruiz resign?", "Port director: Hector Saldias (after 24 April)", false},
		{"¿por qué?: 'tras' una fecha no es causa", "¿Por qué renunció Ana Ruiz?", "El puerto tiene nuevo director tras el 24 de abril.", false},
		{"why: a consequence of its cause", "Why was the port closed?", "The cranes had failed, and the port was therefore closed.", true},
		{"¿por qué?: una consecuencia de su causa", "¿Por qué cerró el puerto?", "Las grúas fallaron y, por ende, el puerto cerró.", true},
		{"which: an instance", "Which country abstained in the vote?", "Panama abstained in the vote.", true},
		{"which: an unnamed one", "Which newspaper reported the sale?", "A newspaper reported the sale of the cranes.", false},
		{"which: a name far from what the question says", "Which country abstained in the vote?", "Panama sent a delegation to the summit in Santiago last month, where after long and often bitter days of talks about pensions most members finally abstained in the vote.", false},
		{"which: an unnamed one, with an adjective", "Which airline flew the workers home?", "They flew on a commercial airline to Puerto Alto.", false},
		{"which: named beside the category", "Which newspaper reported the vote?", "Panama abstained, and a newspaper, El Diario, reported it.", true},
		{"which X, a person: a name by the word", "Which minister urged both sides to talk?", "Transport Minister Ana Ruiz urged both sides to talk.", true},
		{"which X, a person: no name", "Which minister urged both sides to talk?", "The minister urged both sides to talk.", false},
		{"which country: a place", "Which country abstained in the vote?", "Delegates said Costa Rica abstained in the vote.", true},
		{"which country: a people is no country", "Which country abstained in the vote?", "The Chilean delegates abstained in the vote.", false},
		{"which delegations: a people before the word", "Which delegations presented the motion?", "It was presented by the Chilean and Peruvian delegations.", true},
		{"which delegations: a place elsewhere", "Which delegations presented the motion?", "The motion about Chile was presented by delegations.", false},
		{"which delegations: a name after 'in' is a place", "Which delegations presented the motion?", "The motion was presented in Puerto Alto on Monday.", false},
		{"which airline: a city is no airline", "Which airline flew the workers home?", "The workers flew home to Mexico City on Sunday.", false},
		{"who: a place's people is no person", "Who backed the strike?", "South American unions backed the strike.", false},
		{"who: the person the question titles", "Who spoke for the Transport Minister?", "Transport Minister Ana Ruiz spoke through an aide.", false},
		{"who: the person the question titles, another named", "Who spoke for the Transport Minister?", "Transport Minister Ana Ruiz's aide, Pablo Mena, spoke.", true},
		{"who: initials are no person", "¿Quién anunció más ayuda?", "La embajada de EE.UU. anunció más ayuda.", false},
		{"who: a name after 'at' is a place", "Who went back to work?", "Dockworkers at Puerto Alto went back to work.", false},
		{"how many: the last noun is what is counted", "How many port workers walked out?", "Workers on strike: about 2,400", true},
		{"who: another country's holder of the role", "Who is the president of Chile?", "Peru's President Ana Ruiz spoke on Monday.", false},
		{"who: the country's holder of the role", "Who is the president of Chile?", "Chile's President Ana Ruiz spoke on Monday.", true},
		{"who: another's, the possessor before the role", "Who is Chile's president?", "Peruvian President Ana Ruiz spoke on Monday.", false},
		{"who: a first name that is also a place", "Who is Chile's transport minister?", "Transport Minister Carolina Ortuzar spoke.", true},
		{"who: the role in the other language", "Who is Chile's transport minister?", "La ministra de Transportes, Carolina Ortúzar, habló.", true},
		{"who: the role's head, words after it aside", "Who is the president elected last year?", "President Ana Ruiz took office in March.", true},
		{"who: only a modifier of the role nearby", "Who is the transport minister?", "Ana Ruiz, of the transport union, spoke.", false},
		{"who: the question's own person in full", "Who won the vote Saldias called?", "On Monday, Hector Saldias called the vote.", false},
		{"who: a people's word in the question names nobody", "Who was the Chilean minister who resigned?", "Chilean Minister Ana Ruiz resigned.", true},
		{"who: another people's holder of the role", "Who was the Chilean minister who resigned?", "Former Peruvian minister Ana Ruiz resigned.", false},
		{"who: a weekday ends a name", "Who urged talks?", "Chile urged talks with Peru Friday evening.", false},
		{"who: a body joined by 'on'", "Who criticised the raid?", "The raid was criticised by the Council on Foreign Relations.", false},
		{"how many: a number of something else", "How many police officers took part?", "Police said seven arrests took place.", false},
		{"how many: a span of days is no count of people", "How many firefighters took part in the search?", "The fire service said the search ended four days later near the port.", false},
		{"how many: days, when days are asked", "How many days did the search last?", "Police said the search ended four days later.", true},
		{"what distance: a length", "What distance separates the port from the dam?", "The port lies 12 km downstream from the dam.", true},
		{"what distance: no length", "What distance separates the port from the dam?", "The port lies downstream from the dam, 12 workers said.", false},
		{"¿qué distancia?: una longitud", "¿A qué distancia del puerto está la presa?", "La presa está a 12 kilómetros del puerto.", true},
		{"how many people: a number of members", "How many people were on the crane crew?", "The crane crew, which arrived on Monday, was a 12-member unit sent by the regional government.", true},
		{"how many people: a number of animals", "How many people were on the crane crew?", "The crane crew from Puerto Alto arrived with six dogs.", false},
		{"how many, in the past: only what will be", "How many cranes did the port have before the strike?", "The port will reopen on Monday with three cranes.", false},
		{"how many, in the past: what was", "How many cranes did the port have before the strike?", "Before the strike the port had twelve cranes.", true},
		{"how many, in the past: what was said of what will be", "How many cranes did the port order?", "The port announced it will buy three cranes.", true},
		{"how many, in the past: a name in -ed is no past", "How many cranes did the port have before the strike?", "United will reopen the port with three cranes.", false},
		{"how many, to come: what will be", "How many cranes will the port have once the strike was settled?", "The port will reopen on Monday with three cranes.", true},
		{"how many, in the past: a participle to come is no past", "How many cranes did the port have before the strike?", "The port will be reopened with three cranes.", false},
		{"what magnitude: the figure by the word", "What magnitude was the aftershock at the port?", "A magnitude 4.7 aftershock shook the port on Monday.", true},
		{"what magnitude: a figure of something else", "What magnitude was the aftershock at the port?", "A strong aftershock shook the port on Monday, 12 days after the first.", false},
		{"¿qué magnitud?: la cifra junto a la palabra", "¿De qué magnitud fue la réplica en el puerto?", "Una réplica de magnitud 4,7 sacudió el puerto el lunes.", true},
		{"who: the head of a body, by the body", "Who is the leader of the crane union?", "The crane union's leader, Hector Saldias, spoke on Monday.", true},
		{"who: the head of another body", "Who is the leader of the crane union?", "Ana Ruiz, leader of the transport ministry team, spoke on Monday.", false},
		{"how many: 'one of' counts nothing", "How many containers does the port handle?", "Puerto Alto is one of the busiest container ports in Chile.", false},
		{"how many: words between the number and the noun", "How many gangs were listed?", "The army listed 20 drug-trafficking gangs.", true},
		{"name of X: an unnamed one", "What is the name of the newspaper that reported the sale?", "A newspaper reported the sale of the cranes.", false},
		{"name of X: named", "What is the name of the newspaper that reported the sale?", "The newspaper El Diario reported the sale.", true},
		{"what did X say: X reported speaking", "What did the union say about the ruling?", "The union said the ruling was unfair.", true},
		{"what did X say: X in a quotation's attribution", "What did the union say about the ruling?", "“It is unfair,” the union's leader Hector Saldias told reporters.", true},
		{"what did X say: no speech", "What did Chile say about the strike?", "Most of the port's fruit is shipped to Chile and Peru.", false},
		{"what did X say: another speaker", "What did the president of Chile say about the resignation?", "Chile's transport minister resigned after lawmakers said they would back a motion.", false},
		{"what did X say: X is not who speaks", "What did the United Nations say about the eruption?", "The president has not said whether she will ask the United Nations for help with the eruption.", false},
		{"what did X say: X right after the verb", "What did the union say about the ruling?", "The ruling was unfair, said the union on Monday.", true},
		{"what did X say: a title and first name are not needed", "What did President Hector Saldias say about the ruling?", "Saldias said the ruling was unfair.", true},
		{"what did X say: a body's name needs every word", "What did the United Nations say about the eruption?", "“We are grateful to every nation,” the president said of the eruption.", false},
		{"what did X say: a quotation is speech", "What did the union say about the ruling?", "For the union, “the ruling is unfair.”", true},
		{"what did X say: a negated verb reports nothing", "What did the union say about the ruling?", "The union did not say whether the ruling was fair.", false},
		{"¿qué dijo X?: una negación de otra cláusula", "¿Qué dijo el sindicato sobre el fallo?", "El sindicato, que no asistió, dijo que el fallo era injusto.", true},
		{"¿qué dijo X?: X habla", "¿Qué dijo el sindicato sobre el fallo?", "El sindicato dijo que el fallo era injusto.", true},
		{"who will: a sentence only about the past", "Who will lead the port talks?", "Transport Minister Ana Ruiz led the port talks on Monday.", false},
		{"who will: a sentence about what is to come", "Who will lead the port talks?", "Transport Minister Ana Ruiz will lead the port talks.", true},
		{"who: a name the articles give initials is a body", "Who reopened the port talks?", "The port talks were reopened by the operator, Terminal Pacifico Sur.", false},
		{"who: a court's chamber is a body", "Which judge wrote the ruling?", "The ruling was written by the Fourth Chamber, whose judges voted three to two.", false},
		{"dateline names nobody", "Who urged both sides to talk?", "PUERTO ALTO, Chile (Test Wire) — Both sides were urged to talk.", false},
		{"¿quién?: un nombre", "¿Quién dirige el sindicato?", "El sindicato lo dirige Héctor Saldías, operador de grúas.", true},
		{"who: a title with a word the question lacks is another's", "Who stepped in once the minister quit?", "The office said Deputy Transport Minister Ana Ruiz would take over.", true},
		{"who: the question's titled person is not the answer", "Who stepped in once the minister quit?", "Transport Minister Ana Ruiz quit on Monday.", false},
		{"¿quién?: la persona de la pregunta, tras el complemento de su cargo", "¿Quién quedó a cargo cuando se fue la ministra?", "La ministra de Transportes, Ana Ruiz, defendió ante el Senado la decisión.", false},
		{"who: the question's titled person, past her title's complement", "Who took charge once the minister quit?", "The minister for ports and transport, Ana Ruiz, told the Senate she would stay.", false},
		{"who: a name after a clause about the question's person", "Who took over once the minister left?", "After the minister left, Tomás Ibarra took over.", true},
		{"who: a name after another post joined by 'and'", "Who took over once the minister left?", "The minister and her deputy, Tomás Ibarra, met the union.", true},
		{"¿quién?: el nombre tras el complemento de otro cargo es el del primero", "¿Quién es el abogado del alcalde?", "La abogada del alcalde, Verónica Lemos, negó las acusaciones.", true},
		{"¿quién?: quien sucede a la persona de la pregunta", "¿Quién quedó a cargo cuando se fue la ministra?", "Tras la dimisión de la ministra Ana Ruiz, el presidente encargó al viceministro Tomás Ibarra la dirección del puerto.", true},
		{"who: a place named after its noun is nobody", "Who spoke for the strikers?", "The strike has paralysed the southern port of Puerto Alto.", false},
		{"¿quién?: un lugar nombrado tras su sustantivo no es nadie", "¿Quién habló por los huelguistas?", "La huelga paralizó el puerto de Puerto Alto.", false},
		{"who: a person after a word that is no place", "Who spoke for the strikers?", "The strikers heard a speech of Ana Ruiz.", true},
		{"where: a name after a place noun after a locative", "Where was the union leader flown?", "He boarded a flight to the port city of Puerto Alto.", true},
		{"where: a name after a place noun alone is no destination", "Where was the union leader flown?", "He praised the people of Puerto Alto.", false},
		{"where: a name ending a place phrase a locative opens", "Where were the strikers housed?", "The strikers were housed in the municipal sports hall of Villa Esperanza.", true},
		{"where: an article between 'of' and the name", "Where did the crane fall?", "The crane fell at kilometre 12 of the Coast Road.", true},
		{"¿dónde?: un artículo entre 'de' y el nombre", "¿Dónde cayó la grúa?", "La grúa cayó en el muelle norte de la Terminal Sur.", true},
		{"where: 'of the' after a relation is still no place", "Where did the crane fall?", "The crane fell in support of the Port Council.", false},
		{"where: the same in Spanish", "¿Dónde se alojaron los huelguistas?", "Los huelguistas fueron alojados en el polideportivo municipal de San Isidro.", true},
		{"where: in support of a person is no place", "Where did the strikers march?", "The strikers marched in support of Jorge Glas on Monday.", false},
		{"where: a cargo de is no place", "¿Dónde quedó el puerto?", "El puerto quedó a cargo de Ana Ruiz.", false},
		{"where: a distance from a place", "Where was the epicentre?", "The epicentre was 22 km southwest of Monte Claro.", true},
		{"¿dónde?: una distancia desde un lugar", "¿Dónde comenzó el incendio?", "El incendio comenzó a 14 kilómetros al noreste de Puerto Alto.", true},
		{"where: a count of a place's people is no distance", "Where was the epicentre?", "The epicentre shook 22 families of Monte Claro.", false},
		{"where: a place phrase needs its locative", "Where were the strikers housed?", "The strikers praised the municipal sports hall of Villa Esperanza.", false},
		{"where: a verb breaks the phrase", "Where were the strikers housed?", "The strikers were housed in tents bought by the mayor of Villa Esperanza.", false},
		{"which place: a name after its place noun", "Which village did the mud reach?", "The mud reached the village of San Rafael within minutes.", true},
		{"which place: a name after another noun", "Which village did the mud reach?", "The mud reached the workers of Ferro Norte within minutes.", false},
		{"who: a first name that is a month", "Who is the mayor of Piura?", "Piura mayor Julio Sánchez spoke to the radio.", true},
		{"when: a first name that is a month is no date", "When did the mayor speak to the radio?", "Mayor Julio Sánchez spoke to the radio.", false},
		{"when: a month after a preposition is a date, a name after it", "When did Mexico break ties?", "In April Mexico broke ties with Ecuador.", true},
		{"what percentage: a percentage", "What percentage of sales is the fine?", "The fine equals 8 % of the company's annual sales.", true},
		{"what percentage: an amount of money is none", "What percentage of sales is the fine?", "The fine on the company's sales is 120 million dollars.", false},
		{"what share: a fraction", "What share of the exports go through the port?", "The port handles about a fifth of the exports.", true},
		{"¿qué porcentaje?: por ciento", "¿Qué porcentaje de las ventas representa la multa?", "La multa equivale al 8 por ciento de las ventas.", true},
		{"at what time: a live report's time", "At what time did the dam collapse?", "12:40 GMT — The dam has collapsed, local radio reports.", true},
		{"at what time: a clock time in Spanish", "¿A qué hora se rompió la presa?", "La presa se rompió a las 14h00 del lunes.", true},
		{"¿cuánto tiempo?: a duration", "¿Cuánto tiempo tiene la empresa para pagar?", "La compañía tiene un plazo de 30 días hábiles para pagar.", true},
		{"¿cuánto tiempo?: money is no duration", "¿Cuánto tiempo tiene la empresa para pagar?", "La empresa debe pagar 1,5 millones de soles.", false},
		{"¿cuánto pagó?: soles are money", "¿Cuánto pagó la empresa en indemnizaciones?", "La empresa pagó 1,5 millones de soles en indemnizaciones.", true},
		{"how long will: a duration set before", "How long will the state of emergency last?", "The governor has declared a state of emergency for 60 days.", true},
		{"how old: an age after a name", "How old is the governor?", "Gov. Elena Vargas, 54, told reporters she would stay.", true},
		{"how old: an age in brackets", "How old is the governor?", "The governor, Elena Vargas (54), told reporters she would stay.", true},
		{"how old: a count after a name is no age", "How old is the governor?", "The governor visited Cruz Alta, 54 kilometres away.", false},
		{"¿qué edad?: una edad tras el nombre", "¿Qué edad tiene la gobernadora?", "La gobernadora Elena Vargas, 54, habló con la prensa.", true},
		{"how long: since a date", "How long had the union leader been living in the embassy?", "Police arrested the union leader, who had been living there since December.", true},
		{"¿cuánto tiempo?: desde un año", "¿Cuánto tiempo lleva preso el dirigente?", "El dirigente está preso desde 2022 en Quilmo.", true},
		{"how long: since a date is no length of time", "How long was the union leader's prison sentence?", "The union leader has been in prison since December.", false},
		{"how long: since a name is no date", "How long had the union leader been living in the embassy?", "The union leader has lived in the embassy since Ana Ruiz left.", false},
		{"which leader: a titled name", "Which Honduran leader criticized the raid?", "Honduran President Ana Ruiz, writing on X, criticized the raid.", true},
		{"which leader: an untitled name is no leader", "Which Honduran leader criticized the raid?", "Honduran student Ana Ruiz, writing on X, criticized the raid.", false},
		{"which leader: another country's titled name", "Which Honduran leader criticized the raid?", "El Salvador President Ana Ruiz criticized the raid.", false},
		{"which leader: a region holds many peoples", "Which European leader criticized the raid?", "Spanish President Ana Ruiz criticized the raid.", true},
		{"¿qué mandataria?: un nombre con cargo", "¿Qué mandataria criticó la redada?", "La presidenta Ana Ruiz criticó la redada en X.", true},
		{"what did X ask: X asking", "What did Chile ask the court?", "Chile filed a case against Peru at the International Court of Justice on Monday, asking the judges to suspend Peru.", true},
		{"what did X ask: X asked", "What did Chile ask the court?", "Chile asked the court to order Peru to pay.", true},
		{"what did X ask: X is whom another asks", "What did Chile ask the court?", "The court will ask Chile to wait for the ruling.", false},
		{"¿qué edad?: de 47 años", "¿Qué edad tiene la gobernadora?", "La gobernadora, de 47 años, había asumido el cargo en marzo.", true},
		{"how old: days are no age", "How old is the governor?", "The governor resigned two days after the escape.", false},
		{"¿cuánto mide?: metros", "¿Cuánto mide el túnel?", "El reo escapó por un túnel de 60 metros.", true},
		{"¿cuánto ofrece?: una recompensa en dólares", "¿Cuánto ofrece el Gobierno por la captura?", "El Gobierno ofrece una recompensa de 500.000 dólares por la captura.", true},
		{"¿cuántos?: un número que sustituye al sustantivo", "¿Cuántos presos fueron hallados?", "Tras semanas de planificación y con ayuda desde fuera de los muros, los presos huyeron con él; dos fueron hallados cerca del río el jueves.", true},
		{"how many: a number standing for a noun named before", "How many prisoners were found?", "After weeks of planning and with help from outside the walls, the prisoners fled with him, and two were found near the river on Thursday.", true},
		{"who is the governor: a title's abbreviation", "Who is the governor of Antares?", "Gov. Elena Vargas, 54, told reporters she would stay.", true},
		{"who is the senator: a title's abbreviation", "Who is the senator for Antares?", "Sen. Elena Vargas told reporters she would stay.", true},
		{"how long: a hyphenated span", "How long is the presidential term?", "She will take office on Jan. 10 for a five-year term.", true},
		{"who did it: a company that did it", "Who operated the dam?", "The company Ferronorte, which operated the dam, said it regretted the tragedy.", true},
		{"who did it: a place that did it is no who", "Who operated the dam?", "Chile operated the dam for years before selling it.", false},
		{"who did it: a company that did something else", "Who owns the port?", "Ferronorte said the port would reopen on Monday.", false},
		{"why: for lack of", "Why were the businessmen acquitted?", "Two businessmen were acquitted for lack of evidence.", true},
		{"¿por qué?: por falta de", "¿Por qué fueron absueltos los empresarios?", "Dos empresarios fueron absueltos por falta de pruebas.", true},
		{"how long: a span of what was asked", "How long did the raid last?", "The raid on the embassy lasted three hours.", true},
		{"how long: a span of something else", "How long did the raid last?", "People seeking asylum have lived in embassies for years, one in London for seven years.", false},
		{"what is the height of: a height", "What is the height of the volcano?", "The volcano rises 3,400 metres above the valley.", true},
		{"what is the height of: a toll is no height", "What is the height of the volcano?", "The volcano has killed seven people since February.", false},
		{"which company: a clock's zone is no name", "Which company built the dam?", "12:40 GMT — The dam has collapsed, local radio reports.", false},
		{"who did it: a sentence's first word is capitalised anyway", "Who operated the dam?", "Engineers operated the dam until 2020, when it was sold.", false},
		{"what share: an ordinal is no share", "What share of the exports go through the port?", "The third round of talks on the exports failed at the port.", false},
		{"how tall will: a height set before is another's", "How tall will the new dam be?", "The old dam was 40 metres tall.", false},
		{"who: a person at the side of someone", "Who stood by the strikers?", "The strikers stood at the side of Ana Ruiz on Monday.", true},
		{"who did it: a body in lower case", "Who is paying for the field hospital?", "Sánchez: The regional government is paying for it.", true},
		{"who did it: a body that does something else", "Who is paying for the field hospital?", "The regional government is building a field hospital.", false},
		{"who: nor is the question's person in apposition", "Who stepped in once the minister quit?", "Chile's transport minister, Ana Ruiz, resigned late Monday, after lawmakers said they would back a motion to remove her.", false},
		{"¿cuántos?: junto a lo contado", "¿Cuántos trabajadores pararon?", "Unos 2.400 trabajadores pararon el lunes.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := analyse(ix.Analyse(tt.question))
			q.proper = map[string]bool{"panama": true, "saldias": true}
			q.surnames = map[string]bool{"saldias": true}
			q.bodies = map[string]bool{"terminal pacifico sur": true}
			l := lang.Detect(tt.sentence, lang.English)
			if got := fills(q, tt.sentence, lang.Terms(l, tt.sentence)); got != tt.want {
				t.Errorf("fills(%q, %q) = %v, want %v (type %d)", tt.question, tt.sentence, got, tt.want, q.typ)
			}
		})
	}
}

// The question's shape sets what its answer must hold.
func TestQuestionShape(t *testing.T) {
	ix := typesIndex(t)
	tests := []struct {
		question string
		typ      answerType
		category string // the category term's word, for which-X questions
		counted  string // the counted term's word
		anchor   string
		role     string // the first role term's word
		money    bool
		measure  bool
	}{
		{question: "How many workers walked out?", typ: typeQuantity, category: "workers", counted: "workers"},
		{question: "How much did the repairs cost?", typ: typeQuantity, money: true},
		{question: "What is the death toll at the port?", typ: typeQuantity},
		{question: "¿Quién fue el primero en morir?", typ: typePerson},
		{question: "Who was the last to leave the port?", typ: typePerson},
		{question: "Who was the first mayor of the port?", typ: typePerson, role: "mayor", anchor: ""},
		{question: "¿Cuál es la cifra oficial de heridos?", typ: typeQuantity},
		{question: "What's the latest death toll at the port?", typ: typeQuantity},
		{question: "¿Cuál es la última cifra de heridos?", typ: typeQuantity},
		{question: "What is the number of strikers?", typ: typeQuantity, anchor: "strikers"},
		{question: "What is the port's toll road called?", typ: typeAny},
		{question: "How high did the ash rise?", typ: typeQuantity, measure: true},
		{question: "What is Hector Saldias's date of birth?", typ: typeTime, anchor: "birth"},
		{question: "Who was Chile's transport minister in March?", typ: typePerson, role: "transport"},
		{question: "Who was arrested?", typ: typePerson},
		{question: "Who was the transport minister who resigned?", typ: typePerson, role: "transport"}, // the role ends at "who
		{question: "Who is Hector Saldias?", typ: typeAny},                                             // what the articles say of him
		{question: "Who's Hector Saldias?", typ: typeAny},                                              // "'s" is "is"
		{question: "Who's the transport minister?", typ: typePerson, role: "transport"},
		{question: "¿Quién es Ana Ruiz?", typ: typeAny},
		{question: "Which country abstained?", typ: typeInstance, category: "country"},
		{question: "¿Qué país se abstuvo?", typ: typeInstance, category: "pais"},
		{question: "What did the union say?", typ: typeSpeech},
		{question: "What did the minister ask the strikers to do?", typ: typeSpeech},
		{question: "¿En qué año se construyó la presa?", typ: typeTime, category: "año"},
		{question: "What did the minister say when she was arrested?", typ: typeSpeech}, // "when" relates
		{question: "What happened where the dam burst?", typ: typeAny},
		{question: "What is the height of the volcano?", typ: typeQuantity, anchor: "volcano", measure: true},
		{question: "Tell me, what is the height of the volcano?", typ: typeQuantity, anchor: "volcano", measure: true},
		{question: "¿Cuál es la longitud del túnel?", typ: typeQuantity, measure: true},
		{question: "What is the name of the volcano?", typ: typeInstance, category: "volcano", anchor: "volcano"},
		{question: "¿Por qué delito fue condenado el exministro?", typ: typeAny},
		{question: "¿Por qué renunció el ministro?", typ: typeReason},
		{question: "¿Cuánto dinero debe devolver?", typ: typeQuantity, category: "dinero", money: true},       // money is counted by its amount
		{question: "¿Cuánto va a costar la auditoría?", typ: typeQuantity, money: true},                       // "costar" asks an amount of money
		{question: "¿Cuánta plata recibirá cada familia?", typ: typeQuantity, category: "plata", money: true}, // "plata", as Latin America says money
		{question: "¿Qué pidió la ministra a los huelguistas?", typ: typeSpeech},
		{question: "What percentage of sales is the fine?", typ: typeQuantity, category: "percentage", measure: true},
		{question: "¿Cuánto tiempo tiene la empresa para pagar?", typ: typeQuantity, category: "tiempo", measure: true},
		{question: "How old is the governor?", typ: typeQuantity, measure: true},
		{question: "¿Cuántos años tiene el gobernador?", typ: typeQuantity, category: "años", measure: true}, // an age, as "how old"
		{question: "¿Cuántos años duró la huelga?", typ: typeQuantity, category: "años", counted: "años"},    // a count of years
		{question: "Which minister urged talks?", typ: typePerson, category: "minister", role: "minister"},   // WordNet: a minister is a person
		{question: "Which Chilean minister urged talks?", typ: typePerson, category: "minister", role: "minister"},
		{question: "Which country abstained in the vote?", typ: typeInstance, category: "country"},
		{question: "Which Central American president urged talks?", typ: typePerson, category: "president", role: "president"},
		{question: "which chilean diplomat was expelled?", typ: typePerson, category: "diplomat", role: "diplomat"}, // a people's word in lower case
		{question: "which foreign minister urged talks?", typ: typePerson, category: "minister", role: "minister"},
		{question: "what's the limit on the bridge?", typ: typeAny},
		{question: "¿Qué partido político ganó?", typ: typeInstance, category: "partido"},                      // Spanish puts the adjective after                                            // "the" is no adjective of "limit"
		{question: "According to the union, which country abstained?", typ: typeInstance, category: "country"}, // a lead-in before the question word
		{question: "How many port workers walked out?", typ: typeQuantity, category: "workers", counted: "workers"},
		{question: "How many people, workers included, walked out?", typ: typeQuantity, category: "people", counted: "people"},
		{question: "¿Quién es el jefe de la empresa que opera el puerto?", typ: typePerson, role: "jefe"}, // "que opera": no "qué X"
		{question: "What was the name of the TV station attacked in January?", typ: typeInstance, category: "station", anchor: "tv"},
		{question: "What ruled out a deal?", typ: typeAny},                  // a verb, not "what X"
		{question: "¿A qué atribuyó el sindicato la huelga?", typ: typeAny}, // "atribuyó": a verb
		{question: "¿Qué pasará con la aldea?", typ: typeAny},               // "pasará": a verb
		{question: "¿Por qué Saldías dejó el puerto?", typ: typeReason},     // no "qué X" in "por qué"
		{question: "Where is the union's leader now?", typ: typePlace},
		{question: "¿Quién está al frente del sindicato?", typ: typePerson},
		{question: "¿Por qué se convocó la huelga?", typ: typeReason},
		{question: "What was the name of the police commander who led the raid?", typ: typePerson, category: "commander", anchor: "police", role: "commander"}, // "who" relates
		{question: "¿Cómo se llamaba el estudiante que murió en la protesta?", typ: typePerson, category: "estudiante", role: "estudiante"},                    // a person, by the glossary's "student"
		{question: "¿Cómo se llama el puerto que cerró?", typ: typeInstance, category: "puerto"},
		{question: "¿Cómo se llaman los dos estibadores portuarios detenidos?", typ: typePerson, category: "estibadores", role: "estibadores"}, // the noun first, a number no noun
		{question: "What did the union say about the ruling?", typ: typeSpeech},
		{question: "¿Qué dijo el presidente de Chile sobre la renuncia?", typ: typeSpeech},
		{question: "What did the union ask for?", typ: typeAny},                                              // no speech verb
		{question: "What did the minister promise?", typ: typeSpeech},                                        // a promise is said
		{question: "What states border the port?", typ: typeAny, category: "states"},                         // "states" asks no speech
		{question: "What did investigators find after the company announced the recall?", typ: typeAny},      // the verb is in another clause
		{question: "What reasons has the union given for the strike?", typ: typeReason, category: "reasons"}, // a cause noun asks why
		{question: "On what legal grounds was the strike banned?", typ: typeReason},
		{question: "¿Cuáles fueron los motivos de la huelga?", typ: typeReason},
		{question: "What was the cause of the strike?", typ: typeReason, anchor: "strike"},
	}
	for _, tt := range tests {
		q := analyse(ix.Analyse(tt.question))
		word := func(t *qterm) string {
			if t == nil {
				return ""
			}
			return t.word
		}
		role := ""
		if len(q.role) > 0 {
			role = q.role[0].word
		}
		if q.typ != tt.typ || word(q.category) != tt.category || word(q.counted) != tt.counted || word(q.anchor) != tt.anchor || role != tt.role || q.money != tt.money || (q.measure != nil) != tt.measure {
			t.Errorf("%q: type %d category %q counted %q anchor %q role %q money %v measure %v", tt.question, q.typ, word(q.category), word(q.counted), word(q.anchor), role, q.money, q.measure != nil)
		}
	}
}

func TestDatelineEnd(t *testing.T) {
	tests := []struct {
		text, rest string
	}{
		{"QUITO, Ecuador (AP) — Police broke in.", "Police broke in."},
		{"MEXICO CITY: Diplomats left on Sunday.", "Diplomats left on Sunday."},
		{"TEGUCIGALPA, HONDURAS.- La cumbre concluyó.", "La cumbre concluyó."},
		{"SAN TELMO, 9 feb (Agencia Istmo).- El volcán entró en erupción.", "El volcán entró en erupción."},
		{"Police broke in — and left.", "Police broke in — and left."},
		{"The minister said: no deal.", "The minister said: no deal."},
	}
	for _, tt := range tests {
		if got := tt.text[datelineEnd(tt.text):]; got != tt.rest {
			t.Errorf("after the dateline of %q: %q, want %q", tt.text, got, tt.rest)
		}
	}
}

// A word written only with a capital is a name; one the articles also write
// in lower case is not. The last word of a person's full name is a surname;
// a body's name gives none.
func TestNames(t *testing.T) {
	docs := []*corpus.Document{{Language: lang.English, Text: "Nicaragua also cut ties. Police said the police chief left. Spain and Mexico spoke. The National Police held Jorge Glas. Glas, 54, arrived on Saturday. Former Ecuadorian envoys met Ana Ruiz. The operator, Terminal Pacifico Sur (TPS), said so. Then Senator Ana Torres (PRI) agreed. It was then that President Andrés Manuel López Obrador (AMLO) spoke."}}
	proper, surnames, bodies, _ := (&question{}).reading().names(docs)
	if !bodies["terminal pacifico sur"] || len(bodies) != 1 {
		t.Errorf("bodies = %v, want only the name given its own initials with no title", bodies)
	}
	for w, want := range map[string]bool{"nicaragua": true, "spain": true, "mexico": true, "police": false, "the": false} {
		if proper[w] != want {
			t.Errorf("proper[%q] = %v, want %v", w, proper[w], want)
		}
	}
	for w, want := range map[string]bool{"glas": true, "ruiz": true, "torres": true, "obrador": true, "jorge": false, "police": false, "mexico": false, "ecuadorian": false, "sur": false} {
		if surnames[w] != want {
			t.Errorf("surnames[%q] = %v, want %v", w, surnames[w], want)
		}
	}
}

// A name the articles write where only a place stands is a place wherever
// it appears; not a name they also read as a person's, nor a possessor, a
// home or a target.
func TestNamesPlaces(t *testing.T) {
	docs := []*corpus.Document{
		{ID: "a", Language: lang.Spanish, Text: "Los pescadores de Punta Sirena rescataron a 40 personas. El ferri zarpó de noche. " +
			"Los vecinos confían en Daniel Noboa. La policía allanó el departamento de Marta Ibáñez."},
		{ID: "b", Language: lang.English, Text: "The trawler returned to port in Punta Sirena at dawn. Doctors at the port city of Villa Marta treated 12. " +
			"In Ana Ruiz's view the port should close. Protesters hurled eggs at John Smith. The mayor, Noboa, agreed. " +
			"We will stay in Luis Peña, said the crew. Luis Peña said so."},
	}
	_, _, _, places := (&question{}).reading().names(docs)
	for run, want := range map[string]bool{"punta sirena": true, "villa marta": true, "ana ruiz": false, "daniel noboa": false,
		"marta ibañez": false, "john smith": false, "luis peña": false} {
		if places[run] != want {
			t.Errorf("places[%q] = %v, want %v", run, places[run], want)
		}
	}
	q := analyse(typesIndex(t).Analyse("¿Quién rescató a los pasajeros?"))
	q.proper, q.surnames, q.bodies, q.places = q.reading().names(docs)
	sentence := "Los pescadores de Punta Sirena rescataron a 40 personas."
	if fills(q, sentence, lang.Terms(lang.Spanish, sentence)) {
		t.Errorf("fills(%q) = true: a place the articles name is no person", sentence)
	}
}

// A chat question's hedging adverbs are no topic a sentence must mention.
func TestHedgeWordsAreNoTerms(t *testing.T) {
	ix := typesIndex(t)
	for question, hedge := range map[string]string{
		"When did the strike actually start?":   "actually",
		"where exactly did the crane fall":      "exactly",
		"¿Dónde exactamente cayó la grúa?":      "exactamente",
		"how many workers were even told first": "even",
	} {
		q := analyse(ix.Analyse(question))
		for _, tm := range q.terms {
			if tm.word == hedge {
				t.Errorf("%q: %q is a term", question, hedge)
			}
		}
		if len(q.terms) == 0 {
			t.Errorf("%q: no terms at all", question)
		}
	}
}

// A surname inside a sentence is no form of a common word: "Salvatierra
// Mora" does not say "morir"; the same word outside a name does.
func TestSentenceStemsSurnames(t *testing.T) {
	surnames := map[string]bool{"mora": true}
	_, stems := sentenceStems(lang.Spanish, "El gerente Héctor Salvatierra Mora anunció la apelación.", surnames)
	if stems[lang.Stem(lang.Spanish, "morir")] || !stems["mora"] {
		t.Errorf("stems of a surname = %v, want the word mora and not the stem of morir", stems)
	}
	_, stems = sentenceStems(lang.Spanish, "Ana Mora anunció la apelación.", surnames)
	if stems[lang.Stem(lang.Spanish, "morir")] {
		t.Errorf("a surname second in the sentence keeps its stem: %v", stems)
	}
	_, stems = sentenceStems(lang.Spanish, "El gerente Héctor Salvatierra Mora anunció la apelación.", nil)
	if !stems[lang.Stem(lang.Spanish, "morir")] {
		t.Errorf("without surnames the word keeps its stem: %v", stems)
	}
}

// Any question, however odd, gets an answer with citations or a refusal,
// never a panic: question shapes, answer types and compound parts are read
// from free text.
func FuzzAsk(f *testing.F) {
	for _, s := range []string{"Who leads the union?", "¿Qué país se abstuvo y quién lo dijo?", "Which EE.UU. and who?", "how many many", "¿por qué?", "What ruled: and where"} {
		f.Add(s)
	}
	e := NewEngine(typesIndex(f))
	f.Fuzz(func(t *testing.T, q string) {
		q, err := CleanQuestion(q)
		if err != nil {
			return
		}
		a, err := e.Ask(context.Background(), q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Refused && len(a.Citations) == 0 {
			t.Fatalf("%q: answered %q without citations", q, a.Answer)
		}
	})
}

// A two-word capitalised name the passages never put together is unknown;
// a title and a name, or a people's name ("South American"), is no such
// name.
func TestUnknownName(t *testing.T) {
	ix := typesIndex(t)
	for q, want := range map[string]bool{
		"What did the State Department say about the strike?": true,
		"What did the South American unions say?":             false,
		"What did Transport Minister Ana Ruiz say?":           false,
		"What did Minister Ruiz say?":                         false,
	} {
		res, err := ix.Retrieve(context.Background(), q, candidateChunks)
		if err != nil {
			t.Fatal(err)
		}
		if got := unknownName(analyse(res.Query), res.Hits); got != want {
			t.Errorf("unknownName(%q) = %v, want %v", q, got, want)
		}
	}
}

// A sentence speaks of an unnamed person by a noun for one after an
// indefinite article; a word that only qualifies a title is no such noun.
func TestUnnamedPerson(t *testing.T) {
	rows := map[string]bool{
		"A spokesman for the union said the strike would go on.": true,
		"Police said an official had resigned.":                  true,
		"Police arrested a former Ecuadorian vice president.":    false,
		"A strike closed the port.":                              false,
	}
	sentenceTable(t, "unnamedPerson", rows, func(_ string, terms []lang.Term) bool { return unnamedPerson(terms) })
}

// A "which X" or "who" question's predicate is the content word after X or
// "who"; a role question and a name after it have none.
func TestPredicateTerm(t *testing.T) {
	ix := typesIndex(t)
	for q, want := range map[string]string{
		"Which country abstained in the vote?":    "abstained",
		"Who was arrested at the port?":           "arrested",
		"Who convened the summit?":                "convened",
		"¿Quién convocó la huelga?":               "convoco",
		"Which delegations presented the motion?": "presented",
		"Who first reported the sale?":            "reported", // an adverb before the verb
		"Who currently leads the union?":          "leads",
		"Who is the transport minister?":          "", // a role's holder
		"Which country did Hector Saldias visit?": "", // a name comes first
		"When did the strike begin?":              "",
	} {
		qs := analyse(ix.Analyse(q))
		got := ""
		if qs.predicate != nil {
			got = qs.predicate.word
		}
		if got != want {
			t.Errorf("%q: predicate %q, want %q", q, got, want)
		}
	}
}

// "first" asks for the earliest state when it is said of the act, not of
// a thing; "initially" and "al principio" always do.
func TestEarliestAt(t *testing.T) {
	for q, want := range map[string]string{
		"How many shelters were evacuees first sent to?":  "first",
		"Who first reported the sale?":                    "first",
		"Where was Glas initially held?":                  "initially",
		"¿Adónde fueron llevados al principio?":           "principio",
		"¿Adónde lo llevaron primero?":                    "primero",
		"What happened on the first day of the strike?":   "",
		"Which was the first country to break off ties?":  "",
		"¿Quién fue el primero en condenar la incursión?": "",
		"What was the union's first demand?":              "", // a possessive's
		"When did First Quantum close the mine?":          "", // a name
		"Which country was first to condemn the raid?":    "", // a rank
	} {
		toks := lang.Terms(lang.Detect(q, lang.English), q)
		got := ""
		if i := earliestAt(q, toks); i >= 0 {
			got = toks[i].Text
		}
		if got != want {
			t.Errorf("%q: earliest word %q, want %q", q, got, want)
		}
	}
}

// A question word's other-language form counts only in text of that
// language: Spanish "agentes" (stem "agent") is no match for the English
// "agent" of a sentence about other agents.
func TestFormsCountInTheirLanguage(t *testing.T) {
	tm := qterm{word: "officers", stem: "offic", alts: []retrieval.Alt{
		{Stem: "agent", Weight: 0.6, Lang: lang.Spanish},
		{Stem: "policeman", Weight: 0.5, Lang: lang.English},
		{Stem: "amlo", Weight: 0.9}, // initials: either language
	}}
	for _, tt := range []struct {
		stem string
		l    lang.Lang
		want float64
	}{
		{"agent", lang.Spanish, 0.6},
		{"agent", lang.English, 0},
		{"policeman", lang.English, 0.5},
		{"policeman", lang.Spanish, 0},
		{"amlo", lang.Spanish, 0.9},
		{"offic", lang.Spanish, 1},
	} {
		if got := tm.in(map[string]bool{tt.stem: true}, tt.l); got != tt.want {
			t.Errorf("in(%q, %s) = %v, want %v", tt.stem, tt.l, got, tt.want)
		}
	}
}

// A sentence states the cause a why question asks for when its "because"
// stands near the question's event, not when it gives the reason for
// something said of it far away.
func TestStatesCause(t *testing.T) {
	ix := typesIndex(t)
	q := analyse(ix.Analyse("Why did police raid the union hall?"))
	rows := map[string]bool{
		"Police raided the union hall because a judge had issued a warrant.":                                                                                              true,
		"The mayor described the police raid on the union hall as an intolerable act against the city and against every worker of the region because it ignores the law.": false,
		"Police raided the union hall after a judge had issued a warrant.":                                                                                                false, // "after" only sets the scene
	}
	sentenceTable(t, "statesCause", rows, func(_ string, terms []lang.Term) bool { return statesCause(q, terms) })
}

// A question read against text of one language keeps only the related
// forms of that language: the Spanish "mayor" (older) no longer matches an
// English "mayor", and the question's pointers follow its own terms.
func TestForLangKeepsTheLanguagesForms(t *testing.T) {
	q := &question{terms: []qterm{{word: "older", stem: "older", alts: []retrieval.Alt{
		{Stem: "mayor", Weight: 0.6, Lang: lang.Spanish},
		{Stem: "elder", Weight: 0.7, Lang: lang.English},
		{Stem: "amlo", Weight: 0.9},
	}}}}
	q.counted = &q.terms[0]
	mayor := lang.Term{Token: lang.Token{Text: "mayor"}, Stem: "mayor"}
	en, es := q.forLang(lang.English), q.forLang(lang.Spanish)
	if en.counted != &en.terms[0] || es.counted != &es.terms[0] {
		t.Fatalf("counted does not point into the view's terms")
	}
	if en.counted.matches(mayor) || !es.counted.matches(mayor) || !q.counted.matches(mayor) {
		t.Errorf("mayor matches: en %v es %v whole %v, want false true true", en.counted.matches(mayor), es.counted.matches(mayor), q.counted.matches(mayor))
	}
	if len(en.terms[0].alts) != 2 || len(q.terms[0].alts) != 3 || q.forLang(lang.English) != en {
		t.Errorf("views: en alts %v, whole %v; want 2 and 3, and the view cached", en.terms[0].alts, q.terms[0].alts)
	}
}

// A sentence opens with a personal pronoun for a person: "he", "she",
// "ella", or "Él" written with its accent and followed by any punctuation.
func TestPersonalSubject(t *testing.T) {
	rows := map[string]bool{
		"She spoke after the vote.":   true,
		"Él, sin embargo, habló.":     true,
		"«Él dijo que no.":            true,
		"El presidente habló.":        false,
		"Ella renunció el lunes.":     true,
		"The union spoke after them.": false,
	}
	sentenceTable(t, "personalSubject", rows, personalSubject)
}

// A purpose clause opens at "to" and a verb with its object, "in order
// to", or "para" and an infinitive; "to" and a place or a noun does not.
func TestPurposeAt(t *testing.T) {
	rows := map[string]bool{
		"police broke in to arrest a former vice president": true,
		"they came to protect the embassy":                  true,
		"he was taken to prison on Friday":                  false,
		"they flew to Quito":                                false,
		"they met in order to talk":                         true,
		"entraron para detener a Glas":                      true,
		"votaron para nada":                                 false,
		"she stepped down so that the inquiry can proceed":  true,
		"renunció para que la investigación avance":         true,
		"it was so bad that nobody came":                    false,
		"the minister is due to visit the area":             false, // what is set to happen
		"the company plans to build a dam":                  false,
	}
	sentenceTable(t, "purposeAt", rows, func(_ string, terms []lang.Term) bool {
		for i := range terms {
			if purposeAt(terms, i) {
				return true
			}
		}
		return false
	})
}

// sentenceTable checks a test of a sentence (its text and its terms, in
// the language it is written in) against each row's answer.
func sentenceTable(t *testing.T, name string, rows map[string]bool, f func(text string, terms []lang.Term) bool) {
	t.Helper()
	for s, want := range rows {
		if got := f(s, lang.Terms(lang.Detect(s, lang.English), s)); got != want {
			t.Errorf("%s(%q) = %v, want %v", name, s, got, want)
		}
	}
}

// A sentence speaking of unnamed people borrows a name from the next one
// only when that name is new to it: "the transport minister, Ana Ruiz" is
// the person the question speaks of, not the one it asks for.
func TestNamedNextLendsOnlyANewName(t *testing.T) {
	ix := typesIndex(t)
	lead := "The transport minister, Ana Ruiz, quit on Monday after a lawmaker said the house would vote to remove her."
	for next, want := range map[string]bool{
		"Ana Ruiz left the building in the evening.": false,
		"Tomas Vidal said the vote was close.":       true,
	} {
		doc := &corpus.Document{ID: "d", Title: "Minister quits", Language: lang.English, Text: lead + " " + next}
		chunks := corpus.Split(doc)
		if len(chunks) != 1 || len(chunks[0].Sentences) != 2 {
			t.Fatalf("split into %d chunks", len(chunks))
		}
		q := analyse(ix.Analyse("Who took over once the minister quit?"))
		q.proper, q.surnames, q.bodies, q.places = q.reading().names([]*corpus.Document{doc})
		terms := make([][]lang.Term, 2)
		cands := make([]*candidate, 2)
		for i := range cands {
			s := chunks[0].Sentence(i)
			terms[i] = lang.Terms(lang.English, s)
			cands[i] = &candidate{chunk: &chunks[0], doc: doc, sent: i, terms: terms[i], typed: fills(q, s, terms[i])}
		}
		namedNext(q, cands, terms, func(*question) bool { return false })
		if cands[0].lends != want {
			t.Errorf("next %q: lends %v, want %v", next, cands[0].lends, want)
		}
	}
}

// A quotation attributed to a pronoun is the pronoun's, and "el" before a
// name is the article, not "él".
func TestPronounSpeaks(t *testing.T) {
	for s, want := range map[string]bool{
		"“We ask both sides to stay calm,” she said.":              true,
		"«Fue un error», dijo él.":                                 true,
		"«Fue un error», dijo el ministro de Defensa, Juan Ruiz.":  false,
		"She said the talks would resume.":                         true, // reported: the pronoun is the subject
		"In his first remarks he promised to publish the reports.": true,
		"Police said she was arrested on Friday.":                  false, // the pronoun is no speaker
	} {
		l := lang.Detect(s, lang.English)
		if got := pronounSpeaks(s, lang.Terms(l, s)); got != want {
			t.Errorf("pronounSpeaks(%q) = %v, want %v", s, got, want)
		}
	}
}

// "Right now" asks for the latest state: "right" is no topic of the
// question ("The right to a hearing…" does not answer it).
func TestRightNowIsNoTopic(t *testing.T) {
	ix := typesIndex(t)
	for _, question := range []string{"Who is running the port right now?", "who runs the port right now"} {
		q := analyse(ix.Analyse(question))
		for _, tm := range q.terms {
			if tm.word == "right" {
				t.Errorf("%q: 'right' is a term", question)
			}
		}
		if !asksLatest(q) {
			t.Errorf("%q: does not ask for the latest", question)
		}
	}
	q := analyse(ix.Analyse("Who has the right to strike at the port?"))
	found := false
	for _, tm := range q.terms {
		found = found || tm.word == "right"
	}
	if !found {
		t.Error("'the right to strike': 'right' is no term")
	}
}

// "Al frente de" asks who heads a body, as "dirige" does: a name needs a
// leader's word by it, and "frente" is no topic a sentence must hold.
func TestAlFrenteAsksTheLeader(t *testing.T) {
	ix := typesIndex(t)
	q := analyse(ix.Analyse("¿Quién está al frente del sindicato?"))
	if !q.leads {
		t.Error("'al frente del sindicato' does not ask who leads")
	}
	for _, tm := range q.terms {
		if tm.word == "frente" {
			t.Error("'frente' is a term")
		}
	}
	if analyse(ix.Analyse("¿Quién protestó frente al sindicato?")).leads {
		t.Error("'frente al sindicato' (in front of) asks who leads")
	}
}

// "What distance…?" asks a length, as "how far" does; "what is the
// distance of" too.
func TestDistanceAsksALength(t *testing.T) {
	for _, q := range []string{"What distance separates the port from the dam?", "¿A qué distancia del puerto está la presa?", "What was the distance of the march?"} {
		units := measureQuestion(lang.Terms(lang.Detect(q, lang.English), q))
		if !units["km"] || !units["metros"] {
			t.Errorf("%q: units %v, want lengths", q, units)
		}
	}
}

// "In the end" and "al final" ask how things ended up: the latest state,
// not a word the answer must hold; "the final count" keeps its word.
func TestInTheEndAsksTheLatest(t *testing.T) {
	ix := typesIndex(t)
	for _, tc := range []struct {
		q      string
		latest bool
		word   string // a term the question must keep, "" for none
	}{
		{"al final el puerto pagó la multa o no", true, ""},
		{"Did the port pay the fine in the end?", true, ""},
		{"What was the final count of cranes?", false, "final"},
	} {
		res, err := ix.Retrieve(context.Background(), tc.q, candidateChunks)
		if err != nil {
			t.Fatal(err)
		}
		q := analyse(res.Query)
		has := map[string]bool{}
		for _, tm := range q.terms {
			has[tm.word] = true
		}
		if asksLatest(q) != tc.latest || has["final"] != (tc.word == "final") || has["end"] {
			t.Errorf("%q: latest %v, terms %v", tc.q, asksLatest(q), has)
		}
	}
}
