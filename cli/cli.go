// Package cli is footnote's command line: ask, summary, sources, ingest,
// eval, serve and config. Run is what main calls; tests call it too.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

	"github.com/footnote-bot/footnote/config"
	"github.com/footnote-bot/footnote/metrics"
)

// UsageError is a mistake in how a command was called; it exits with 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error { return &UsageError{Msg: fmt.Sprintf(format, args...)} }

// ExitCode maps Run's error to the process exit code: 0 for success
// (including an answer that refuses), 2 for usage errors, 1 for failures.
func ExitCode(err error) int {
	var u *UsageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		return 2
	}
	return 1
}

// env is what every command gets.
type env struct {
	getenv         func(string) string
	stdout, stderr io.Writer
	cfg            config.Config
	log            *slog.Logger
	// metrics is set by serve; nil elsewhere (recording nothing)
	metrics *metrics.Metrics
}

type command struct {
	name    string
	args    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// Run runs the command line args (without the program name).
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stderr)
		return usagef("no command given")
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "help" {
		usage(stdout)
		return nil
	}
	if name == "version" || name == "--version" {
		fmt.Fprintln(stdout, "footnote", Version)
		return nil
	}
	cmd, ok := commands[name]
	if !ok {
		usage(stderr)
		return usagef("unknown command %q", name)
	}
	cfg, err := config.FromEnvAndFile(getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", oneLine(err))
	}
	e := &env{getenv: getenv, stdout: stdout, stderr: stderr, cfg: cfg, log: newLogger(stderr, cfg.LogLevel, cfg.LogFormat)}
	return cmd.run(ctx, e, args[1:])
}

// Version is stamped at build time with -ldflags "-X ...cli.Version=...".
var Version = "dev"

func usage(w io.Writer) {
	fmt.Fprintf(w, "footnote answers questions about a news event from its articles, citing every claim.\n\nUsage:\n  footnote <command> [flags] [arguments]\n\nCommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "\nRun 'footnote <command> --help' for a command's flags.\n")
}

// newLogger is the one place footnote's logger is made. Unknown levels and
// formats fall back to info and text (Validate reports them).
func newLogger(w io.Writer, level, format string) *slog.Logger {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		lv = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lv}
	if strings.EqualFold(format, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// flagSet returns a FlagSet for a command whose errors become usage errors.
func flagSet(e *env, c string) *flag.FlagSet {
	fs := flag.NewFlagSet(c, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses flags anywhere among the arguments ("ask --json Q" and
// "ask Q --json" both work; "--" ends flags) and returns the positionals.
func parse(e *env, fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp(e.stdout, fs)
				return nil, flag.ErrHelp
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// flag stops at "--" (consumed) or at the first positional
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func printHelp(w io.Writer, fs *flag.FlagSet) {
	c := commands[fs.Name()]
	fmt.Fprintf(w, "Usage: footnote %s [flags] %s\n\n%s\n\nFlags:\n", c.name, c.args, c.summary)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// oneLine joins a multi-line error (errors.Join) with "; ".
func oneLine(err error) error {
	if err == nil {
		return nil
	}
	msg := strings.ReplaceAll(err.Error(), "\n", "; ")
	return errors.New(msg)
}
