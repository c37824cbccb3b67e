package lang_test

import (
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		fallback lang.Lang
		want     lang.Lang
	}{
		{
			name:     "an English question about a Spanish name",
			in:       "Which judge sentenced Raúl Benítez?",
			fallback: lang.Spanish,
			want:     lang.English,
		},
		{
			name:     "a Spanish question without its opening mark",
			in:       "cuándo renunció el ministro",
			fallback: lang.English,
			want:     lang.Spanish,
		},
		{
			name:     "english paragraph",
			in:       "Ecuadorian police broke through the external doors of the embassy in the capital, Quito, to arrest Jorge Glas, who had been residing there since December.",
			fallback: lang.Spanish,
			want:     lang.English,
		},
		{
			name:     "spanish paragraph",
			in:       "La policía ecuatoriana irrumpió en la embajada de México en Quito para detener a Jorge Glas, quien se encontraba allí desde diciembre.",
			fallback: lang.English,
			want:     lang.Spanish,
		},
		{
			name:     "spanish question",
			in:       "¿Por qué rompió México relaciones con Ecuador?",
			fallback: lang.English,
			want:     lang.Spanish,
		},
		{
			name:     "english question",
			in:       "Why did Mexico break off relations with Ecuador?",
			fallback: lang.Spanish,
			want:     lang.English,
		},
		{
			name:     "spanish without accents",
			in:       "el gobierno de Mexico dijo que la policia entro en la embajada",
			fallback: lang.English,
			want:     lang.Spanish,
		},
		{
			name:     "english quoting a spanish name",
			in:       "The president, Andrés Manuel López Obrador, said that the raid was an authoritarian act and that Mexico would go to the court.",
			fallback: lang.Spanish,
			want:     lang.English,
		},
		{name: "empty gives fallback es", in: "", fallback: lang.Spanish, want: lang.Spanish},
		{name: "empty gives fallback en", in: "", fallback: lang.English, want: lang.English},
		{name: "numbers give fallback", in: "2024 265 1,200", fallback: lang.Spanish, want: lang.Spanish},
		{name: "names give fallback", in: "Jorge Glas", fallback: lang.Spanish, want: lang.Spanish},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.Detect(tt.in, tt.fallback); got != tt.want {
				t.Errorf("Detect(%q, %s) = %s, want %s", tt.in, tt.fallback, got, tt.want)
			}
		})
	}
}
