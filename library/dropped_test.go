package library_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/retrieval"
)

// A file dropped into the corpus folder while footnote runs is answerable
// within seconds, without a restart.
func TestDroppedFileIsAnswerable(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../corpus/000_81644a94c58555c8.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "seed.md"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	swapped := make(chan struct{}, 4)
	l, err := library.Open(ctx, library.Options{CorpusDir: dir, IndexRoot: t.TempDir(),
		OnIndexed: func(*retrieval.Index) { swapped <- struct{}{} }})
	if err != nil {
		t.Fatal(err)
	}
	a := answer.NewService(func() answer.Corpus { return l.Index() }, nil, 0, nil)
	go l.Watch(ctx, 100*time.Millisecond)

	const q = "What did the court decide about emergency measures?"
	before, err := a.Ask(ctx, answer.Request{Question: q, K: 5})
	if err != nil || !before.Refused {
		t.Fatalf("before the file: refused %v, err %v", before.Refused, err)
	}
	body := "---\ntitle: Court declines Mexico's request\nsource: Harbor Press Service\ndate: 2024-05-23\n---\n\n" +
		"THE HAGUE — The International Court of Justice on Thursday declined to order emergency measures against Ecuador.\n"
	if err := os.WriteFile(filepath.Join(dir, "order.md"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(5 * time.Second)
	for {
		select {
		case <-swapped:
		case <-deadline:
			t.Fatal("the new article was not answerable within 5 s")
		}
		got, err := a.Ask(ctx, answer.Request{Question: q, K: 5})
		if err != nil {
			t.Fatal(err)
		}
		if !got.Refused && len(got.Citations) > 0 && got.Citations[0].DocID == "order" && strings.Contains(got.Answer, "declined") {
			break
		}
	}
	if n := len(l.Index().Documents()); n != 2 {
		t.Fatalf("live index has %d documents", n)
	}
}
