package config

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// FileEnv names the variable holding the path of the configuration file
// (TOML if it ends in .toml, YAML if in .yaml or .yml). It is not a setting
// itself, so it is not in the table of settings.
const FileEnv = "FOOTNOTE_CONFIG"

// fileSuffix is the key suffix that names a file holding a secret, like the
// environment's _FILE.
const fileSuffix = "_file"

// fileKey is the key of a setting in the configuration file: its variable
// in lower case without the FOOTNOTE_ prefix (FOOTNOTE_CHAT_MODEL is
// chat_model, DISCORD_TOKEN is discord_token).
func (f field) fileKey() string {
	return strings.ToLower(strings.TrimPrefix(f.env, "FOOTNOTE_"))
}

// FileKeys lists the keys a configuration file may use, in table order. A
// secret's key may also be given with _file appended, naming a file that
// holds the secret.
func FileKeys() []string {
	keys := make([]string, 0, len(fields))
	for _, f := range fields {
		keys = append(keys, f.fileKey())
	}
	return keys
}

// FromEnvAndFile is Load with the file named by FOOTNOTE_CONFIG, if any.
func FromEnvAndFile(getenv func(string) string) (Config, error) {
	return Load(getenv(FileEnv), getenv)
}

// Load returns the defaults, overridden by the configuration file at path
// (skipped when path is empty), overridden by the environment. It reports
// every problem of the file and the environment at once: keys that are not
// settings (with the likely intended key), and values of the wrong type.
// Load("", getenv) is FromEnv(getenv).
func Load(path string, getenv func(string) string) (Config, error) {
	c := Default()
	var errs []error
	if path != "" {
		if err := applyFile(&c, path); err != nil {
			errs = append(errs, err)
		}
	}
	if err := applyEnv(&c, getenv); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}

// entry is one key of a configuration file with its value.
type entry struct {
	key string
	val value
}

// value is a scalar of a configuration file, whatever its syntax.
type value struct {
	kind  valueKind
	text  string // the value as a setting's set takes it
	shown string // how an error message shows the value's type
}

type valueKind int

const (
	valString valueKind = iota
	valInt
	valBool
	valOther // a float, date, list, table or null: never a setting's value
)

func applyFile(c *Config, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("configuration file: %w", err)
	}
	var entries []entry
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".toml":
		entries, err = parseTOML(data)
	case ".yaml", ".yml":
		entries, err = parseYAML(data)
	default:
		return fmt.Errorf("configuration file %s: unknown format %q; use .toml, .yaml or .yml", path, ext)
	}
	if err != nil {
		return fmt.Errorf("configuration file %s: %w", path, err)
	}
	return applyEntries(c, path, entries)
}

func applyEntries(c *Config, path string, entries []entry) error {
	byKey := map[string]field{}
	for _, f := range fields {
		byKey[f.fileKey()] = f
		if f.secret {
			byKey[f.fileKey()+fileSuffix] = f
		}
	}
	var errs []error
	seen := map[string]string{} // the setting's key → the file key that set it
	for _, e := range entries {
		f, ok := byKey[e.key]
		if !ok {
			errs = append(errs, unknownKey(e.key, path))
			continue
		}
		fromFile := e.key != f.fileKey()
		if prev, dup := seen[f.fileKey()]; dup && prev == e.key {
			errs = append(errs, fmt.Errorf("key %q appears twice in %s", e.key, path))
			continue
		} else if dup {
			errs = append(errs, fmt.Errorf("%q and %q in %s both set %s; set one", prev, e.key, path, f.env))
			continue
		}
		seen[f.fileKey()] = e.key
		if fromFile {
			if e.val.kind != valString {
				errs = append(errs, fmt.Errorf("invalid value for %q in %s: want a file name (a string), got %s", e.key, path, e.val.shown))
				continue
			}
			s, err := readSecret(resolve(path, e.val.text))
			if err != nil {
				errs = append(errs, fmt.Errorf("%q in %s: %w", e.key, path, err))
				continue
			}
			if err := f.set(c, s); err != nil {
				errs = append(errs, fmt.Errorf("invalid value in the file named by %q in %s: %w", e.key, path, err))
			}
			continue
		}
		text, ok := accepts(f.kind, e.val)
		if !ok {
			errs = append(errs, fmt.Errorf("invalid value for %q in %s: want %s, got %s", e.key, path, f.kind, e.val.shown))
			continue
		}
		if err := f.set(c, text); err != nil {
			shown := strconv.Quote(redact(f, text))
			errs = append(errs, fmt.Errorf("invalid value for %q in %s: %s: %w", e.key, path, shown, err))
		}
	}
	return errors.Join(errs...)
}

// resolve makes a secret file's name relative to the configuration file's
// folder, as a path written in a file is read.
func resolve(configPath, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(filepath.Dir(configPath), name)
}

// accepts reports the text a value gives a setting of kind k, and whether
// the value's type suits the setting. A string setting takes a whole number
// too (a Discord id, or a shard count), but no setting takes a float, list,
// table, date or null, a number setting takes no string, and a boolean
// setting takes only true or false.
func accepts(k kind, v value) (string, bool) {
	switch k {
	case kindString:
		return v.text, v.kind == valString || v.kind == valInt
	case kindInt:
		return v.text, v.kind == valInt
	case kindBool:
		return v.text, v.kind == valBool
	case kindDuration:
		return v.text, v.kind == valString
	}
	return "", false
}

func unknownKey(key, path string) error {
	if s := suggest(key); s != "" {
		return fmt.Errorf("unknown key %q in %s (did you mean %q?)", key, path, s)
	}
	return fmt.Errorf("unknown key %q in %s (valid keys: %s)", key, path, strings.Join(FileKeys(), ", "))
}

// suggest returns the valid key that key most likely misspells, or "".
// "FOOTNOTE_CHAT_MODEL", "chat-model" and "Chat_Model" suggest chat_model;
// so does "modle", the misspelt last word of chat_model (the first of the
// keys ending in model).
func suggest(key string) string {
	q := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(key)), "-", "_")
	q = strings.TrimPrefix(q, "footnote_")
	type cand struct {
		key         string
		part, whole int
	}
	var best *cand
	for _, k := range append(FileKeys(), secretFileKeys()...) {
		if q == k {
			return k
		}
		c := cand{key: k, whole: distance(q, k), part: distance(q, k)}
		// a misspelling of one or more of the key's words
		words := strings.Split(k, "_")
		for i := range words {
			for j := i + 1; j <= len(words); j++ {
				c.part = min(c.part, distance(q, strings.Join(words[i:j], "_")))
			}
		}
		if best == nil || c.part < best.part || (c.part == best.part && c.whole < best.whole) {
			best = &c
		}
	}
	if best == nil {
		return ""
	}
	// allow about one typo in three letters
	if limit := (len([]rune(q)) + 1) / 3; best.part > limit {
		return ""
	}
	return best.key
}

func secretFileKeys() []string {
	var keys []string
	for _, f := range fields {
		if f.secret {
			keys = append(keys, f.fileKey()+fileSuffix)
		}
	}
	return keys
}

// distance is the optimal string alignment distance between a and b: the
// edits (insertions, deletions, substitutions and swaps of neighbouring
// letters) that turn one into the other.
func distance(a, b string) int {
	s, t := []rune(a), []rune(b)
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}

// parseTOML reads a TOML document's top-level keys, in the file's order.
func parseTOML(data []byte) ([]entry, error) {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			// the message may quote the bad value: not a secret's
			top, _, _ := strings.Cut(perr.LastKey, ".")
			for _, f := range fields {
				if f.secret && (top == f.fileKey() || top == f.fileKey()+fileSuffix) {
					return nil, fmt.Errorf("line %d: the value of %q is not valid TOML (is it in quotes?)", perr.Position.Line, top)
				}
			}
			return nil, fmt.Errorf("line %d: %s", perr.Position.Line, perr.Message)
		}
		return nil, err
	}
	var entries []entry
	done := map[string]bool{}
	for _, k := range md.Keys() {
		top := k[0]
		if done[top] {
			continue
		}
		done[top] = true
		entries = append(entries, entry{key: top, val: tomlValue(m[top])})
	}
	// keys the metadata missed, if any, in a stable order
	var rest []string
	for k := range m {
		if !done[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		entries = append(entries, entry{key: k, val: tomlValue(m[k])})
	}
	return entries, nil
}

func tomlValue(v any) value {
	switch v := v.(type) {
	case string:
		return value{kind: valString, text: v, shown: "a string"}
	case int64:
		return value{kind: valInt, text: strconv.FormatInt(v, 10), shown: "a whole number"}
	case bool:
		return value{kind: valBool, text: strconv.FormatBool(v), shown: "a boolean"}
	case float64:
		if v == math.Trunc(v) && !math.IsInf(v, 0) {
			return value{kind: valOther, shown: "a decimal number (write it without a point)"}
		}
		return value{kind: valOther, shown: "a decimal number"}
	case map[string]any:
		return value{kind: valOther, shown: "a table (settings are top-level keys)"}
	case []any, []map[string]any:
		return value{kind: valOther, shown: "an array"}
	}
	return value{kind: valOther, shown: fmt.Sprintf("a %T", v)}
}

// parseYAML reads a YAML document's top-level mapping, in the file's order.
func parseYAML(data []byte) ([]entry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil // empty file
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil // only comments
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: want a mapping of keys to values at the top", root.Line)
	}
	var entries []entry
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("line %d: a key must be a plain name", k.Line)
		}
		if k.Tag == "!!merge" {
			return nil, fmt.Errorf("line %d: merge keys (<<) are not supported here", k.Line)
		}
		entries = append(entries, entry{key: k.Value, val: yamlValue(v)})
	}
	return entries, nil
}

func yamlValue(n *yaml.Node) value {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		return value{kind: valOther, shown: "a mapping (settings are top-level keys)"}
	case yaml.SequenceNode:
		return value{kind: valOther, shown: "a list"}
	case yaml.ScalarNode:
	default:
		return value{kind: valOther, shown: "an unsupported value"}
	}
	switch n.ShortTag() {
	case "!!str":
		return value{kind: valString, text: n.Value, shown: "a string"}
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			return value{kind: valOther, shown: "a whole number out of range"}
		}
		return value{kind: valInt, text: strconv.FormatInt(i, 10), shown: "a whole number"}
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return value{kind: valOther, shown: "a boolean"}
		}
		return value{kind: valBool, text: strconv.FormatBool(b), shown: "a boolean"}
	case "!!float":
		return value{kind: valOther, shown: "a decimal number"}
	case "!!null":
		return value{kind: valOther, shown: "no value (null)"}
	}
	return value{kind: valOther, shown: "a value of type " + n.ShortTag()}
}
