package lexicon_test

import (
	"testing"

	"github.com/footnote-bot/footnote/lexicon"
)

func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		phrase string
		want   lexicon.Kind
	}{
		{"official", lexicon.KindPerson},
		{"Lawyer", lexicon.KindPerson},
		{"country", lexicon.KindPlace}, // a body politic first, its land second
		{"city", lexicon.KindPlace},
		{"Costa Rica", lexicon.KindPlace},
		{"Perú", lexicon.KindPlace}, // accents folded
		{"delegation", lexicon.KindGroup},
		{"Mexican", lexicon.KindDemonym},
		{"South American", lexicon.KindDemonym},
		{"week", lexicon.KindTime},
		{"magnitude", lexicon.KindAttribute},
		{"height", lexicon.KindAttribute},
		{"man", lexicon.KindPerson},  // not the Isle of Man
		{"union", lexicon.KindGroup}, // not the Union
		{"ran", lexicon.KindNone},
		{"", lexicon.KindNone},
	} {
		if got := lexicon.KindOf(tc.phrase); got != tc.want {
			t.Errorf("KindOf(%q) = %q, want %q", tc.phrase, got, tc.want)
		}
	}
}

func BenchmarkKindOf(b *testing.B) {
	lexicon.KindOf("warm") // decode outside the loop
	for b.Loop() {
		lexicon.KindOf("South American")
	}
}

func BenchmarkKindsDecode(b *testing.B) {
	for b.Loop() {
		if _, err := lexicon.DecodeKinds(); err != nil {
			b.Fatal(err)
		}
	}
}
