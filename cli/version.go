package cli

import (
	"context"
	"flag"
	"fmt"
	"runtime/debug"
)

func init() {
	register(command{name: "version", summary: "Print footnote's version.", run: runVersion, plain: true})
}

// Version is stamped at build time with -ldflags "-X ...cli.Version=...";
// when it is not, version reads the module version `go install` records.
var Version = "dev"

func runVersion(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	if err := parseNone(e, fs, args, parse, ""); err != nil {
		return err
	}
	bi, _ := debug.ReadBuildInfo()
	fmt.Fprintln(e.stdout, "footnote", version(Version, bi))
	return nil
}

// version is the stamped version, else the main module's version from the
// build information (v0.1.0 after `go install ...@v0.1.0`), else the VCS
// revision a build from a checkout records, else "dev".
func version(stamped string, bi *debug.BuildInfo) string {
	if stamped != "" && stamped != "dev" {
		return stamped
	}
	if bi == nil {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "-dirty"
	}
	return "dev-" + rev
}
