// Package localdiscordtest is what the tests that run a bot against
// localdiscord share (bot's end-to-end harness, the playground's, cli's
// serve harness and localdiscord's own tests): Discord's OpenAPI document
// parsed once per test binary, a log writer that falls silent when its test
// ends, and the index of the built-in corpus built once.
//
// It is for tests only; no program links it.
package localdiscordtest
