package eval

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/corpus"
)

// The baseline quotes the sentence that shares the question's rarest
// words, cites its chunk, lists chunks as retrieved, and refuses only a
// question that shares no word with the corpus.
func TestBaselinePicksTheBestSentence(t *testing.T) {
	docs, skipped, err := corpus.Load(fstest.MapFS{
		"port.md":   {Data: []byte("---\ntitle: Port strike\nlanguage: en\n---\n\nThe dockworkers' union called a strike on Monday.\n\nThe harbour master, Ana Ruiz, closed the northern pier after a crane fell.\n")},
		"muelle.md": {Data: []byte("---\ntitle: Huelga\nlanguage: es\n---\n\nEl sindicato convocó una huelga el lunes en el puerto.\n")},
	})
	if err != nil || len(skipped) > 0 {
		t.Fatalf("load: %v %v", err, skipped)
	}
	var chunks []corpus.Chunk
	for _, d := range docs {
		chunks = append(chunks, corpus.Split(d)...)
	}
	b := NewBaseline(chunks)
	a, err := b.Ask(context.Background(), answer.Request{Question: "Who closed the northern pier?"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Refused || !strings.HasPrefix(a.Answer, "The harbour master, Ana Ruiz, closed the northern pier") || len(a.Citations) != 1 ||
		!strings.Contains(a.Citations[0].Text, a.Citations[0].Quote) || len(a.Retrieved) == 0 || a.Retrieved[0].ChunkID != a.Citations[0].ChunkID {
		t.Fatalf("answer %+v", a)
	}
	if es, _ := b.Ask(context.Background(), answer.Request{Question: "¿Quién convocó la huelga?"}); es.Refused || !strings.Contains(es.Answer, "sindicato") {
		t.Errorf("a Spanish question: %+v", es)
	}
	if none, _ := b.Ask(context.Background(), answer.Request{Question: "What did the volcanologists measure?"}); !none.Refused {
		t.Errorf("no shared word, yet answered: %+v", none)
	}
}
