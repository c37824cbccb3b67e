package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/eval"
	"golang.org/x/term"
)

func init() {
	register(command{name: "chat", args: "", summary: "Talk with the articles: questions and follow-ups (\"where is he now?\") in one conversation.", run: runChat})
}

// chatMaxTurns is how much of a conversation follow-ups are read against,
// as in a Discord thread.
const chatMaxTurns = 12

const chatHelp = `Ask a question; follow-ups ("Where is he now?", "And Colombia?") are read against the conversation.
  /new    start a new conversation
  /exit   end (or Ctrl-D)`

func runChat(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print one JSON answer object a line (ask --json's fields, standalone_question always set)")
	evalFile := fs.String("eval", "", "measure a conversation set (JSON Lines, testdata/eval/conversations*.jsonl) instead of chatting")
	kFlag(e, fs)
	offlineFlag(e, fs, "answer")
	pos, err := parseCorpusArgs(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("chat: takes no arguments; type the questions, one a line (or pipe them in)")
	}
	var convs []eval.Conversation
	if *evalFile != "" {
		if convs, err = readConversations(*evalFile); err != nil {
			return err
		}
	}
	_, ans, err := e.open(ctx)
	if err != nil {
		return err
	}
	if *evalFile != "" {
		rep, err := eval.RunConversations(ctx, cleanAsker{ans}, convs, e.cfg.K)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(e.stdout, rep)
		}
		rep.Print(e.stdout)
		return nil
	}
	c := &chat{ask: ans.Ask, k: e.cfg.K, json: *asJSON, stderr: e.stderr}
	fd := int(os.Stdin.Fd())
	// the prompt and line editing are for a person at a terminal, not for
	// output sent to a file
	if tty := terminalBehind(e.stdout); !*asJSON && term.IsTerminal(fd) && tty != nil {
		return c.terminal(ctx, fd, tty)
	}
	return c.lines(ctx, os.Stdin, e.stdout)
}

func readConversations(path string) ([]eval.Conversation, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("conversation set: %w", err)
	}
	defer f.Close()
	convs, err := eval.ReadConversations(f)
	if err != nil {
		return nil, fmt.Errorf("conversation set %s: %w", path, err)
	}
	return convs, nil
}

// askFunc answers a question with the earlier turns of its conversation;
// (*answer.Service).Ask is one, and the Discord bot's threads use the same.
type askFunc func(ctx context.Context, r answer.Request) (*answer.Answer, error)

// chat is one conversation: questions in, answers out, the history kept.
type chat struct {
	ask     askFunc
	k       int
	json    bool
	stderr  io.Writer
	history []answer.Turn
}

// lines reads one question a line from in (a pipe or a file) until it ends
// or a line is /exit, and writes each answer to out: for a person, or one
// JSON object a line. Blank lines are skipped; "/new" starts a new
// conversation. A line that is not a question is reported on stderr and
// skipped.
func (c *chat) lines(ctx context.Context, in io.Reader, out io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		done, err := c.line(ctx, sc.Text(), out)
		if err != nil {
			var bad *badLine
			if errors.As(err, &bad) {
				fmt.Fprintf(c.stderr, "chat: line %d: %v\n", n, bad.err)
				continue
			}
			return err
		}
		if done {
			return nil
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	return nil
}

// terminalBehind returns the terminal stdout writes to, past the filter
// that drops control characters (the line editor needs its own escape
// sequences), or nil when stdout is no terminal.
func terminalBehind(w io.Writer) *os.File {
	if s, ok := w.(*safeWriter); ok {
		w = s.w
	}
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		return f
	}
	return nil
}

// terminal runs the conversation at a prompt with line editing and history
// (arrow keys), until Ctrl-D, Ctrl-C or /exit. What footnote prints goes
// through the control-character filter, the editor's own sequences do not.
func (c *chat) terminal(ctx context.Context, fd int, tty *os.File) error {
	state, err := term.MakeRaw(fd)
	if err != nil {
		// no raw mode (an odd terminal): read plain lines
		return c.lines(ctx, os.Stdin, termSafe(tty))
	}
	defer term.Restore(fd, state)
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{os.Stdin, tty}, "> ")
	out := termSafe(t)
	if w, h, err := term.GetSize(fd); err == nil && w > 0 && h > 0 {
		_ = t.SetSize(w, h)
	}
	fmt.Fprintln(out, chatHelp)
	for {
		line, err := t.ReadLine()
		if errors.Is(err, io.EOF) {
			fmt.Fprintln(t)
			return nil
		}
		if err != nil {
			return fmt.Errorf("read question: %w", err)
		}
		done, err := c.line(ctx, line, out)
		var bad *badLine
		switch {
		case errors.As(err, &bad):
			fmt.Fprintf(out, "Can't ask that: %v.\n", bad.err)
		case err != nil:
			fmt.Fprintf(out, "Could not answer: %v\n", err)
		case done:
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// badLine is a line that is not a question; the conversation goes on.
type badLine struct{ err error }

func (b *badLine) Error() string { return b.err.Error() }

// line handles one line of input: a command or a question. done is true
// when the conversation should end.
func (c *chat) line(ctx context.Context, line string, out io.Writer) (done bool, err error) {
	text := strings.TrimSpace(line)
	switch strings.ToLower(text) {
	case "":
		return false, nil
	case "/exit", "/quit":
		return true, nil
	case "/new", "/reset":
		c.history = nil
		if !c.json {
			fmt.Fprintln(out, "(new conversation)")
		}
		return false, nil
	case "/help":
		if !c.json {
			fmt.Fprintln(out, chatHelp)
		}
		return false, nil
	}
	if strings.HasPrefix(text, "/") && !strings.Contains(text, " ") {
		return false, &badLine{fmt.Errorf("unknown command %s (try /help)", text)}
	}
	q, err := answer.CleanQuestion(text)
	if err != nil {
		return false, &badLine{err}
	}
	a, err := c.ask(ctx, answer.Request{Question: q, History: c.history, K: c.k})
	if err != nil {
		return false, err
	}
	c.history = append(c.history, answer.Turn{Role: "user", Text: q}, answer.Turn{Role: "assistant", Text: a.Answer})
	if len(c.history) > chatMaxTurns {
		c.history = c.history[len(c.history)-chatMaxTurns:]
	}
	if c.json {
		return false, writeChatJSON(out, a)
	}
	printAnswer(out, a)
	if a.StandaloneQuestion != "" {
		fmt.Fprintf(out, "\nAnswering: %s\n", a.StandaloneQuestion)
	}
	fmt.Fprintln(out)
	return false, nil
}

// writeChatJSON writes an answer as one line of JSON: ask --json's object
// with standalone_question always present (the question itself when it
// stood alone).
func writeChatJSON(w io.Writer, a *answer.Answer) error {
	v := *a
	if v.StandaloneQuestion == "" {
		v.StandaloneQuestion = v.Question
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(&v)
}
