package answer

import "testing"

func TestSameQuestion(t *testing.T) {
	cases := []struct {
		a, b string
		same bool
	}{
		{"Who was arrested?", "who was arrested", true},
		{"Who  was arrested ?", "Who was arrested?", true},
		{"¿Quién fue arrestado?", "quién fue arrestado", true},
		{"Who was arrested?", "Who was released?", false},
		{"Where is he now?", "Where is Jorge Glas now?", false},
	}
	for _, c := range cases {
		if got := sameQuestion(c.a, c.b); got != c.same {
			t.Errorf("sameQuestion(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
	}
}

func TestServiceWithoutModelIsExtractive(t *testing.T) {
	if NewService(nil, nil, 0, nil).Generative() {
		t.Error("a service without a model says it is generative")
	}
}
