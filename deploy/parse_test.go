package deploy

// A small Dockerfile reader, enough to check footnote's own: parser
// directives, comments, line continuations, instructions with their --flags,
// exec (JSON) and shell forms, ENV and ARG with their values, and ${VAR}
// substitution. Also a shell word splitter for RUN and a .dockerignore
// matcher.

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// instruction is one Dockerfile instruction.
type instruction struct {
	line  int
	cmd   string            // upper case: FROM, RUN, COPY, …
	flags map[string]string // --from=build → from: build; --chown → chown
	args  string            // the rest, after the flags
}

// stage is a FROM and the instructions up to the next FROM.
type stage struct {
	index  int
	image  string // after substituting global ARGs
	name   string // AS name, lower case
	instrs []instruction
}

type dockerfile struct {
	globalArgs map[string]string // ARGs before the first FROM, with defaults
	stages     []*stage
}

// parseDockerfile reads a Dockerfile.
func parseDockerfile(text string) (*dockerfile, error) {
	escape := byte('\\')
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	// parser directives: "# key=value" lines at the very top
	for _, l := range lines {
		m := regexp.MustCompile(`^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$`).FindStringSubmatch(l)
		if m == nil {
			break
		}
		if strings.EqualFold(m[1], "escape") && len(m[2]) == 1 {
			escape = m[2][0]
		}
	}
	df := &dockerfile{globalArgs: map[string]string{}}
	var cur strings.Builder
	start := 0
	flush := func() error {
		s := strings.TrimSpace(cur.String())
		cur.Reset()
		if s == "" {
			return nil
		}
		in, err := splitInstruction(start, s)
		if err != nil {
			return err
		}
		return df.add(in)
	}
	for i, l := range lines {
		trimmed := strings.TrimSpace(l)
		if strings.HasPrefix(trimmed, "#") {
			continue // a comment, also between continued lines
		}
		if cur.Len() == 0 {
			if trimmed == "" {
				continue
			}
			start = i + 1
		}
		r := strings.TrimRightFunc(l, unicode.IsSpace)
		if len(r) > 0 && r[len(r)-1] == escape {
			cur.WriteString(r[:len(r)-1])
			cur.WriteString(" ")
			continue
		}
		cur.WriteString(l)
		if err := flush(); err != nil {
			return nil, err
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(df.stages) == 0 {
		return nil, fmt.Errorf("no FROM")
	}
	return df, nil
}

func splitInstruction(line int, s string) (instruction, error) {
	cmd, rest, _ := strings.Cut(s, " ")
	in := instruction{line: line, cmd: strings.ToUpper(cmd), flags: map[string]string{}}
	rest = strings.TrimSpace(rest)
	for strings.HasPrefix(rest, "--") {
		var flag string
		flag, rest, _ = strings.Cut(rest, " ")
		rest = strings.TrimSpace(rest)
		k, v, _ := strings.Cut(strings.TrimPrefix(flag, "--"), "=")
		if prev, ok := in.flags[k]; ok { // repeated, like --mount
			v = prev + "\n" + v
		}
		in.flags[k] = v
	}
	in.args = rest
	if in.cmd == "" {
		return in, fmt.Errorf("line %d: no instruction", line)
	}
	return in, nil
}

func (df *dockerfile) add(in instruction) error {
	if in.cmd == "FROM" {
		words := strings.Fields(in.args)
		if len(words) == 0 {
			return fmt.Errorf("line %d: FROM without an image", in.line)
		}
		st := &stage{index: len(df.stages), image: substitute(words[0], df.globalArgs)}
		if len(words) == 3 && strings.EqualFold(words[1], "AS") {
			st.name = strings.ToLower(words[2])
		} else if len(words) != 1 {
			return fmt.Errorf("line %d: FROM %s", in.line, in.args)
		}
		st.instrs = append(st.instrs, in)
		df.stages = append(df.stages, st)
		return nil
	}
	if len(df.stages) == 0 {
		if in.cmd != "ARG" {
			return fmt.Errorf("line %d: %s before FROM", in.line, in.cmd)
		}
		for k, v := range keyValues(in.args) {
			df.globalArgs[k] = v
		}
		return nil
	}
	st := df.stages[len(df.stages)-1]
	st.instrs = append(st.instrs, in)
	return nil
}

// stage returns the stage named name, or numbered by it.
func (df *dockerfile) stage(name string) *stage {
	for _, s := range df.stages {
		if s.name == strings.ToLower(name) || fmt.Sprint(s.index) == name {
			return s
		}
	}
	return nil
}

func (s *stage) all(cmd string) []instruction {
	var out []instruction
	for _, in := range s.instrs {
		if in.cmd == cmd {
			out = append(out, in)
		}
	}
	return out
}

// last returns the stage's last instruction cmd: the one in effect for
// USER, ENTRYPOINT, CMD and HEALTHCHECK.
func (s *stage) last(cmd string) (instruction, bool) {
	all := s.all(cmd)
	if len(all) == 0 {
		return instruction{}, false
	}
	return all[len(all)-1], true
}

// env returns the stage's ENV variables (the values after substitution)
// and its ARGs' defaults.
func (s *stage) env() map[string]string {
	vars := map[string]string{}
	for _, in := range s.instrs {
		switch in.cmd {
		case "ARG":
			for k, v := range keyValues(in.args) {
				if _, set := vars[k]; !set {
					vars[k] = v
				}
			}
		case "ENV":
			// one ENV's values see the variables as they were before it
			before := map[string]string{}
			for k, v := range vars {
				before[k] = v
			}
			for k, v := range envValues(in.args) {
				vars[k] = substitute(v, before)
			}
		}
	}
	return vars
}

// keyValues reads ARG's "NAME" and "NAME=default" words.
func keyValues(args string) map[string]string {
	out := map[string]string{}
	words, _ := shellWords(args)
	for _, w := range words {
		k, v, _ := strings.Cut(w, "=")
		out[k] = v
	}
	return out
}

// envValues reads ENV's "K=V K2=V2" form, or the old "K V" form.
func envValues(args string) map[string]string {
	words, _ := shellWords(args)
	out := map[string]string{}
	if len(words) > 0 && !strings.Contains(words[0], "=") {
		k, v, _ := strings.Cut(args, " ")
		out[k] = strings.TrimSpace(v)
		return out
	}
	for _, w := range words {
		k, v, _ := strings.Cut(w, "=")
		out[k] = v
	}
	return out
}

// execForm returns the JSON array of an exec-form ENTRYPOINT, CMD,
// HEALTHCHECK CMD or RUN, and whether args is one.
func execForm(args string) ([]string, bool) {
	s := strings.TrimSpace(args)
	if !strings.HasPrefix(s, "[") {
		return nil, false
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, false
	}
	return out, true
}

// substitute replaces $VAR, ${VAR}, ${VAR:-default} and ${VAR:+alt} with
// vars; unknown variables stay as written.
func substitute(s string, vars map[string]string) string {
	re := regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)
	return re.ReplaceAllStringFunc(s, func(m string) string {
		g := re.FindStringSubmatch(m)
		name := g[1] + g[4]
		v, ok := vars[name]
		switch g[2] {
		case "-":
			if !ok || v == "" {
				return g[3]
			}
		case "+":
			if ok && v != "" {
				return g[3]
			}
			return ""
		}
		if !ok {
			return m
		}
		return v
	})
}

// shellWords splits a POSIX shell command line into words, honouring
// quotes and backslashes, and returns the operators &&, ||, ;, | and & as
// words of their own. Variables are left as written.
func shellWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	end := func() {
		if inWord {
			words = append(words, w.String())
			w.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 < len(s) {
				i++
				if s[i] != '\n' {
					w.WriteByte(s[i])
					inWord = true
				}
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated ' in %q", s)
			}
			w.WriteString(s[i+1 : i+1+j])
			inWord = true
			i += j + 1
		case c == '"':
			inWord = true
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("$`\"\\\n", s[i+1]) >= 0 {
					i++
				}
				w.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated \" in %q", s)
			}
		case c == ' ' || c == '\t' || c == '\n':
			end()
		case c == '&' || c == '|' || c == ';':
			end()
			op := string(c)
			if (c == '&' || c == '|') && i+1 < len(s) && s[i+1] == c {
				op += string(c)
				i++
			}
			words = append(words, op)
		case c == '#' && !inWord:
			return words, nil // a comment
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	end()
	return words, nil
}

// simpleCommands splits shell words at the operators.
func simpleCommands(words []string) [][]string {
	var out [][]string
	var cur []string
	for _, w := range words {
		switch w {
		case "&&", "||", ";", "|", "&":
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
		default:
			cur = append(cur, w)
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// ignoreRule is one line of a .dockerignore.
type ignoreRule struct {
	re     *regexp.Regexp
	negate bool
}

func parseDockerignore(text string) []ignoreRule {
	var rules []ignoreRule
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		r := ignoreRule{}
		if strings.HasPrefix(l, "!") {
			r.negate = true
			l = strings.TrimSpace(l[1:])
		}
		l = strings.Trim(strings.TrimPrefix(l, "./"), "/")
		r.re = regexp.MustCompile("^" + globToRegexp(l) + "$")
		rules = append(rules, r)
	}
	return rules
}

func globToRegexp(g string) string {
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		switch c := g[i]; {
		case strings.HasPrefix(g[i:], "**/"):
			b.WriteString("(.*/)?")
			i += 2
		case strings.HasPrefix(g[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			j := strings.IndexByte(g[i:], ']')
			if j < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := g[i+1 : i+j]
			if strings.HasPrefix(class, "!") || strings.HasPrefix(class, "^") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + class + "]")
			i += j
		case c == '\\' && i+1 < len(g):
			i++
			b.WriteString(regexp.QuoteMeta(string(g[i])))
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}

// ignored reports whether the build context leaves out path (relative to the
// context, slash-separated): the last rule matching it or one of its
// parent folders decides.
func ignored(rules []ignoreRule, path string) bool {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	out := false
	for _, r := range rules {
		for i := 1; i <= len(parts); i++ {
			if r.re.MatchString(strings.Join(parts[:i], "/")) {
				out = !r.negate
				break
			}
		}
	}
	return out
}
