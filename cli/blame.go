package cli

import (
	"errors"
	"flag"
	"strings"

	"github.com/footnote-bot/footnote/config"
)

// flagEnv maps the flags that override a setting to the setting's variable.
var flagEnv = map[string]string{
	"k":             "FOOTNOTE_K",
	"corpus":        "FOOTNOTE_CORPUS_DIR",
	"data-dir":      "FOOTNOTE_DATA_DIR",
	"offline":       "FOOTNOTE_OFFLINE",
	"allow-private": "FOOTNOTE_ALLOW_PRIVATE_FETCH",
	"guild":         "DISCORD_GUILD_ID",
}

// blameFlags turns Validate's error into a usage error that names, for each
// problem, the flag the user typed (--k) when a flag set the value, and the
// variable (FOOTNOTE_K) otherwise.
func blameFlags(fs *flag.FlagSet, err error) error {
	given := map[string]string{} // variable -> flag typed
	if fs != nil {
		fs.Visit(func(f *flag.Flag) {
			if env, ok := flagEnv[f.Name]; ok {
				given[env] = f.Name
			}
		})
	}
	var parts []string
	byFlag := true
	for _, e := range flatten(err) {
		var fe *config.FieldError
		if errors.As(e, &fe) {
			if name, ok := given[fe.Env]; ok {
				parts = append(parts, "--"+name+": "+fe.Msg)
				continue
			}
		}
		byFlag = false
		parts = append(parts, strings.ReplaceAll(e.Error(), "\n", "; "))
	}
	msg := strings.Join(parts, "; ")
	if byFlag && fs != nil {
		return usagef("%s: %s", fs.Name(), msg)
	}
	return usagef("configuration: %s", msg)
}

// flatten lists the errors an errors.Join holds, or err alone.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
