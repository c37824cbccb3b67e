package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/footnote-bot/footnote/admin"
)

func init() {
	register(command{name: "healthcheck", summary: "Probe a running footnote's health endpoint (for container orchestrators).", run: runHealthcheck})
}

func runHealthcheck(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	addr := fs.String("addr", e.cfg.HTTPAddr, "admin address or URL to probe (default FOOTNOTE_HTTP_ADDR)")
	if err := parseNone(e, fs, args, parse, ""); err != nil {
		return err
	}
	if *addr == "" {
		return usagef("healthcheck: set FOOTNOTE_HTTP_ADDR (or --addr) to the admin listener's address")
	}
	if err := admin.Probe(ctx, *addr); err != nil {
		return fmt.Errorf("unhealthy: %w", err)
	}
	fmt.Fprintln(e.stdout, "ok")
	return nil
}
