package cli

import (
	"flag"
	"io"
)

// This file is the flags, usage errors and output the commands share (the
// corpus flags: ask, chat, summary, sources, timeline; --offline and the
// no-arguments error: serve and playground too), so each is declared once.

// parseCorpusArgs adds the corpus flags (--corpus, --data-dir, --guild) to
// fs, parses args and validates the configuration, and returns the
// positional arguments. A --help request is returned as [flag.ErrHelp]
// (see [helpOK]).
func parseCorpusArgs(e *env, fs *flag.FlagSet, args []string) ([]string, error) {
	commonFlags(e, fs)
	guildFlag(e, fs)
	return parseChecked(e, fs, args)
}

// offlineFlag adds --offline: verb (answer, summarise) extractively even
// with a model configured.
func offlineFlag(e *env, fs *flag.FlagSet, verb string) {
	fs.BoolVar(&e.cfg.Offline, "offline", e.cfg.Offline, verb+" extractively even with a model configured")
}

// kFlag adds --k, the passages to retrieve and list.
func kFlag(e *env, fs *flag.FlagSet) {
	fs.IntVar(&e.cfg.K, "k", e.cfg.K, "passages to retrieve and list")
}

// noArgs is the usage error of a command that takes no positional
// arguments but got some; hint, when not empty, says what to use instead.
// It is nil when pos is empty.
func noArgs(cmd string, pos []string, hint string) error {
	if len(pos) == 0 {
		return nil
	}
	if hint != "" {
		hint = " (" + hint + ")"
	}
	return usagef("%s: takes no arguments, got %q%s", cmd, pos[0], hint)
}

// emit writes v to e's standard output as JSON when asJSON, else as print
// writes it for a reader.
func emit[T any](e *env, asJSON bool, v T, print func(io.Writer, T)) error {
	if asJSON {
		return writeJSON(e.stdout, v)
	}
	print(e.stdout, v)
	return nil
}
