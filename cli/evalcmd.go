package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/eval"
)

func init() {
	register(command{name: "eval", args: "FILE.jsonl", summary: "Measure answers against a question set (recall, hits, citations, refusals).", run: runEval})
}

// cleanAsker is eval's Asker for question sets and conversation sets: it
// cleans each question as ask and chat do, then asks the service.
type cleanAsker struct{ s *answer.Service }

func (a cleanAsker) Ask(ctx context.Context, r answer.Request) (*answer.Answer, error) {
	clean, err := answer.CleanQuestion(r.Question)
	if err != nil {
		return nil, err
	}
	r.Question = clean
	return a.s.Ask(ctx, r)
}

func runEval(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print the report as JSON")
	strict := fs.Bool("strict", false, "exit 1 when a measure misses footnote's quality bars")
	figuresOnly := fs.Bool("figures-only", false, "leave out the questions missed and their answers (for a held-out set, which must not be read)")
	baseline := fs.Bool("baseline", false, "measure a plain BM25 picker of the best sentence instead of footnote's answers, for comparison")
	fs.IntVar(&e.cfg.K, "k", e.cfg.K, "passages retrieved per question (recall@k)")
	fs.BoolVar(&e.cfg.Offline, "offline", e.cfg.Offline, "measure the extractive answers even with a model configured")
	commonFlags(e, fs)
	pos, err := parseChecked(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("eval: give one question set, e.g. footnote eval testdata/eval/seed-dev.jsonl")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("question set: %w", err)
	}
	defer f.Close()
	items, err := eval.Read(f)
	if err != nil {
		return fmt.Errorf("question set %s: %w", pos[0], err)
	}
	lib, ans, err := e.open(ctx)
	if err != nil {
		return err
	}
	if found, total := goldFound(items, lib.Index().Documents()); total > 0 && found == 0 {
		e.log.Warn("none of the question set's gold passages is in the corpus: the set is probably about other articles (pass their folder with --corpus DIR)", "set", pos[0], "gold", total)
	}
	var asker eval.Asker = cleanAsker{ans}
	if *baseline {
		asker = eval.NewBaseline(lib.Index().Chunks())
	}
	rep, err := eval.Run(ctx, asker, items, e.cfg.K)
	if err != nil {
		return err
	}
	if *figuresOnly {
		rep.Misses = []eval.Miss{}
	}
	if *asJSON {
		if err := writeJSON(e.stdout, rep); err != nil {
			return err
		}
	} else {
		rep.Print(e.stdout)
	}
	if fails := rep.Failures(eval.DefaultBars); *strict && len(fails) > 0 {
		return fmt.Errorf("below the bars: %v", fails)
	}
	return nil
}

// goldFound counts the question set's gold passages that some document's
// text holds (spaces compared loosely), out of all of them.
func goldFound(items []eval.Item, docs []*corpus.Document) (found, total int) {
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = strings.Join(strings.Fields(d.Text), " ")
	}
	for _, it := range items {
		for _, g := range it.Gold {
			g = strings.Join(strings.Fields(g), " ")
			if g == "" {
				continue
			}
			total++
			for _, t := range texts {
				if strings.Contains(t, g) {
					found++
					break
				}
			}
		}
	}
	return found, total
}
