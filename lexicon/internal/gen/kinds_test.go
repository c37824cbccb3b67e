package main

import (
	"maps"
	"testing"
)

// kindsWordNet is a made-up WordNet with a person noun, a group noun whose
// second sense is a place, a name given only as a place, a name given as a
// place and as a person, an attribute, a common noun that is also a place's
// name, and an adjective of a place.
var kindsWordNet = map[string]string{
	"data.noun": "00000010 18 n 01 official 0 000 | a person who holds an office\n" +
		"00000020 14 n 01 country 0 000 | a body politic\n" +
		"00000030 15 n 01 country 0 000 | the land of a nation\n" +
		"00000040 15 n 01 Costa_Rica 0 000 | a republic\n" +
		"00000050 15 n 01 Washington 0 000 | a city\n" +
		"00000060 18 n 01 Washington 0 000 | a president\n" +
		"00000070 14 n 01 delegation 0 000 | a group of delegates\n" +
		"00000080 07 n 01 magnitude 0 000 | relative size\n" +
		"00000090 18 n 01 man 0 000 | an adult male\n" +
		"00000091 15 n 01 Man 0 000 | an island\n",
	"index.noun": "official n 1 0 1 0 00000010\n" +
		"country n 2 0 2 0 00000020 00000030\n" +
		"costa_rica n 1 0 1 0 00000040\n" +
		"washington n 2 0 2 0 00000060 00000050\n" +
		"delegation n 1 0 1 0 00000070\n" +
		"magnitude n 1 0 1 0 00000080\n" +
		"man n 2 0 2 0 00000090 00000091\n",
	"data.adj":    "00000100 01 a 01 Costa_Rican 0 001 \\ 00000040 n 0101 | of Costa Rica\n",
	"index.adj":   "costa_rican a 1 1 \\ 1 0 00000100\n",
	"data.verb":   "",
	"index.verb":  "",
	"data.adv":    "",
	"index.adv":   "",
	"cntlist.rev": "",
}

func TestKinds(t *testing.T) {
	wn, err := readWordNet(writeFiles(t, kindsWordNet))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]byte{
		"official":    'P',
		"country":     'L', // a body politic first, its land second
		"costa rica":  'L',
		"washington":  'P', // a place and a person: its first sense
		"delegation":  'G',
		"magnitude":   'A',
		"man":         'P', // a common noun first, not the island of Man
		"costa rican": 'D',
	}
	if got := wn.kinds(); !maps.Equal(got, want) {
		t.Errorf("kinds = %q, want %q", got, want)
	}
}
