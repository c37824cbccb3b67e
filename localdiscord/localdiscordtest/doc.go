// Package localdiscordtest is what the tests that run a bot against
// localdiscord share (bot's end-to-end harness, the playground's, cli's
// serve harness and localdiscord's own tests): Discord's OpenAPI document
// parsed once per test binary, a log writer that falls silent when its test
// ends, the index of the built-in corpus built once, and starting a bot and
// waiting until it is ready.
//
// It is for tests only; no program links it.
package localdiscordtest
