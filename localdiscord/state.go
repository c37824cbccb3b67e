package localdiscord

import (
	"encoding/json"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Channel types used by the server (Discord's numbering).
const (
	ChannelTypeGuildText     = 0
	ChannelTypePublicThread  = 11
	ChannelTypePrivateThread = 12
)

// Message types used by the server (Discord's numbering).
const (
	MessageTypeDefault              = 0
	MessageTypeChannelPinnedMessage = 6
	MessageTypeReply                = 19
	MessageTypeChatInputCommand     = 20
	MessageTypeContextMenuCommand   = 23
)

// Message flags the server interprets.
const (
	MessageFlagHasThread = 1 << 5
	MessageFlagEphemeral = 1 << 6
	MessageFlagLoading   = 1 << 7
)

// Permission bits the server enforces for the bot's own REST calls and
// reports in interactions.
const (
	PermissionManageMessages        int64 = 1 << 13
	PermissionViewChannel           int64 = 1 << 10
	PermissionSendMessages          int64 = 1 << 11
	PermissionEmbedLinks            int64 = 1 << 14
	PermissionReadMessageHistory    int64 = 1 << 16
	PermissionCreatePublicThreads   int64 = 1 << 35
	PermissionCreatePrivateThreads  int64 = 1 << 36
	PermissionSendMessagesInThreads int64 = 1 << 38
	PermissionPinMessages           int64 = 1 << 51

	// DefaultBotPermissions is what the bot may do in a channel unless
	// configured otherwise: everything the server checks.
	DefaultBotPermissions = PermissionManageMessages | PermissionViewChannel |
		PermissionSendMessages | PermissionEmbedLinks | PermissionReadMessageHistory |
		PermissionCreatePublicThreads | PermissionCreatePrivateThreads |
		PermissionSendMessagesInThreads | PermissionPinMessages
)

// User is a Discord user known to the server.
type User struct {
	ID         string
	Username   string
	GlobalName string
	Bot        bool
}

// Guild is a guild (server) known to the fake.
type Guild struct {
	ID      string
	Name    string
	OwnerID string
}

// Channel is a guild text channel or a thread.
type Channel struct {
	ID      string
	GuildID string
	// ParentID is the text channel a thread belongs to; empty otherwise.
	ParentID string
	Name     string
	// Type is one of the ChannelType constants.
	Type int
	// OwnerID is the user who created a thread.
	OwnerID string
	// BotPermissions is the bot's computed permission set in the channel.
	// It is enforced for the bot's REST calls and sent as app_permissions
	// in interactions. When adding a channel, zero means
	// DefaultBotPermissions (use SetBotPermissions to revoke everything);
	// threads inherit their parent's value.
	BotPermissions int64
}

// IsThread reports whether the channel is a thread.
func (c Channel) IsThread() bool {
	return c.Type == ChannelTypePublicThread || c.Type == ChannelTypePrivateThread
}

// MessageReference points at another message (replies, pin notices).
type MessageReference struct {
	MessageID string
	ChannelID string
	GuildID   string
}

// Attachment is a file uploaded with a message; only its metadata is kept.
type Attachment struct {
	ID          string
	Filename    string
	ContentType string
	Size        int
}

// Message is a snapshot of a message as the server stores it.
type Message struct {
	ID        string
	ChannelID string
	GuildID   string
	Author    User
	Content   string
	// Embeds and Components are decoded from the stored JSON with
	// discordgo's types for convenient assertions; RawEmbeds and
	// RawComponents hold exactly what was stored (JSON arrays).
	Embeds        []*discordgo.MessageEmbed
	Components    []discordgo.MessageComponent
	RawEmbeds     json.RawMessage
	RawComponents json.RawMessage
	Attachments   []Attachment
	// Flags is the message flag bitfield (MessageFlag constants).
	Flags    int
	Type     int
	Pinned   bool
	PinnedAt time.Time
	Mentions []User
	// Reference is set for replies and pin notices.
	Reference *MessageReference
	// WebhookID and ApplicationID are set on interaction responses.
	WebhookID     string
	ApplicationID string
	// InteractionID is the interaction whose response or followup this
	// message is.
	InteractionID string
	// ThreadID is the thread started from this message, if any.
	ThreadID        string
	Timestamp       time.Time
	EditedTimestamp time.Time
}

// Ephemeral reports whether the message has the ephemeral flag.
func (m Message) Ephemeral() bool { return m.Flags&MessageFlagEphemeral != 0 }

// Command is an application command registered by the bot.
type Command struct {
	ID   string
	Name string
	// Type is 1 (chat input), 2 (user) or 3 (message).
	Type    int
	GuildID string // empty for global commands
	// Raw is the command object as the server returns it.
	Raw json.RawMessage
}

// snowflakes generates Discord-style IDs: milliseconds since the Discord
// epoch in the top bits, strictly increasing.
type snowflakes struct {
	mu   sync.Mutex
	last uint64
}

const discordEpochMS = 1420070400000

func (g *snowflakes) next() string {
	return strconv.FormatUint(g.nextAt(time.Now()), 10)
}

func (g *snowflakes) nextAt(t time.Time) uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	id := uint64(t.UnixMilli()-discordEpochMS)<<22 | 1<<17
	if id <= g.last {
		id = g.last + 1
	}
	g.last = id
	return id
}

// snowflakeTime returns the creation time encoded in a snowflake.
func snowflakeTime(id string) time.Time {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.UnixMilli(int64(n>>22) + discordEpochMS).UTC()
}

// snowflakeLess orders snowflakes numerically.
func snowflakeLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// message is the stored form of a message.
type message struct {
	id, channelID, guildID string
	authorID               string
	content                string
	embeds                 json.RawMessage // JSON array
	components             json.RawMessage // JSON array
	attachments            []Attachment
	flags                  int
	typ                    int
	pinned                 bool
	pinnedAt               time.Time
	mentions               []string
	reference              *MessageReference
	webhookID              string
	applicationID          string
	interactionID          string
	threadID               string
	timestamp              time.Time
	edited                 time.Time
	deleted                bool
}

// channelState is a channel and its messages.
type channelState struct {
	Channel
	messages []string // ascending IDs, deleted ones removed
	pins     []string // in pin order, oldest first
	// archived and autoArchive are thread metadata.
	archived    bool
	autoArchive int
}

// state is everything the fake Discord knows. It is guarded by Server.mu.
type state struct {
	users        map[string]*User
	guilds       map[string]*Guild
	guildOrder   []string
	channels     map[string]*channelState
	messages     map[string]*message
	commands     map[string][]*command // by guild ID, "" for global
	interactions map[string]*interaction
	byToken      map[string]*interaction
	// interactionOrder lists interaction ids oldest first, for Retention.
	interactionOrder []string
}

func newState() *state {
	return &state{
		users:        map[string]*User{},
		guilds:       map[string]*Guild{},
		channels:     map[string]*channelState{},
		messages:     map[string]*message{},
		commands:     map[string][]*command{},
		interactions: map[string]*interaction{},
		byToken:      map[string]*interaction{},
	}
}

// guildChannels lists the channels of a guild in creation order.
func (st *state) guildChannels(guildID string) []*channelState {
	var out []*channelState
	for _, c := range st.channels {
		if c.GuildID == guildID {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *channelState) int {
		if snowflakeLess(a.ID, b.ID) {
			return -1
		}
		if a.ID == b.ID {
			return 0
		}
		return 1
	})
	return out
}

// snapshot converts a stored message into the exported form.
func (st *state) snapshot(m *message) Message {
	out := Message{
		ID:              m.id,
		ChannelID:       m.channelID,
		GuildID:         m.guildID,
		Content:         m.content,
		RawEmbeds:       slices.Clone(m.embeds),
		RawComponents:   slices.Clone(m.components),
		Attachments:     slices.Clone(m.attachments),
		Flags:           m.flags,
		Type:            m.typ,
		Pinned:          m.pinned,
		PinnedAt:        m.pinnedAt,
		WebhookID:       m.webhookID,
		ApplicationID:   m.applicationID,
		InteractionID:   m.interactionID,
		ThreadID:        m.threadID,
		Timestamp:       m.timestamp,
		EditedTimestamp: m.edited,
	}
	if u := st.users[m.authorID]; u != nil {
		out.Author = *u
	}
	for _, id := range m.mentions {
		if u := st.users[id]; u != nil {
			out.Mentions = append(out.Mentions, *u)
		}
	}
	if m.reference != nil {
		ref := *m.reference
		out.Reference = &ref
	}
	// The stored JSON was validated when it was accepted; decoding errors
	// leave the typed views empty while the raw fields stay authoritative.
	_ = json.Unmarshal(m.embeds, &out.Embeds)
	var rawComponents []json.RawMessage
	if json.Unmarshal(m.components, &rawComponents) == nil {
		for _, rc := range rawComponents {
			if c, err := discordgo.MessageComponentFromJSON(rc); err == nil {
				out.Components = append(out.Components, c)
			}
		}
	}
	return out
}
