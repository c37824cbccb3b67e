// Package localdiscord is an in-process, Discord-compatible server for
// end-to-end tests of a real discordgo session and for the playground: a REST API (under /api/v9/ and
// /api/v10/) and a gateway websocket, both served over real HTTP on a
// local port, with state (guilds, channels, threads, messages, pins,
// application commands, interactions) that tests drive and inspect.
//
// # Connecting discordgo
//
// discordgo v0.29 keeps its endpoints in package-level variables
// ("https://discord.com/api/v9/..."), so a session is pointed at the fake
// through its HTTP client rather than by changing globals: the client's
// transport rewrites Discord's API URLs to Server.URL. The gateway needs
// no configuration: discordgo asks GET /gateway for the websocket URL and
// the fake answers with its own ws:// address.
//
//	srv, err := localdiscord.New(localdiscord.Options{Validator: spec})
//	...
//	defer srv.Close()
//	dg, err := srv.NewSession() // Client and Dialer set, token "Bot "+srv.Token()
//	dg.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages
//	err = dg.Open()
//
// The same works against any Discord-compatible server (for example one
// named by FOOTNOTE_DISCORD_API_URL):
//
//	rt, err := localdiscord.RewriteTransport("http://127.0.0.1:8080/api/v10/", nil)
//	dg.Client = &http.Client{Transport: rt}
//
// # Driving a test
//
// Build the world with AddGuild, AddChannel and AddUser; act as users
// with SendMessage, SendSlashCommand, SendComponentPress and
// SendMessageCommand, which dispatch gateway events; then wait for the
// bot's effects with WaitInteraction, WaitMessage, WaitRequest and
// WaitGatewayEvent, all bounded by a context. Fail and FailNext inject
// Discord-shaped errors (403 50013, 404 10008, 429 with retry_after);
// DropConnections, InvalidateSession and RequestReconnect exercise the
// gateway's reconnect paths.
//
// # Clients and events
//
// Client acts as one user with the permissions Discord would compute for
// them (Post, Slash, Press, MessageCommand); CommandOptions turns what a
// person typed into a registered command's typed options, and
// GuildCommands, Channels and RecentMessages list what a Discord app shows.
// Subscribe pushes every change a client would see (messages created,
// edited and deleted, ephemeral ones included; channels and threads; pins;
// acknowledgements) to a channel, in order and without polling. The
// playground package draws a Discord channel in a browser from these.
//
// # OpenAPI validation
//
// With Options.Validator every REST request is checked, and violations
// are recorded, not rejected; tests assert on them with Violations,
// ValidatedCount or Audit. Tests plug in spectest.Spec, which validates
// path and query parameters and the JSON body (or a multipart body's
// payload_json) against Discord's OpenAPI document under
// testdata/discord-api-spec. Only tests import spectest, so programs that
// embed this server (the playground) link no JSON-schema validator and run
// unvalidated. Besides the document, the server enforces Discord's own
// limits the document does not express (2000-character content,
// 6000-character embeds, empty messages, pin limit, permissions, the
// 3-second acknowledgement window).
//
// # Fidelity
//
// The fake models what the bot relies on and answers like Discord where
// it does: snowflake IDs, error codes and messages, message flags
// (ephemeral, loading), the first followup after a deferral replacing the
// loading message, threads started from a message sharing its ID, the
// pin system message, MESSAGE_CONTENT stripping for sessions without the
// intent, sharding by (guild_id >> 22) % shard_count, and resume replay.
// It does not model rate-limit buckets (only injected 429s), heartbeat
// timeouts, compression, DMs, roles and permission overwrites (the bot's
// permissions are set per channel), or attachment contents.
package localdiscord
