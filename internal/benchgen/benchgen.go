// Package benchgen writes synthetic news articles for scale benchmarks: the
// same n articles for the same n on every machine, about 12 chunks each,
// three in four in English and one in Spanish, with a vocabulary that grows
// with the corpus as a news archive's does (names, places, numbers and
// invented words), so that posting lists and vector scans are sized like a
// real corpus's.
package benchgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var (
	enSubjects = []string{"The foreign minister", "Police officers", "The president", "A spokesman for the embassy", "Diplomats from the region", "The court", "Protesters", "The Organization of American States", "Lawyers for the former vice president", "Officials in the capital"}
	enVerbs    = []string{"said", "confirmed", "denied", "announced", "criticised", "reported", "warned", "explained", "insisted", "added"}
	enObjects  = []string{"that the raid on the embassy broke international law", "that relations would be restored only after an apology", "that the arrest followed a court order", "that the asylum request had been rejected", "that the case would go to the International Court of Justice", "that security around the mission was increased", "that the vote was postponed until next week", "that the detainee was moved to a prison in Guayaquil"}
	esSubjects = []string{"La canciller", "La policía", "El presidente", "Un portavoz de la embajada", "Diplomáticos de la región", "La corte", "Los manifestantes", "La Organización de los Estados Americanos", "Los abogados del exvicepresidente", "Funcionarios en la capital"}
	esVerbs    = []string{"dijo", "confirmó", "negó", "anunció", "criticó", "informó", "advirtió", "explicó", "insistió", "añadió"}
	esObjects  = []string{"que la irrupción en la embajada violó el derecho internacional", "que las relaciones se restablecerían solo tras una disculpa", "que la detención siguió una orden judicial", "que la solicitud de asilo había sido rechazada", "que el caso llegaría a la Corte Internacional de Justicia", "que se reforzó la seguridad de la misión", "que la votación se aplazó hasta la próxima semana", "que el detenido fue trasladado a una cárcel de Guayaquil"}
	places     = []string{"Quito", "Mexico City", "Guayaquil", "Lima", "Bogotá", "Caracas", "Santiago", "Montevideo", "La Paz", "Asunción", "Brasilia", "Panama City", "The Hague", "Washington", "Madrid"}
	syllables  = []string{"ka", "lo", "mi", "ne", "ra", "tu", "sa", "ve", "do", "pi", "gu", "chi", "ber", "man", "tor", "zel", "qui", "nar", "pol", "des"}
)

// word is the n-th invented word: distinct for distinct n.
func word(n int) string {
	var b strings.Builder
	for {
		b.WriteString(syllables[n%len(syllables)])
		n /= len(syllables)
		if n == 0 {
			return b.String()
		}
	}
}

// Article returns the i-th article: a Markdown file with front matter.
func Article(i int) (name, text string) {
	rng := rand.New(rand.NewPCG(uint64(i), 17))
	es := i%4 == 3
	subjects, verbs, objects, language := enSubjects, enVerbs, enObjects, "en"
	in := "in"
	if es {
		subjects, verbs, objects, language = esSubjects, esVerbs, esObjects, "es"
		in = "en"
	}
	// the vocabulary grows with the corpus: article i draws from the first
	// 500 + i/2 invented words
	vocab := 500 + i/2
	var b strings.Builder
	place := places[rng.IntN(len(places))]
	fmt.Fprintf(&b, "---\ntitle: \"%s %s: report %d\"\ndate: 2024-%02d-%02d\nlanguage: %s\nsource: Bench Wire\n---\n\n",
		place, word(rng.IntN(vocab)), i, 1+rng.IntN(12), 1+rng.IntN(28), language)
	for p := range 12 {
		for s := range 4 {
			fmt.Fprintf(&b, "%s %s %s %s %s %d, %s %s %s.", subjects[rng.IntN(len(subjects))], verbs[rng.IntN(len(verbs))],
				objects[rng.IntN(len(objects))], in, places[rng.IntN(len(places))], 1+rng.IntN(365), word(rng.IntN(vocab)), word(rng.IntN(vocab)), word(rng.IntN(vocab)))
			if s < 3 {
				b.WriteByte(' ')
			}
		}
		if p < 11 {
			b.WriteString("\n\n")
		}
	}
	b.WriteByte('\n')
	return fmt.Sprintf("a%06d.md", i), b.String()
}

// Write writes articles from..to-1 into dir, creating it, skipping files
// already there with the same size.
func Write(dir string, from, to int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	for i := from; i < to; i++ {
		name, text := Article(i)
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err == nil && info.Size() == int64(len(text)) {
			continue
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return fmt.Errorf("write article %d: %w", i, err)
		}
	}
	return nil
}
