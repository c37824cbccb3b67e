package table

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestBuild(t *testing.T) {
	rel := map[string][]Edge{
		"shout": {{"yell", 90}, {"cry", 100}, {"yell", 95}, {"shout", 50}, {"", 10}, {"zero", 0}},
		"yell":  {{"shout", 100}},
		"none":  {{"none", 80}}, // only itself: dropped
		"many":  {{"a1", 10}, {"a2", 20}, {"a3", 30}, {"a4", 40}},
	}
	tb := Build("en", "en", rel, 3)
	tests := []struct {
		key  string
		want []Edge
	}{
		{"shout", []Edge{{"cry", 100}, {"yell", 95}}},        // best first, best weight of repeats, no self, no empty or zero
		{"yell", []Edge{{"shout", 100}}},                     //
		{"many", []Edge{{"a4", 40}, {"a3", 30}, {"a2", 20}}}, // cut to the limit
		{"cry", nil},    // a target only
		{"none", nil},   // had only itself
		{"absent", nil}, //
		{"", nil},       //
	}
	for _, tt := range tests {
		if got := tb.Lookup(tt.key); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Lookup(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
	if !reflect.DeepEqual(tb.Keys, tb.Targets) {
		t.Errorf("a same-language table has keys %v and targets %v", tb.Keys, tb.Targets)
	}
}

func TestBuildCapsWeight(t *testing.T) {
	tb := Build("en", "es", map[string][]Edge{"embassi": {{"embaj", 250}}}, 5)
	if got := tb.Lookup("embassi"); len(got) != 1 || got[0].Weight != MaxWeight {
		t.Errorf("Lookup = %v, want one edge of weight %d", got, MaxWeight)
	}
}

func sample() []*Table {
	return []*Table{
		Build("en", "en", map[string][]Edge{
			"shout":    {{"yell", 100}, {"cry", 90}},
			"kick out": {{"expel", 100}},
			"mexican":  {{"mexico", 70}},
		}, 24),
		Build("en", "es", map[string][]Edge{
			"embassi": {{"embaj", 100}},
			"ecuador": {{"ecuador", 100}}, // same stem in both languages is kept
		}, 24),
	}
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	in := sample()
	if err := Encode(&buf, in...); err != nil {
		t.Fatal(err)
	}
	out, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("decoded tables differ:\n in %+v\nout %+v", in[1], out[1])
	}
	if got := out[1].Lookup("ecuador"); len(got) != 1 || got[0].Target != "ecuador" {
		t.Errorf("cross-language identical stem lost: %v", got)
	}
}

func TestEncodeRejects(t *testing.T) {
	tests := []struct {
		name string
		t    *Table
		want string
	}{
		{"unsorted keys", &Table{From: "en", To: "en", Keys: []string{"b", "a"}, Start: []uint32{0, 0, 0}}, "not sorted"},
		{"newline in a word", &Table{From: "en", To: "en", Keys: []string{"a\nb"}, Start: []uint32{0, 0}}, "newline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.t.Targets = tt.t.Keys
			err := Encode(&bytes.Buffer{}, tt.t)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Encode error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	var good bytes.Buffer
	if err := Encode(&good, sample()...); err != nil {
		t.Fatal(err)
	}
	g := good.Bytes()
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "bad magic"},
		{"other file", []byte("PK\x03\x04 zip"), "bad magic"},
		{"magic only", []byte(magic), "data ends early"},
		{"huge table count", append([]byte(magic), 0xff, 0xff, 0xff, 0x7f), "larger than the data left"},
		{"truncated", g[:len(g)-3], "table"},
		{"trailing bytes", append(append([]byte{}, g...), 0), "after the last table"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Decode error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// FuzzDecode: any bytes decode to tables or to an error, never a panic, and
// decoded tables only point at their own targets.
func FuzzDecode(f *testing.F) {
	var good bytes.Buffer
	if err := Encode(&good, sample()...); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add([]byte(magic))
	f.Add([]byte(magic + "\x01\x02en\x02en\x01\x01\x00\x01a\x01\x01\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, err := Decode(data)
		if err != nil {
			return
		}
		for _, tb := range ts {
			for _, k := range tb.Keys {
				for _, e := range tb.Lookup(k) {
					if e.Weight == 0 || e.Weight > MaxWeight {
						t.Fatalf("weight %d", e.Weight)
					}
				}
			}
		}
	})
}
