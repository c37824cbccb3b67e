// Package library owns footnote's corpus while it runs: where its articles
// are (a corpus folder, or the built-in article plus those added under the
// data folder), reading them, building and saving their index, the live
// index answers are drawn from, watching the folders and reloading when
// they change, and adding or removing one article at a time (the bot's
// /ingest and /forget). Every new index is swapped in once, under one lock
// that serialises builds, changes and the watcher's looks.
package library
