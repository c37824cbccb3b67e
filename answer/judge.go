package answer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/footnote-bot/footnote/prompts"
)

// Judge statuses, as Verification.Judge reports them.
const (
	JudgeOK       = "ok"
	JudgeFailed   = "failed"
	JudgeTimedOut = "timed out"
)

// judge asks the model, in one call, whether the cited passages of each
// claim that passed the hard checks support it, and records the verdicts.
// It never overrules the hard checks: a claim with a missing number, name
// or quote is not even asked about. When the call fails, times out or
// cannot be read, every claim keeps its lexical verdict and the status
// says so.
func (g *Generator) judge(ctx context.Context, a *assessment) {
	var asked []*assessed
	for _, c := range a.claims {
		if c.judgeable() {
			asked = append(asked, c)
		}
	}
	if len(asked) == 0 {
		return
	}
	p, err := prompts.Judge(judgeData(a, asked))
	if err != nil {
		g.log.Warn("judge prompt", "err", err)
		a.judge = JudgeFailed
		return
	}
	reply, err := g.model.Complete(ctx, p.System, p.User)
	if err != nil {
		a.judge = JudgeFailed
		if isTimeout(err) || ctx.Err() != nil {
			a.judge = JudgeTimedOut
		}
		g.log.Warn("judge failed, keeping the lexical verdicts", "err", err)
		return
	}
	verdicts, err := parseVerdicts(reply, len(asked))
	if err != nil {
		a.judge = JudgeFailed
		g.log.Warn("judge reply unreadable, keeping the lexical verdicts", "err", err)
		return
	}
	a.judge = JudgeOK
	for i, c := range asked {
		c.verdict = verdicts[i+1]
	}
}

// judgeData gathers the passages the asked claims cite, once each, in
// source order.
func judgeData(a *assessment, asked []*assessed) prompts.JudgeData {
	var d prompts.JudgeData
	used := map[int]bool{}
	for _, c := range asked {
		d.Claims = append(d.Claims, prompts.JudgeClaim{Text: c.text, Cites: c.lex.keep})
		for _, n := range c.lex.keep {
			used[n] = true
		}
	}
	var ns []int
	for n := range used {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	for _, n := range ns {
		s := a.sources[n-1]
		d.Sources = append(d.Sources, prompts.Source{N: n, Title: s.doc.Title, Outlet: s.doc.Source, Date: s.doc.Date, Language: s.chunk.Language.Name(), Text: s.chunk.Text})
	}
	return d
}

// verdictLine is one verdict written as a line: "1: supported", "2 - contradicts".
var verdictLine = regexp.MustCompile(`(?m)^\W*(\d+)\W+([A-Za-z_ -]+?)\W*$`)

// parseVerdicts reads the judge's reply: a JSON object from claim numbers
// (1 to n) to verdicts, possibly inside a code fence or surrounded by text,
// or else one "number: verdict" per line. Verdicts are normalised to
// supported, not_supported and contradicts; numbers outside 1..n and
// unknown verdicts are left out. A reply with no verdict at all is an
// error.
func parseVerdicts(reply string, n int) (map[int]string, error) {
	out := map[int]string{}
	add := func(k, v string) {
		i, err := strconv.Atoi(strings.TrimSpace(k))
		if err != nil || i < 1 || i > n {
			return
		}
		if v := normalVerdict(v); v != "" {
			out[i] = v
		}
	}
	if i, j := strings.Index(reply, "{"), strings.LastIndex(reply, "}"); i >= 0 && j > i {
		var m map[string]any
		if json.Unmarshal([]byte(reply[i:j+1]), &m) == nil {
			for k, v := range m {
				if s, ok := v.(string); ok {
					add(k, s)
				}
			}
		}
	}
	if len(out) == 0 {
		for _, m := range verdictLine.FindAllStringSubmatch(reply, -1) {
			add(m[1], m[2])
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no verdict in the judge's reply")
	}
	return out, nil
}

// normalVerdict maps the ways a model writes a verdict to the three
// verdicts, or "".
func normalVerdict(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	v = strings.NewReplacer("-", "_", " ", "_").Replace(v)
	switch v {
	case "supported", "support", "supports", "entailed", "entailment", "entails", "yes", "true":
		return VerdictSupported
	case "contradicts", "contradicted", "contradiction", "contradict", "refuted", "false":
		return VerdictContradicts
	case "not_supported", "unsupported", "notsupported", "neutral", "not_enough_info", "no", "unknown":
		return VerdictNotSupported
	}
	return ""
}

// isTimeout reports whether an error is a deadline or a timeout.
func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &t) && t.Timeout()
}

// failures lists the claims of an assessment that were removed, with their
// reasons, for the repair prompt.
func failures(a *assessment) []prompts.Rejected {
	var out []prompts.Rejected
	for _, c := range a.claims {
		if c.shown() {
			continue
		}
		reason := c.lex.reason
		if c.verdict != "" && c.verdict != VerdictSupported {
			reason = "the sources do not state it"
			if c.verdict == VerdictContradicts {
				reason = "the sources say otherwise"
			}
		}
		if reason == "" {
			reason = "not supported by its sources"
		}
		marks := ""
		for _, n := range c.cites {
			marks += fmt.Sprintf("[%d]", n)
		}
		out = append(out, prompts.Rejected{Sentence: strings.TrimSpace(c.text + " " + marks), Reason: reason})
	}
	return out
}
