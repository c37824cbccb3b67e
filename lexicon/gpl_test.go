//go:build !lexicon_nogpl

package lexicon_test

// withGPL tells the tests whether this build carries the GPL translation
// table.
const withGPL = true
