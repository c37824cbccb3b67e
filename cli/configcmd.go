package cli

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/footnote-bot/footnote/config"
)

func init() {
	register(command{name: "config", summary: "Print the effective configuration, secrets redacted.", run: runConfig})
}

func runConfig(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	table := fs.Bool("markdown", false, "print the table of settings for the README")
	if err := parseNone(e, fs, args, parse, ""); err != nil {
		return err
	}
	if *table {
		_, err := fmt.Fprint(e.stdout, config.Table())
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, s := range e.cfg.Settings() {
		fmt.Fprintf(tw, "%s\t%s\n", s.Env, s.Value)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := e.cfg.Validate(); err != nil {
		return fmt.Errorf("configuration: %w", oneLine(err))
	}
	return nil
}
