package answer

import "testing"

// Of two passages that answer alike, the asker's own language is quoted;
// a passage in the other language that answers clearly better still wins,
// and a corpus in one language is untouched.
func TestPreferOwnLanguage(t *testing.T) {
	for _, tc := range []struct {
		name             string
		own, other       float64
		hasOwn, wantOwn  bool
		wantOtherUntouch bool
	}{
		{name: "alike: the own language first", own: 0.50, other: 0.52, hasOwn: true, wantOwn: true},
		{name: "clearly better: the other language still first", own: 0.50, other: 0.70, hasOwn: true, wantOwn: false},
		{name: "none in the own language: untouched", own: 0, other: 0.52, hasOwn: false, wantOtherUntouch: true},
	} {
		other := &candidate{score: tc.other}
		cands := []*candidate{other}
		var own *candidate
		if tc.hasOwn {
			own = &candidate{score: tc.own, ownLang: true}
			cands = append(cands, own)
		}
		preferOwnLanguage(cands)
		if tc.hasOwn && (own.score > other.score) != tc.wantOwn {
			t.Errorf("%s: own %.2f, other %.2f", tc.name, own.score, other.score)
		}
		if tc.wantOtherUntouch && other.score != tc.other {
			t.Errorf("%s: other %.2f, want %.2f", tc.name, other.score, tc.other)
		}
	}
}
