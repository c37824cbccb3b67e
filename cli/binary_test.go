package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
	buildOut  []byte
)

// binary builds footnote once per test run, as a user would
// (go build -o footnote .), and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the footnote binary; skipped with -short")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "footnote-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "footnote")
		cmd := exec.Command("go", "build", "-o", builtBin, ".")
		cmd.Dir = ".."
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build: %v\n%s", buildErr, buildOut)
	}
	return builtBin
}

// TestMain removes the built binary after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// home is a fresh home folder for a binary run: HOME and the XDG folders
// point into it, and nothing of the caller's environment leaks in but PATH.
type home struct {
	dir   string
	env   []string
	data  string // footnote's data folder under XDG_DATA_HOME
	cache string // footnote's cache folder under XDG_CACHE_HOME
}

func newHome(t *testing.T) home {
	t.Helper()
	dir := t.TempDir()
	h := home{dir: dir,
		data:  filepath.Join(dir, ".local", "share", "footnote"),
		cache: filepath.Join(dir, ".cache", "footnote"),
	}
	h.env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"XDG_DATA_HOME=" + filepath.Join(dir, ".local", "share"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, ".cache"),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, ".config"),
	}
	return h
}
