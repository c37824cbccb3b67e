// Package playground is footnote in a browser without a Discord account: a
// web page that looks and behaves like a Discord channel, talking to the
// real bot through localdiscord, the project's local Discord-compatible
// server (REST and gateway). The server runs here without request
// validation: Discord's OpenAPI document is checked only in tests
// (localdiscord/spectest), so the binary carries no JSON-schema validator.
//
// The page is plain HTML, CSS and JavaScript embedded in the binary; it
// loads nothing from anywhere but the handler (its Content-Security-Policy
// says so too). It speaks a small JSON API and listens to a stream of
// Server-Sent Events:
//
//	GET  /api/state?user=ID        channels, threads, recent messages, pins, users, commands
//	GET  /api/events?user=ID       text/event-stream: a "state" event, then every change
//	POST /api/messages             {"channel", "user", "content"}: post as a user
//	POST /api/commands             {"name", "options", "user", "channel"}: run a slash command
//	POST /api/press                {"message", "custom_id", "user"}: press a button
//	POST /api/message-command      {"name", "target", "user"}: run a message command
//
// Users are the World's two: a Member (view, send, read history) and a
// Moderator (also Pin Messages and Manage Server); the permissions come
// from the server, never from the request. Ephemeral messages are shown
// only to the user whose interaction they answer. Text is untrusted: the
// page renders Discord markdown by building DOM nodes, never HTML strings.
//
// Requests are accepted only with a loopback Host header (against DNS
// rebinding) unless Options.AnyHost is set, and posts only as JSON from
// the page's own origin.
package playground
