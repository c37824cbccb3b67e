package deploy

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// root is the module's folder, relative to this package.
const root = ".."

func readRoot(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// goMod returns the module path and the go (and toolchain, if any)
// directives of go.mod.
func goMod(t *testing.T) (module, goVersion, toolchain string) {
	t.Helper()
	for _, l := range strings.Split(readRoot(t, "go.mod"), "\n") {
		f := strings.Fields(strings.TrimSpace(l))
		if len(f) != 2 {
			continue
		}
		switch f[0] {
		case "module":
			module = strings.Trim(f[1], `"`)
		case "go":
			goVersion = f[1]
		case "toolchain":
			toolchain = strings.TrimPrefix(f[1], "go")
		}
	}
	if module == "" || goVersion == "" {
		t.Fatalf("go.mod: module %q, go %q", module, goVersion)
	}
	return module, goVersion, toolchain
}

// goVersionOfImage returns the Go version a golang image's tag names
// ("1.26" of golang:1.26, "1.26.1" of golang:1.26.1-bookworm).
func goVersionOfImage(image string) (string, bool) {
	m := regexp.MustCompile(`^(?:docker\.io/)?(?:library/)?golang:(\d+\.\d+(?:\.\d+)?)(?:[-@].*)?$`).FindStringSubmatch(image)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// atLeast reports whether the Go of an image tag satisfies a go.mod
// version. A tag without a patch (1.26) is the newest patch of its minor
// version, so it satisfies any 1.26.x.
func atLeast(tag, need string) bool {
	nums := func(v string) []int {
		var out []int
		for _, p := range strings.Split(v, ".") {
			// drop pre-release suffixes like 1.26rc1 → 1.26
			p = regexp.MustCompile(`^\d+`).FindString(p)
			n, _ := strconv.Atoi(p)
			out = append(out, n)
		}
		return out
	}
	have, want := nums(tag), nums(need)
	for i := 0; i < len(want); i++ {
		if i >= len(have) {
			return true // the tag floats over this component
		}
		if have[i] != want[i] {
			return have[i] > want[i]
		}
	}
	return true
}

func TestAtLeast(t *testing.T) {
	for _, c := range []struct {
		tag, need string
		ok        bool
	}{
		{"1.26", "1.26.0", true}, {"1.26", "1.26.3", true}, {"1.26.1", "1.26.0", true},
		{"1.26.0", "1.26.1", false}, {"1.25", "1.26.0", false}, {"1.27", "1.26.9", true},
		{"2.0", "1.26", true}, {"1.26", "1.26", true}, {"1.9", "1.26", false},
	} {
		if got := atLeast(c.tag, c.need); got != c.ok {
			t.Errorf("atLeast(%s, %s) = %v", c.tag, c.need, got)
		}
	}
}

// goBuild is the `go build` of the build stage.
type goBuild struct {
	env      map[string]string // assignments before go on the command line
	flags    map[string]string // -trimpath → "true"; -o → its value
	packages []string
}

// valueFlags are go build's flags that take a value.
var valueFlags = map[string]bool{
	"o": true, "ldflags": true, "gcflags": true, "asmflags": true, "gccgoflags": true, "tags": true,
	"mod": true, "modfile": true, "p": true, "buildmode": true, "compiler": true, "installsuffix": true,
	"pkgdir": true, "toolexec": true, "overlay": true, "pgo": true, "C": true, "covermode": true, "coverpkg": true,
}

func findGoBuild(t *testing.T, st *stage) (goBuild, instruction) {
	t.Helper()
	var found []goBuild
	var where instruction
	for _, in := range st.all("RUN") {
		cmdline := in.args
		if argv, ok := execForm(in.args); ok {
			cmdline = strings.Join(argv, " ")
		}
		words, err := shellWords(cmdline)
		if err != nil {
			t.Fatalf("line %d: %v", in.line, err)
		}
		for _, cmd := range simpleCommands(words) {
			gb := goBuild{env: map[string]string{}, flags: map[string]string{}}
			i := 0
			for ; i < len(cmd) && regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`).MatchString(cmd[i]); i++ {
				k, v, _ := strings.Cut(cmd[i], "=")
				gb.env[k] = v
			}
			if i+1 >= len(cmd) || cmd[i] != "go" || cmd[i+1] != "build" {
				continue
			}
			args := cmd[i+2:]
			for j := 0; j < len(args); j++ {
				a := args[j]
				if a == "--" {
					gb.packages = append(gb.packages, args[j+1:]...)
					break
				}
				if !strings.HasPrefix(a, "-") {
					gb.packages = append(gb.packages, a)
					continue
				}
				name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
				if !hasVal {
					if valueFlags[name] && j+1 < len(args) {
						j++
						val = args[j]
					} else {
						val = "true"
					}
				}
				gb.flags[name] = val
			}
			found = append(found, gb)
			where = in
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one `go build` in the build stage, found %d", len(found))
	}
	return found[0], where
}

// stringVar reports whether the package in dir declares a package-level
// variable name of type string (what -X can set).
func stringVar(t *testing.T, dir, name string) bool {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("-X names a package that is not in the module: %v", err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if n.Name != name {
						continue
					}
					if id, ok := vs.Type.(*ast.Ident); ok {
						return id.Name == "string"
					}
					if vs.Type == nil && i < len(vs.Values) {
						lit, ok := vs.Values[i].(*ast.BasicLit)
						return ok && lit.Kind == token.STRING
					}
				}
			}
		}
	}
	return false
}

func TestDockerfile(t *testing.T) {
	module, goVersion, toolchain := goMod(t)
	df, err := parseDockerfile(readRoot(t, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if len(df.stages) < 2 {
		t.Fatalf("want a multi-stage build, found %d stage(s)", len(df.stages))
	}
	final := df.stages[len(df.stages)-1]

	// the final stage copies the binary out of the build stage
	var build *stage
	var binSrc, binDst string
	for _, in := range final.all("COPY") {
		from, ok := in.flags["from"]
		if !ok {
			t.Errorf("line %d: the final stage copies from the build context; it should only copy from the build stage", in.line)
			continue
		}
		words := strings.Fields(in.args)
		if len(words) != 2 {
			continue
		}
		if words[1] == "/data" || strings.HasPrefix(words[1], "/data/") {
			continue
		}
		build = df.stage(from)
		binSrc, binDst = words[0], words[1]
		if strings.HasSuffix(binDst, "/") {
			binDst += path.Base(binSrc)
		}
	}
	if build == nil {
		t.Fatal("the final stage copies no binary from a build stage")
	}

	t.Run("build image", func(t *testing.T) {
		v, ok := goVersionOfImage(build.image)
		if !ok {
			t.Fatalf("build stage image %q is not golang:<version>", build.image)
		}
		if !atLeast(v, goVersion) {
			t.Errorf("build image Go %s is older than go.mod's go %s", v, goVersion)
		}
		if toolchain != "" && !atLeast(v, toolchain) {
			t.Errorf("build image Go %s is older than go.mod's toolchain %s", v, toolchain)
		}
	})

	gb, run := findGoBuild(t, build)
	vars := build.env()
	t.Run("go build", func(t *testing.T) {
		if len(gb.packages) != 1 || gb.packages[0] != "." {
			t.Errorf("line %d: go build packages %q, want the module root \".\" (package main)", run.line, gb.packages)
		}
		cgo, ok := gb.env["CGO_ENABLED"]
		if !ok {
			cgo = vars["CGO_ENABLED"]
		}
		if cgo != "0" {
			t.Errorf("CGO_ENABLED is %q, want 0 for a static binary the distroless/static image can run", cgo)
		}
		if gb.flags["trimpath"] != "true" {
			t.Error("go build lacks -trimpath")
		}
		if gb.flags["o"] != binSrc {
			t.Errorf("go build writes %q but the final stage copies %q", gb.flags["o"], binSrc)
		}
		ld := strings.Fields(gb.flags["ldflags"])
		var xs []string
		for i := 0; i < len(ld); i++ {
			switch {
			case ld[i] == "-X" && i+1 < len(ld):
				i++
				xs = append(xs, ld[i])
			case strings.HasPrefix(ld[i], "-X="):
				xs = append(xs, strings.TrimPrefix(ld[i], "-X="))
			}
		}
		if len(xs) == 0 {
			t.Fatalf("-ldflags %q sets no version with -X", gb.flags["ldflags"])
		}
		for _, x := range xs {
			sym, val, _ := strings.Cut(x, "=")
			dot := strings.LastIndex(sym, ".")
			if dot < 0 {
				t.Errorf("-X %s: not importpath.name=value", x)
				continue
			}
			pkg, name := sym[:dot], sym[dot+1:]
			if pkg != module && !strings.HasPrefix(pkg, module+"/") {
				t.Errorf("-X %s: package %s is not in module %s", x, pkg, module)
				continue
			}
			dir := filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")))
			if !stringVar(t, dir, name) {
				t.Errorf("-X %s: %s declares no string variable %s", x, pkg, name)
			}
			if strings.Contains(val, "$") {
				v := regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`).FindStringSubmatch(val)[1]
				if _, ok := vars[v]; !ok {
					t.Errorf("-X %s: $%s is not an ARG of the build stage", x, v)
				}
			}
		}
		if !strings.Contains(gb.flags["ldflags"], module+"/cli.Version=") {
			t.Errorf("-ldflags %q does not stamp %s/cli.Version", gb.flags["ldflags"], module)
		}
	})

	t.Run("final image", func(t *testing.T) {
		img := final.image
		if i := strings.IndexAny(img, "@"); i >= 0 {
			img = img[:i]
		}
		if img != "scratch" && !strings.HasPrefix(img, "gcr.io/distroless/static") {
			t.Errorf("final image %q is neither distroless/static nor scratch", final.image)
		}
		user, ok := final.last("USER")
		if !ok {
			t.Fatal("the final stage sets no USER, so it runs as root")
		}
		u, _, _ := strings.Cut(strings.TrimSpace(user.args), ":")
		if u == "" || u == "root" || u == "0" {
			t.Errorf("USER %q is root", user.args)
		}
	})

	t.Run("entrypoint and cmd", func(t *testing.T) {
		ep, ok := final.last("ENTRYPOINT")
		if !ok {
			t.Fatal("no ENTRYPOINT")
		}
		argv, exec := execForm(ep.args)
		if !exec || len(argv) == 0 {
			t.Fatalf("ENTRYPOINT %s is not in exec form; the final image has no shell", ep.args)
		}
		if !resolves(argv[0], binDst, final.env()) {
			t.Errorf("ENTRYPOINT runs %q but the binary is copied to %q", argv[0], binDst)
		}
		cmd, ok := final.last("CMD")
		if !ok {
			t.Fatal("no CMD")
		}
		if argv, exec := execForm(cmd.args); !exec || len(argv) != 1 || argv[0] != "serve" {
			t.Errorf("CMD %s, want [\"serve\"]", cmd.args)
		}
		hc, ok := final.last("HEALTHCHECK")
		if !ok {
			t.Fatal("no HEALTHCHECK")
		}
		kw, rest, _ := strings.Cut(hc.args, " ")
		argv, exec = execForm(rest)
		if !strings.EqualFold(kw, "CMD") || !exec || len(argv) != 2 {
			t.Fatalf("HEALTHCHECK %s, want CMD [\"footnote\", \"healthcheck\"] in exec form", hc.args)
		}
		if !resolves(argv[0], binDst, final.env()) || argv[1] != "healthcheck" {
			t.Errorf("HEALTHCHECK runs %q, want the binary %s with healthcheck", argv, binDst)
		}
	})

	t.Run("data volume and admin port", func(t *testing.T) {
		env := final.env()
		if env["FOOTNOTE_DATA_DIR"] != "/data" {
			t.Errorf("FOOTNOTE_DATA_DIR is %q, want /data", env["FOOTNOTE_DATA_DIR"])
		}
		var volumes []string
		for _, in := range final.all("VOLUME") {
			if argv, ok := execForm(in.args); ok {
				volumes = append(volumes, argv...)
			} else {
				volumes = append(volumes, strings.Fields(in.args)...)
			}
		}
		if !contains(volumes, "/data") {
			t.Errorf("VOLUME %q does not declare /data", volumes)
		}
		// a new volume takes the owner of the image's folder: without a
		// /data owned by the user, the nonroot user could not write to it
		user, _ := final.last("USER")
		owned := false
		for _, in := range final.all("COPY") {
			if w := strings.Fields(in.args); len(w) == 2 && strings.TrimSuffix(w[1], "/") == "/data" {
				owner, _, _ := strings.Cut(in.flags["chown"], ":")
				u, _, _ := strings.Cut(user.args, ":")
				owned = owner != "" && owner != "0" && owner != "root" && (owner == u || (u == "nonroot" && owner == "65532"))
			}
		}
		if !owned {
			t.Errorf("/data is not created owned by the USER (%s)", user.args)
		}
		addr := env["FOOTNOTE_HTTP_ADDR"]
		_, port, ok := strings.Cut(addr, ":")
		if !ok || port == "" {
			t.Fatalf("FOOTNOTE_HTTP_ADDR %q has no port", addr)
		}
		var exposed []string
		for _, in := range final.all("EXPOSE") {
			for _, p := range strings.Fields(in.args) {
				exposed = append(exposed, strings.TrimSuffix(p, "/tcp"))
			}
		}
		if !contains(exposed, port) {
			t.Errorf("EXPOSE %q lacks the admin port %s of FOOTNOTE_HTTP_ADDR", exposed, port)
		}
	})
}

// resolves reports whether running name in the image runs bin: name is bin,
// or bin's file name in a folder of PATH (Docker's default when the image
// sets none).
func resolves(name, bin string, env map[string]string) bool {
	if strings.Contains(name, "/") {
		return path.Clean(name) == path.Clean(bin)
	}
	p := env["PATH"]
	if p == "" {
		p = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	}
	for _, dir := range strings.Split(p, ":") {
		if path.Join(dir, name) == path.Clean(bin) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestDockerignore(t *testing.T) {
	rules := parseDockerignore(readRoot(t, ".dockerignore"))
	for _, p := range []string{".git", ".git/HEAD", "testdata", "testdata/eval/x.json", "corpus/testdata/a.md",
		"cli/cli.test", "data", "footnote-data", "x/footnote.db"} {
		if !ignored(rules, p) {
			t.Errorf(".dockerignore keeps %s in the build context", p)
		}
	}
	for _, p := range []string{"go.mod", "go.sum", "main.go", "cli/cli.go"} {
		if ignored(rules, p) {
			t.Errorf(".dockerignore leaves out %s, which the build needs", p)
		}
	}
	// every source file of the binary and every file it embeds stays in
	embedRE := regexp.MustCompile(`^//go:embed\s+(.+)$`)
	checked := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		if ignored(rules, rel) {
			t.Errorf(".dockerignore leaves out the source file %s", rel)
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(src), "\n") {
			m := embedRE.FindStringSubmatch(strings.TrimSpace(line))
			if m == nil {
				continue
			}
			for _, pat := range strings.Fields(m[1]) {
				pat = strings.TrimPrefix(strings.Trim(pat, "`\""), "all:")
				files, _ := filepath.Glob(filepath.Join(filepath.Dir(p), filepath.FromSlash(pat)))
				if len(files) == 0 {
					t.Errorf("%s: //go:embed %s matches nothing", rel, pat)
				}
				for _, f := range files {
					r, _ := filepath.Rel(root, f)
					checked++
					if ignored(rules, filepath.ToSlash(r)) {
						t.Errorf(".dockerignore leaves out %s, embedded by %s", r, rel)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Error("found no embedded files; the corpus and prompts are embedded")
	}
}

func TestParserReadsDockerfileSyntax(t *testing.T) {
	df, err := parseDockerfile(`# syntax=docker/dockerfile:1
ARG GO=1.26
FROM --platform=$BUILDPLATFORM golang:${GO} AS Build
ENV A=1 B="two words" \
    C=$A
ENV D=${A}0
# a comment between continued lines
RUN echo one \
  # inner comment
  && CGO_ENABLED=0 go build -o '/out/x y' ./cmd
FROM scratch
ENV LEGACY some value
COPY --from=build --chown=1:1 /out/x /x
ENTRYPOINT ["/x"]
`)
	if err != nil {
		t.Fatal(err)
	}
	b := df.stage("build")
	if b == nil || b.image != "golang:1.26" {
		t.Fatalf("stage build: %+v", b)
	}
	env := b.env()
	if env["A"] != "1" || env["B"] != "two words" || env["C"] != "$A" || env["D"] != "10" {
		t.Errorf("env %v", env)
	}
	gb, _ := findGoBuild(t, b)
	if gb.env["CGO_ENABLED"] != "0" || gb.flags["o"] != "/out/x y" || len(gb.packages) != 1 || gb.packages[0] != "./cmd" {
		t.Errorf("go build %+v", gb)
	}
	final := df.stages[1]
	if final.env()["LEGACY"] != "some value" {
		t.Errorf("legacy ENV: %v", final.env())
	}
	cp, _ := final.last("COPY")
	if cp.flags["from"] != "build" || cp.flags["chown"] != "1:1" || cp.args != "/out/x /x" {
		t.Errorf("COPY %+v", cp)
	}
	if argv, ok := execForm(`["/x", "serve"]`); !ok || len(argv) != 2 {
		t.Error("exec form")
	}
	if _, ok := execForm(`/x serve`); ok {
		t.Error("shell form read as exec form")
	}
	rules := parseDockerignore("**/testdata\n*.md\n!README.md\n/data\n")
	for p, want := range map[string]bool{"a/b/testdata/x": true, "testdata": true, "x.md": true, "README.md": false,
		"a/x.md": false, "data/x": true, "a/data": false} {
		if ignored(rules, p) != want {
			t.Errorf("ignored(%s) = %v", p, !want)
		}
	}
}
