package config

import (
	"os"
	"path/filepath"
	"runtime"
)

// appName names footnote's folders inside the user's data and cache folders.
const appName = "footnote"

// DefaultDataDir is the user's data folder for footnote: $XDG_DATA_HOME or
// ~/.local/share on Unix, ~/Library/Application Support on macOS,
// %AppData% on Windows; ./footnote-data when there is no home folder.
func DefaultDataDir() string {
	if d := userDataDir(); d != "" {
		return filepath.Join(d, appName)
	}
	return "footnote-data"
}

// DefaultCacheDir is the user's cache folder for footnote (os.UserCacheDir),
// which the system or the user may empty: only rebuildable state goes there.
// It was the data folder before version 0.1.0 (see MigrateLegacy).
func DefaultCacheDir() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, appName)
	}
	return filepath.Join("footnote-data", "cache")
}

// userDataDir is the platform's folder for per-user application data, or ""
// when it cannot be found.
func userDataDir() string {
	switch runtime.GOOS {
	case "windows":
		d, _ := os.UserConfigDir() // %AppData%; the cache is %LocalAppData%
		return d
	case "darwin", "ios":
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, "Library", "Application Support")
		}
		return ""
	case "plan9":
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, "lib")
		}
		return ""
	}
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return d
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share")
	}
	return ""
}
