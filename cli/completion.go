package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

func init() {
	register(command{name: "completion", args: "bash|zsh|fish", summary: "Print a shell completion script (e.g. source <(footnote completion bash)).", run: runCompletion, plain: true})
}

// shells are the shells completion writes scripts for.
var shells = map[string]func(io.Writer, []compCommand){
	"bash": writeBash,
	"zsh":  writeZsh,
	"fish": writeFish,
}

func runCompletion(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("completion: give one shell: bash, zsh or fish")
	}
	write, ok := shells[pos[0]]
	if !ok {
		return usagef("completion: %q is not bash, zsh or fish", pos[0])
	}
	write(e.stdout, completionModel(ctx, e))
	return nil
}

// compCommand is what a completion script knows of a command.
type compCommand struct {
	name, summary string
	flags         []compFlag
}

type compFlag struct {
	name, usage string
	value       bool // takes a value
	dir         bool // the value is a folder
}

// completionModel lists every command with its flags. A command's flags
// are learnt by running it with --help and a hook that receives its flag
// set before parsing, so the scripts cannot drift from the commands.
func completionModel(ctx context.Context, e *env) []compCommand {
	var out []compCommand
	for _, name := range commandNames() {
		c := commands[name]
		cc := compCommand{name: name, summary: c.summary}
		if !c.plain {
			probe := &env{getenv: e.getenv, stdout: io.Discard, stderr: io.Discard, cfg: e.cfg, log: e.log}
			probe.onFlags = func(fs *flag.FlagSet) {
				fs.VisitAll(func(f *flag.Flag) {
					arg := argName(f)
					cc.flags = append(cc.flags, compFlag{name: f.Name, usage: f.Usage, value: arg != "", dir: arg == "DIR"})
				})
			}
			_ = c.exec(ctx, probe, []string{"--help"})
		}
		sort.Slice(cc.flags, func(i, j int) bool { return cc.flags[i].name < cc.flags[j].name })
		out = append(out, cc)
	}
	return out
}

// values completes the positional arguments of the plain commands.
func values(name string, cmds []compCommand) []string {
	switch name {
	case "help":
		var names []string
		for _, c := range cmds {
			names = append(names, c.name)
		}
		return names
	case "completion":
		return []string{"bash", "fish", "zsh"}
	}
	return nil
}

func writeBash(w io.Writer, cmds []compCommand) {
	var names []string
	for _, c := range cmds {
		names = append(names, c.name)
	}
	fmt.Fprintf(w, `# bash completion for footnote: source <(footnote completion bash)
_footnote() {
    local cur prev cmd words=""
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "%s" -- "$cur"))
        return
    fi
    cmd="${COMP_WORDS[1]}"
    case "$prev" in
`, strings.Join(names, " "))
	dirs, valued := map[string]bool{}, map[string]bool{}
	for _, c := range cmds {
		for _, f := range c.flags {
			switch {
			case f.dir:
				dirs["--"+f.name] = true
			case f.value:
				valued["--"+f.name] = true
			}
		}
	}
	if len(dirs) > 0 {
		fmt.Fprintf(w, "        %s) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n", strings.Join(sortedKeys(dirs), "|"))
	}
	if len(valued) > 0 {
		fmt.Fprintf(w, "        %s) return ;;\n", strings.Join(sortedKeys(valued), "|"))
	}
	fmt.Fprintf(w, "    esac\n    case \"$cmd\" in\n")
	for _, c := range cmds {
		var fl []string
		for _, f := range c.flags {
			fl = append(fl, "--"+f.name)
		}
		if v := values(c.name, cmds); v != nil {
			fmt.Fprintf(w, "        %s) COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")); return ;;\n", c.name, strings.Join(v, " "))
			continue
		}
		fmt.Fprintf(w, "        %s) words=\"%s\" ;;\n", c.name, strings.Join(fl, " "))
	}
	fmt.Fprintf(w, `    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _footnote footnote
`)
}

func writeZsh(w io.Writer, cmds []compCommand) {
	fmt.Fprintf(w, "#compdef footnote\n# zsh completion for footnote: source <(footnote completion zsh), or save as _footnote in $fpath\n_footnote() {\n    local -a commands\n    commands=(\n")
	for _, c := range cmds {
		fmt.Fprintf(w, "        %s\n", zshQuote(c.name+":"+strings.ReplaceAll(c.summary, ":", `\:`)))
	}
	fmt.Fprintf(w, "    )\n    if (( CURRENT == 2 )); then\n        _describe -t commands 'footnote command' commands\n        return\n    fi\n    shift words\n    (( CURRENT-- ))\n    case $words[1] in\n")
	for _, c := range cmds {
		var specs []string
		for _, f := range c.flags {
			desc := strings.NewReplacer("[", "(", "]", ")", ":", " ").Replace(f.usage)
			spec := "--" + f.name + "[" + desc + "]"
			switch {
			case f.dir:
				spec += ":folder:_files -/"
			case f.value:
				spec += ":value: "
			}
			specs = append(specs, zshQuote(spec))
		}
		switch v := values(c.name, cmds); {
		case v != nil:
			specs = append(specs, zshQuote("1:argument:("+strings.Join(v, " ")+")"))
		default:
			specs = append(specs, zshQuote("*:argument:_files"))
		}
		fmt.Fprintf(w, "        %s) _arguments %s ;;\n", c.name, strings.Join(specs, " "))
	}
	fmt.Fprintf(w, "    esac\n}\nif [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n    _footnote \"$@\"\nelse\n    compdef _footnote footnote\nfi\n")
}

func writeFish(w io.Writer, cmds []compCommand) {
	fmt.Fprintf(w, "# fish completion for footnote: footnote completion fish > ~/.config/fish/completions/footnote.fish\ncomplete -c footnote -f\n")
	for _, c := range cmds {
		fmt.Fprintf(w, "complete -c footnote -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.summary))
	}
	for _, c := range cmds {
		cond := fishQuote("__fish_seen_subcommand_from " + c.name)
		for _, f := range c.flags {
			opt := ""
			switch {
			case f.dir:
				opt = " -r -a '(__fish_complete_directories)'"
			case f.value:
				opt = " -r"
			}
			fmt.Fprintf(w, "complete -c footnote -n %s -l %s%s -d %s\n", cond, f.name, opt, fishQuote(f.usage))
		}
		if v := values(c.name, cmds); v != nil {
			fmt.Fprintf(w, "complete -c footnote -n %s -a %s\n", cond, fishQuote(strings.Join(v, " ")))
		} else if c.name == "ingest" || c.name == "eval" {
			fmt.Fprintf(w, "complete -c footnote -n %s -F\n", cond)
		}
	}
}

// zshQuote single-quotes s for zsh.
func zshQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// fishQuote single-quotes s for fish, where \' and \\ are the escapes.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
