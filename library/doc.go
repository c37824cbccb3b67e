// Package library owns footnote's corpus while it runs: where its articles
// are (a corpus folder, or the built-in article plus those added under the
// data folder), reading them, building and saving their index, the live
// index answers are drawn from, watching the folders and reloading when
// they change, and adding or removing one article at a time (the bot's
// /ingest and /forget). Every new index is swapped in once, under one lock
// that serialises builds, changes and the watcher's looks.
//
// Guilds gives every Discord server its own corpus (the base articles plus
// those its moderators added), loaded when first asked of and evicted when
// idle or beyond a bound, with vectors shared across servers by content.
package library
