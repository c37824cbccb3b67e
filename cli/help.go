package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

func init() {
	register(command{name: "help", args: "[COMMAND]", summary: "Show the commands, or one command's flags.", run: runHelp, plain: true})
}

// runHelp prints the list of commands, or with a command's name that
// command's help, as "footnote COMMAND --help" does.
func runHelp(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	switch len(args) {
	case 0:
		usage(e.stdout)
		return nil
	case 1:
	default:
		return usagef("help: give one command, e.g. footnote help ask")
	}
	if strings.HasPrefix(args[0], "-") {
		usage(e.stdout)
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		return unknownCommand(args[0])
	}
	return cmd.exec(ctx, e, []string{"--help"})
}

// printHelp writes a command's usage line, summary and flags, spelled
// --name as the README spells them, in aligned columns.
func printHelp(w io.Writer, fs *flag.FlagSet) {
	c := commands[fs.Name()]
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace("footnote "+c.name+" [flags] "+c.args), c.summary)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\nFlags:\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		spec := "--" + f.Name
		if arg := argName(f); arg != "" {
			spec += " " + arg
		}
		_, help := flag.UnquoteUsage(f)
		if def := f.DefValue; def != "" && def != "false" && def != "0" {
			help += fmt.Sprintf(" (default %s)", def)
		}
		fmt.Fprintf(tw, "  %s\t%s\n", spec, help)
	})
	tw.Flush()
}

// argNames are the placeholders help shows for flags' values, as the
// README writes them.
var argNames = map[string]string{
	"corpus": "DIR", "data-dir": "DIR", "k": "N", "limit": "N", "top": "N",
	"addr": "ADDR", "focus": "TOPIC", "length": "short|medium|long", "guild": "ID", "eval": "FILE",
}

// argName is the placeholder of a flag's value: "" for a boolean flag,
// else its name in argNames, else its type in capitals.
func argName(f *flag.Flag) string {
	name, _ := flag.UnquoteUsage(f)
	if name == "" {
		return ""
	}
	if a, ok := argNames[f.Name]; ok {
		return a
	}
	switch name {
	case "int", "uint", "float":
		return "N"
	case "string":
		return "VALUE"
	}
	return strings.ToUpper(name)
}
