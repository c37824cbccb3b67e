package cli

import (
	"fmt"

	"github.com/footnote-bot/footnote/config"
	"github.com/footnote-bot/footnote/store"
)

// legacyState is what footnote kept in the user cache folder before 0.1.0
// that cannot be rebuilt: added articles, the votes and pins database (its
// SQLite journals move with it) and the playground's folder.
var legacyState = []string{"corpus", store.DatabaseFile, "playground"}

// migrate moves that state from the cache folder to the data folder on the
// first start after an upgrade, when both folders are the defaults (a data
// folder chosen by hand already holds everything). It says what it moved.
func (e *env) migrate() error {
	if e.cfg.DataDir != config.DefaultDataDir() || e.cfg.CacheDir != "" {
		return nil
	}
	from := config.DefaultCacheDir()
	moved, err := config.MigrateLegacy(from, e.cfg.DataDir, legacyState)
	if err != nil {
		return fmt.Errorf("move articles and state out of the cache folder: %w", err)
	}
	if len(moved) > 0 {
		e.log.Info("moved articles and state from the cache folder to the data folder", "from", from, "to", e.cfg.DataDir, "moved", moved)
	}
	return nil
}
