package answer

import (
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

// BenchmarkVerifyLexical measures the lexical checks alone, without a
// model: a five-sentence answer, English and Spanish, over four passages.
func BenchmarkVerifyLexical(b *testing.B) {
	sources := []source{
		passage("QUITO, Ecuador — Ecuadorian police forced their way into the Mexican embassy in Quito late on Friday and arrested Jorge Glas, a former vice president who had been sheltering there since December. Mexico had granted Glas political asylum only hours earlier.", lang.English),
		passage("WASHINGTON — The Permanent Council of the Organization of American States approved a resolution on Wednesday that condemns the raid, with 29 votes in favour, one against and two abstentions. Ecuador cast the only vote against it.", lang.English),
		passage("GUAYAQUIL — Jorge Glas fue trasladado el sábado en un avión militar a la cárcel de máxima seguridad La Roca, en Guayaquil. Glas fue condenado dos veces por corrupción y cumplía una pena de ocho años cuando se refugió en la embajada.", lang.Spanish),
		passage("MEXICO CITY — President Andrés Manuel López Obrador announced on Saturday that Mexico was suspending diplomatic relations with Ecuador. He called the raid “a flagrant violation of international law and of the sovereignty of Mexico.”", lang.English),
	}
	reply := "Ecuadorian police arrested Jorge Glas at the Mexican embassy in Quito late on Friday. [1] " +
		"The OAS Permanent Council approved a resolution condemning the raid with twenty-nine votes. [2] " +
		"Glas was flown to La Roca, a maximum-security prison in Guayaquil, on Saturday. [3] " +
		"López Obrador called the raid “a flagrant violation of international law and of the sovereignty of Mexico.” [4] " +
		"Ecuador voted in favour of the resolution. [2]"
	claims := len(splitClaims(reply))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := verify(reply, lang.English, sources)
		if v.report.Kept != 4 {
			b.Fatalf("kept %d: %+v", v.report.Kept, v.report.Claims)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*claims), "µs/claim")
}
