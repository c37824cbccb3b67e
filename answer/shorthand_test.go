package answer

import "testing"

func TestSpelledOut(t *testing.T) {
	for in, want := range map[string]string{
		"how many ppl were hurt?":          "how many people were hurt?",
		"What did the Govt say?":           "What did the government say?",
		"¿xq cerraron la mina?":            "¿por qué cerraron la mina?",
		"who runs the dept of health":      "who runs the department of health",
		"apple pie and people":             "apple pie and people",             // inside words nothing changes
		"What did the PQ party say?":       "What did the PQ party say?",       // capitals: an acronym
		"how many tb cases were reported?": "how many tb cases were reported?", // "tb" is a word too
		"why'd ferrer step down":           "why did ferrer step down",
		"Where’d the envoy go?":            "Where did the envoy go?",
		"who'd replace her?":               "who'd replace her?", // "who would" as often as "who did"
		"whats the death toll now":         "what is the death toll now",
		"Whos in charge":                   "who is in charge",
		"why didnt the port close":         "why did not the port close",
	} {
		if got := spelledOut(in); got != want {
			t.Errorf("spelledOut(%q) = %q, want %q", in, got, want)
		}
	}
}
