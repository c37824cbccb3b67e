// Package cli is footnote's command line, one file per command:
// answering (ask, chat, summary, timeline, sources), the corpus (ingest),
// measuring (eval, feedback), running (serve, playground, healthcheck) and
// the program itself (config, completion, help, version). Run is what main
// calls; tests call it too.
//
// cli parses, wires and prints: the corpus is opened, indexed and watched
// by library, and answered from by answer.Service.
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
	"text/tabwriter"

	"github.com/footnote-bot/footnote/config"
	"github.com/footnote-bot/footnote/llm"
	"github.com/footnote-bot/footnote/metrics"
)

// UsageError is a mistake in how a command was called; it exits with 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error { return &UsageError{Msg: fmt.Sprintf(format, args...)} }

// ExitCode maps Run's error to the process exit code: 0 for success
// (including an answer that refuses), 2 for usage errors, 130 when
// interrupted (ErrInterrupted), 1 for failures.
func ExitCode(err error) int {
	var u *UsageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		return 2
	case errors.Is(err, ErrInterrupted):
		return 130
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
	// fs is the command's flag set once flagSet made it, so that a
	// configuration error can name the flag the user typed rather than the
	// variable it overrides.
	fs *flag.FlagSet
	// onFlags, when set, is called with the command's flag set before its
	// arguments are parsed (completion uses it to list a command's flags).
	onFlags func(*flag.FlagSet)
	// client is the process's one model client, once llmClient built it.
	client *llm.Client
	// guild is --guild: the server whose corpus a command reads or changes
	// (see guilds.go); empty is the shared corpus.
	guild string
}

type command struct {
	name    string
	args    string
	summary string
	// run parses args with fs, the command's empty flag set, and runs it
	run func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error
	// plain commands need no configuration (help, version, completion):
	// they run even when the environment's is broken.
	plain bool
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// exec runs c with args and a flag set named after it (see flagSet). A
// command returns a --help request as the [flag.ErrHelp] its parse
// returns; exec makes that a success.
func (c command) exec(ctx context.Context, e *env, args []string) error {
	return helpOK(c.run(ctx, e, flagSet(e, c.name), args))
}

// helpOK turns a --help request into success.
func helpOK(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// Run runs the command line args (without the program name).
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stderr)
		return usagef("no command given")
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	cmd, ok := commands[name]
	if !ok {
		return unknownCommand(name)
	}
	e := &env{getenv: getenv, stdout: termSafe(stdout), stderr: stderr}
	cfg, err := config.FromEnvAndFile(getenv)
	if err != nil && !cmd.plain {
		return fmt.Errorf("configuration: %w", oneLine(err))
	}
	if err != nil {
		cfg = config.Default()
	}
	e.cfg = cfg
	e.log = newLogger(stderr, cfg.LogLevel, cfg.LogFormat)
	if !cmd.plain {
		if err := e.migrate(); err != nil {
			return err
		}
	}
	return cmd.exec(ctx, e, args[1:])
}

// unknownCommand is the one-line usage error for a command that does not
// exist, suggesting the nearest one when it is a likely misspelling.
func unknownCommand(name string) error {
	if s := suggest(name, commandNames()); s != "" {
		return usagef("unknown command %q; did you mean %q? (run 'footnote help' for the list)", name, s)
	}
	return usagef("unknown command %q (run 'footnote help' for the list)", name)
}

func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "footnote answers questions about a news event from its articles, citing every claim.\n\nUsage:\n  footnote <command> [flags] [arguments]\n\nCommands:\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, n := range commandNames() {
		fmt.Fprintf(tw, "  %s\t%s\n", n, commands[n].summary)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nRun 'footnote help <command>' for a command's flags.\n")
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

// flagSet returns a FlagSet for command c whose errors become usage errors
// and records it in e (exec makes each command's).
func flagSet(e *env, c string) *flag.FlagSet {
	fs := flag.NewFlagSet(c, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	e.fs = fs
	return fs
}

// parse parses flags anywhere among the arguments ("ask --json Q" and
// "ask Q --json" both work; "--" ends flags) and returns the positionals.
func parse(e *env, fs *flag.FlagSet, args []string) ([]string, error) {
	if e.onFlags != nil {
		e.onFlags(fs)
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp(e.stdout, fs)
				return nil, flag.ErrHelp
			}
			return nil, usagef("%s: %s", fs.Name(), dashDash(err.Error()))
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

// parseChecked is parse for every command that uses the configuration:
// once the flags are applied it validates the configuration, naming a flag
// rather than the variable it overrides (see validate).
func parseChecked(e *env, fs *flag.FlagSet, args []string) ([]string, error) {
	pos, err := parse(e, fs, args)
	if err != nil {
		return nil, err
	}
	if err := e.validate(); err != nil {
		return nil, err
	}
	return pos, nil
}

// parseBotFlags adds the flags of a command that runs the bot (serve,
// playground) to fs, parses args with them, validates the configuration,
// and refuses arguments.
func parseBotFlags(e *env, fs *flag.FlagSet, args []string) error {
	offlineFlag(e, fs, "answer")
	commonFlags(e, fs)
	return parseNone(e, fs, args, parseChecked, "")
}

// parseNone parses args with parser (parse, parseChecked or
// parseCorpusArgs) for a command that takes no positional arguments: its
// error is parser's, or noArgs's usage error (with hint) when args had any.
func parseNone(e *env, fs *flag.FlagSet, args []string, parser func(*env, *flag.FlagSet, []string) ([]string, error), hint string) error {
	pos, err := parser(e, fs, args)
	if err != nil {
		return err
	}
	return noArgs(fs.Name(), pos, hint)
}

// dashDash rewrites the flag package's "-name" in its error messages as
// "--name", the spelling the help and the README use.
func dashDash(msg string) string {
	for _, p := range []string{"flag provided but not defined: -", "for flag -", "flag needs an argument: -"} {
		msg = strings.Replace(msg, p, p+"-", 1)
	}
	return msg
}

// oneLine joins a multi-line error (errors.Join) with "; ".
func oneLine(err error) error {
	if err == nil {
		return nil
	}
	msg := strings.ReplaceAll(err.Error(), "\n", "; ")
	return errors.New(msg)
}
