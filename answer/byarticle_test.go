package answer

import (
	"reflect"
	"testing"
)

func TestByArticle(t *testing.T) {
	cs := []Citation{
		{N: 1, DocID: "ap"},
		{N: 2, DocID: "elpais"},
		{N: 3, DocID: "ap"},
		{N: 4, Title: "Raid", Source: "Reuters", Date: "2024-04-06"},
		{N: 5, Title: "Raid", Source: "Reuters", Date: "2024-04-06"},
		{N: 6, Title: "Raid", Source: "Reuters", Date: "2024-04-07"},
	}
	var got [][]int
	for _, g := range ByArticle(cs, CitedArticle) {
		var ns []int
		for _, c := range g {
			ns = append(ns, c.N)
		}
		got = append(got, ns)
	}
	want := [][]int{{1, 3}, {2}, {4, 5}, {6}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ByArticle groups %v, want %v", got, want)
	}
	if g := ByArticle(nil, CitedArticle); g != nil {
		t.Errorf("ByArticle(nil) = %v, want nil", g)
	}
}
