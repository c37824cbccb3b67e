package lang

import "strings"

// general holds everyday words of each language: verbs, adverbs and
// adjectives that carry a question's grammar more than its topic ("what
// happened next", "did they go"). They are not stop words, but a corpus that
// never uses one says little about whether it can answer, and they weigh
// less than topic words when matching.
var general = map[Lang]map[string]bool{
	English: set(strings.Fields(`
		happen happened happens happening go goes going gone went come comes coming came get gets getting got
		make makes making made take takes taking took taken give gives giving gave given put puts putting
		keep keeps kept hold holds held holding let lets begin began begun start started starts seem seems seemed try tries tried trying
		want wants wanted wanting need needs needed needing think thinks thought thinking know knows knew known
		see sees saw seen look looks looked looking find finds found use uses used using work works worked working
		call calls called calling tell tells told feel feels felt leave leaves left
		mean means meant become becomes became show shows showed shown hear hears heard play run runs ran
		move moves moved live lives lived living believe believes believed bring brings brought
		happen stay stays stayed turn turns turned end ends ended change changes changed follow follows followed
		stop stops stopped help helps helped talk talks talked speak speaks spoke spoken react reacts reacted
		respond responds responded do does did done doing have has had having be is are was were been being
		actually really exactly basically currently still already yet soon later now then next last first
		again ever never always often sometimes usually also even just only much many more most less least
		very quite rather pretty enough too almost nearly kind sort type thing things stuff way ways
		part parts lot lots bit whole entire certain sure real main big small little large great good bad
		new old long short high low early late recent recently right wrong same different other another
		able possible likely happen anything something nothing everything anyone someone everyone
		situation deal issue matter point fact time times day days year years week weeks
		so well okay ok like about around out up down over back
		drop drops dropped kick kicks kicked throw throws threw thrown pick picks picked push pushed pull pulled
		send sends sent hand handed cause caused set sets fix fixed miss missed hit hits win wins won lose loses
		lost open opens opened close closes closed carry carried reach reached wait waited pass passed allow
		allowed add added offer offered buy bought pay paid spend spent build built break breaks broke broken
		agree agreed decide decides decided explain explained mention mentioned claim claimed want
		involve involved include included consider considered remain remained appear appeared expect expected
		mean meant plan planned manage managed handle handled deal dealt affect affected
		actual actually basically simply maybe perhaps probably anyway overall currently eventually finally
		ever since while whereas though although because unless until
		folks guys people person someone somebody anybody place places area`)...),
	Spanish: set(strings.Fields(`
		pasar pasa pasó pasaron pasado ocurrir ocurre ocurrió ocurrieron suceder sucede sucedió
		ir va van fue fueron ido venir viene vino vinieron hacer hace hizo hicieron hecho tener tiene tuvo
		tuvieron dar da dio dieron dado poner pone puso pusieron llevar lleva llevó llevaron llevarlo llevarla
		sacar saca sacó sacaron sacarlo traer trajo trajeron dejar deja dejó dejaron quedar queda quedó
		quedaron seguir sigue siguió siguen decir dice dijo dijeron ver ve vio vieron visto saber sabe supo
		querer quiere quiso quieren pensar piensa pensó creer cree creyó parecer parece pareció buscar busca
		buscó llegar llega llegó llegaron salir sale salió salieron volver vuelve volvió empezar empezó
		comenzar comenzó terminar terminó cambiar cambió hablar habla habló responder respondió reaccionar
		reaccionó realmente exactamente actualmente todavía ya luego después antes ahora entonces siempre nunca
		también solo sólo muy mucho muchos mucha muchas poco pocos más menos bastante casi cosa cosas forma
		manera parte partes tipo caso vez veces día días año años semana semanas tiempo momento
		gran grande pequeño nuevo nueva viejo largo corto alto bajo bueno buena malo mala mismo misma otro otra
		cierto posible real principal primero primera último última próximo siguiente así bien
		echar echó sacar dejar mandar enviar envió mandó tomar tomó recibir recibió abrir abrió cerrar cerró
		perder perdió ganar ganó usar usó pedir pidió explicar explicó mencionar mencionó considerar consideró
		esperar esperó incluir incluyó permitir permitió aceptar aceptó lograr logró tratar trató intentar intentó
		quizás tal vez probablemente finalmente realmente gente persona personas lugar lugares`)...),
}

// IsGeneral reports whether the folded word w is an everyday word of l (or
// of either language when l is unknown).
func IsGeneral(l Lang, w string) bool {
	switch l {
	case English, Spanish:
		return general[l][w]
	}
	return general[English][w] || general[Spanish][w]
}
