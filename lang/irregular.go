package lang

import "strings"

// irregularES maps Spanish irregular preterite forms, which Snowball leaves
// with a different root, to their infinitive ("detuvo" → "detener", which
// then shares "deten" with "detención").
var irregularES = map[string]string{}

func init() {
	stems := map[string][]string{
		"tener": {"tuv"}, "detener": {"detuv"}, "obtener": {"obtuv"}, "mantener": {"mantuv"},
		"sostener": {"sostuv"}, "contener": {"contuv"}, "retener": {"retuv"}, "abstener": {"abstuv"},
		"poner": {"pus"}, "proponer": {"propus"}, "imponer": {"impus"}, "disponer": {"dispus"}, "exponer": {"expus"},
		"decir": {"dij"}, "hacer": {"hic", "hiz"}, "venir": {"vin"}, "intervenir": {"intervin"}, "prevenir": {"previn"},
		"traer": {"traj"}, "conducir": {"conduj"}, "producir": {"produj"}, "reducir": {"reduj"}, "traducir": {"traduj"},
		"querer": {"quis"}, "poder": {"pud"}, "saber": {"sup"}, "andar": {"anduv"}, "caber": {"cup"},
		"estar": {"estuv"}, "haber": {"hub"},
	}
	endings := []string{"e", "iste", "o", "imos", "isteis", "ieron", "ieran", "iera", "iese", "iesen", "eron"}
	for inf, roots := range stems {
		for _, root := range roots {
			for _, e := range endings {
				w := root + e
				if root == "dij" || root == "traj" || strings.HasSuffix(root, "uj") {
					if e == "ieron" {
						w = root + "eron"
					}
				}
				if root == "hiz" && e != "o" {
					continue
				}
				if _, taken := irregularES[w]; !taken {
					irregularES[w] = inf
				}
			}
		}
	}
}

// Spanish verbs whose root vowel changes where the stress falls on it, as
// Snowball does not see: "piden" and "pidió" are "pedir" ("ped", as
// "pedido" is), "murieron" and "muere" are "morir", "vuelve" is "volver".
// The forms news writes are mapped to the infinitive: the third persons and
// "tú" of the present, and for verbs in -ir the third persons of the
// preterite and the gerund. The first person is left out: "encuentro",
// "juego", "pienso" are more often nouns. So are verbs whose changed forms
// are common nouns ("cuenta", "prueba", "muestra").
func init() {
	changes := []struct {
		from, present, past string // the root vowel and what it becomes
		verbs               string
	}{
		{"e", "ie", "", `cerrar comenzar empezar pensar gobernar despertar recomendar negar calentar defender entender
			perder encender extender atender`},
		{"e", "ie", "i", `sentir preferir advertir mentir convertir herir referir sugerir consentir invertir requerir
			transferir`},
		{"o", "ue", "", `costar encontrar recordar aprobar sonar soltar volver devolver resolver mover llover renovar
			acordar rogar colgar poder`},
		{"o", "ue", "u", `morir dormir`},
		{"e", "i", "i", `pedir seguir conseguir perseguir servir medir repetir elegir impedir competir despedir vestir
			corregir regir`},
		{"u", "ue", "", `jugar`},
	}
	add := func(form, inf string) {
		if _, taken := irregularES[form]; !taken {
			irregularES[form] = inf
		}
	}
	for _, c := range changes {
		for _, inf := range strings.Fields(c.verbs) {
			root, end := inf[:len(inf)-2], inf[len(inf)-2:]
			i := strings.LastIndex(root, c.from)
			if i < 0 {
				continue
			}
			changed := func(v string) string { return root[:i] + v + root[i+len(c.from):] }
			present := []string{"e", "es", "en"}
			if end == "ar" {
				present = []string{"a", "as", "an"}
			}
			for _, e := range present {
				add(changed(c.present)+e, inf)
			}
			if c.past != "" {
				for _, e := range []string{"io", "ieron", "iendo", "iera", "ieran"} {
					add(changed(c.past)+e, inf)
				}
			}
		}
	}
	// participles of their own ("muerto" keeps its root: as a noun, "los
	// muertos", it has its own synonyms, "fallecidos")
	for form, inf := range map[string]string{"vuelto": "volver", "devuelto": "devolver", "devuelta": "devolver", "resuelto": "resolver", "resuelta": "resolver",
		"abierto": "abrir", "abierta": "abrir", "cubierto": "cubrir", "cubierta": "cubrir", "dicho": "decir", "dicha": "decir"} {
		add(form, inf)
	}
}

// irregularEN maps English irregular verb forms to their base form, so that
// "sought" matches "seek" and "broke" matches "break". Snowball stems only
// regular inflections.
var irregularEN = map[string]string{}

func init() {
	// base past participle...
	for _, line := range strings.Split(`arise arose arisen
awake awoke awoken
be was were been
bear bore borne born
beat beaten
become became
begin began begun
bend bent
bet
bind bound
bite bit bitten
bleed bled
blow blew blown
break broke broken
bring brought
build built
burn burnt
buy bought
catch caught
choose chose chosen
come came
cost
creep crept
cut
deal dealt
dig dug
do did done
draw drew drawn
drink drank drunk
drive drove driven
eat ate eaten
fall fell fallen
feed fed
feel felt
fight fought
find found
flee fled
fly flew flown
forbid forbade forbidden
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
get got gotten
give gave given
go went gone
grow grew grown
hang hung
have had has
hear heard
hide hid hidden
hit
hold held
hurt
keep kept
know knew known
lay laid
lead led
leave left
lend lent
let
lie lay lain
lose lost
make made
mean meant
meet met
pay paid
put
quit
read
ride rode ridden
ring rang rung
rise rose risen
run ran
say said
see saw seen
seek sought
sell sold
send sent
set
shake shook shaken
shine shone
shoot shot
show showed shown
shut
sing sang sung
sink sank sunk
sit sat
sleep slept
slide slid
speak spoke spoken
spend spent
stand stood
steal stole stolen
stick stuck
strike struck stricken
swear swore sworn
sweep swept
swim swam swum
take took taken
teach taught
tear tore torn
tell told
think thought
throw threw thrown
understand understood
wake woke woken
wear wore worn
win won
withdraw withdrew withdrawn
write wrote written
overtake overtook overtaken
undertake undertook undertaken
uphold upheld`, "\n") {
		forms := strings.Fields(line)
		for _, f := range forms[1:] {
			if _, taken := irregularEN[f]; !taken {
				irregularEN[f] = forms[0]
			}
		}
	}
	// Irregular plurals of nouns share their singular's stem: "children"
	// is "child", "gunmen" "gunman". Plurals that are also verb forms
	// ("lives", "leaves", "analyses", "halves", "shelves") keep their own.
	for _, line := range strings.Fields(`child:children man:men woman:women foot:feet tooth:teeth mouse:mice goose:geese
		wife:wives knife:knives thief:thieves wolf:wolves crisis:crises thesis:theses
		hypothesis:hypotheses criterion:criteria phenomenon:phenomena oasis:oases`) {
		sg, pl, _ := strings.Cut(line, ":")
		irregularEN[pl] = sg
	}
	for _, head := range strings.Fields(`gun police fire spokes chair fisher congress business service country clergy
		noble horse sales trades work militia frontiers sports states middle fresh fore crafts camera anchor`) {
		irregularEN[head+"men"] = head + "man"
	}
	for _, head := range strings.Fields(`spokes police business congress chair sports anchor`) {
		irregularEN[head+"women"] = head + "woman"
	}
	// Forms that are also common nouns or adjectives keep their own stem.
	for _, w := range []string{"left", "found", "lay", "saw", "bit", "fell", "rose", "bound", "born", "ground", "lead", "tore", "bore", "shot"} {
		delete(irregularEN, w)
	}
}
