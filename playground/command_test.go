package playground_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/cli"
)

func TestCommandRefusesAddressesOthersCanReach(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--addr", "0.0.0.0:8787"}, "--allow-remote"},
		{[]string{"--addr", ":8787"}, "--allow-remote"},
		{[]string{"--addr", "192.0.2.7:8787"}, "--allow-remote"},
		{[]string{"--addr", "127.0.0.1"}, "missing port"},
		{[]string{"what"}, "takes no arguments"},
	} {
		var stdout, stderr bytes.Buffer
		args := append([]string{"playground", "--data-dir", t.TempDir()}, c.args...)
		err := cli.Run(context.Background(), args, func(string) string { return "" }, &stdout, &stderr)
		if cli.ExitCode(err) != 2 || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v (exit %d), want a usage error about %s", c.args, err, cli.ExitCode(err), c.want)
		}
	}
}

func TestCommandHelp(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if err := cli.Run(context.Background(), []string{"playground", "--help"}, func(string) string { return "" }, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-addr", "127.0.0.1:8787", "-allow-remote", "-corpus", "-data-dir"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("help lacks %s:\n%s", want, stdout.String())
		}
	}
}
