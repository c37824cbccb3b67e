package lang

import (
	_ "embed" // the general news vocabulary
	"slices"
	"strings"
	"sync"
)

// newsGlossary is a general English–Spanish news vocabulary written for
// footnote (data/glossary-news.txt, under the project's licence): about
// 1,600 concepts of politics, diplomacy, courts, crime, disasters, labour
// and the economy, in the format of glossary, "#" opening a comment.
//
//go:embed data/glossary-news.txt
var newsGlossary string

// glossary pairs common news words of Spanish and English, so a question in
// one language finds and is matched against articles in the other (offline,
// without a model). Each line is "spanish forms = english forms"; Spanish
// words keep the accents Stem needs ("rompió", "policía"). newsGlossary
// adds the general vocabulary.
var glossary = `
embajada embajadas = embassy embassies
embajador embajadora = ambassador
policía policías = police
gobierno = government
presidente presidenta = president
expresidente = former president
vicepresidente exvicepresidente = vice president
ministro ministra cancillería canciller = minister foreign
relaciones relacion = relations ties
diplomaticas diplomaticos diplomatica diplomatico = diplomatic diplomats
rompió romper rompe ruptura = broke break breaking
corto cortar corte = cut
pais paises = country countries nation
arrestado arresto arrestar detenido detenida detener detencion capturado = arrested arrest detained detention held custody
carcel prision penitenciaría = prison jail custody facility
asilo = asylum
corrupcion soborno sobornos = corruption bribery bribes
condenado condena condenas sentencia = convicted sentenced conviction sentence
acusado acusación acusa = accused charges charged indicted
tribunal corte juez jueces = court judges judge
justicia = justice
internacional = international
resolucion = resolution
votacion voto votos votaron voto = vote votes voted
favor = favor favour
abstencion abstuvo = abstained abstention
organizacion = organization
estados = states
americanos = american
elecciones eleccion electoral = election elections
terremoto sismo = earthquake
reconstruccion = reconstruction
heridos herido heridas = injured injuries wounded
muertos muerto murieron = killed dead died
violacion viola violo = violation violated
soberania = sovereignty
derecho ley leyes = law laws
condeno condenaron condena = condemned condemn
rechazo rechazaron = rejected rejection
solidaridad = solidarity
declaracion comunicado = statement declaration
reunion sesion = meeting session
consejo = council
permanente = permanent
convencion = convention
viena = vienna
trasladado traslado = transferred moved taken
avion aeronave vuelo = plane aircraft flight
hospital = hospital
medicos medico = doctors doctor medical
huelga = strike
hambre = hunger
semana = week
dias dia = days day
años año = years year
meses mes = months month
viernes = friday
sabado = saturday
jueves = thursday
miercoles = wednesday
lunes = monday
martes = tuesday
domingo = sunday
capital = capital
ciudad = city
puerto = port
millas kilometros = miles kilometers
crimen delito delincuente criminal = crime criminal
narcotrafico drogas = drug trafficking drugs
pandillas bandas = gangs
terroristas = terrorist terrorists
conflicto = conflict
armado armada armados = armed
militar militares ejercito = military army
mexico mexicana mexicano mexicanos = mexico mexican mexicans
ecuador ecuatoriana ecuatoriano ecuatorianos = ecuador ecuadorian ecuadorians
nicaragua = nicaragua
colombia colombiano = colombia colombian
honduras hondureño = honduras honduran
estadounidense = american
naciones unidas onu = united nations
suspension suspender suspendido = suspension suspend suspended
disculpa = apology
demanda demando = lawsuit case sued
caso casos = case cases
medidas cautelares provisionales = measures provisional
decision decidio = decision decided ruled ruling
fallo = ruling
garantias garantizar = guarantees assurances
proteger proteccion = protect protection
archivos = archives
investigacion investigado investigan = investigation investigated investigating
irregularidades = irregularities
elegido electo = elected
mandato = term tenure
termina terminara = ends end
noticias prensa periodistas = news press reporters
`

// translations maps a folded word to its equivalents in the other language,
// as the glossary writes them; general, as the general news vocabulary
// writes them (when the glossary does not).
// Both are built on first use (loadGlossary): the vocabulary takes some
// milliseconds and megabytes that a command which never translates should
// not pay.
var (
	translations, vocabulary map[Lang]map[string][]string
	loadGlossary             = sync.OnceFunc(func() { translations, vocabulary = parseGlossaries() })
)

// parseGlossaries reads the glossary and the vocabulary.
func parseGlossaries() (core, gen map[Lang]map[string][]string) {
	core = map[Lang]map[string][]string{English: {}, Spanish: {}}
	gen = map[Lang]map[string][]string{English: {}, Spanish: {}}
	for i, text := range []string{glossary, newsGlossary} {
		to := core
		if i == 1 {
			to = gen
		}
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			es, en, ok := strings.Cut(line, "=")
			if !ok {
				continue
			}
			esw, enw := strings.Fields(es), strings.Fields(strings.ToLower(en))
			for _, w := range esw {
				addTranslations(to[Spanish], Fold(w), enw)
			}
			for _, w := range enw {
				addTranslations(to[English], w, esw)
			}
		}
	}
	return core, gen
}

// addTranslations adds to a folded word's equivalents in m those it lacks.
func addTranslations(m map[string][]string, word string, others []string) {
	for _, o := range others {
		if !slices.Contains(m[word], o) {
			m[word] = append(m[word], o)
		}
	}
}

// Translate returns a word's equivalents in the other language (from from's
// point of view: a Spanish word gives English words), or nil. word may be
// folded or as written; Spanish equivalents keep their accents, so stem them
// with Stem, or Fold them to compare with folded text.
func Translate(from Lang, word string) []string {
	core, gen := Translations(from, word)
	if len(gen) == 0 {
		return core
	}
	return append(slices.Clip(core), gen...)
}

// Translations is Translate in two parts: the equivalents the news
// glossary gives (written for the events footnote was first used on),
// and those only the general news vocabulary gives, which often stand for
// one of several senses.
func Translations(from Lang, word string) (core, gen []string) {
	loadGlossary()
	if !isFolded(word) {
		word = Fold(word)
	}
	core = translations[from][word]
	for _, w := range vocabulary[from][word] {
		if !slices.Contains(core, w) {
			gen = append(gen, w)
		}
	}
	return core, gen
}

// Other is the other of the two languages.
func (l Lang) Other() Lang {
	if l == Spanish {
		return English
	}
	return Spanish
}
