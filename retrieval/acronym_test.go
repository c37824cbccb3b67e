package retrieval

import "testing"

// A Spanish "ex" joined to a post is one word of a name, with one
// initial, though the tokens split it: "Exmilitares" gives the E of ADEE.
func TestAcronymsJoinedEx(t *testing.T) {
	counts := map[string]map[string]int{}
	acronyms("protestó la Asociación de Exmilitares del Ecuador (ADEE) en Quito.", counts)
	if counts["adee"]["Asociación de Exmilitares del Ecuador"] != 1 {
		t.Errorf("adee = %v, want the whole name", counts["adee"])
	}
	if counts["aeme"] != nil || counts["aem"] != nil {
		t.Errorf("the post after ex gave an initial of its own: %v", counts)
	}
}
