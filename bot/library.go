package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/fetch"
	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/store"
	"github.com/footnote-bot/footnote/timeline"
)

// Library changes the corpus; *library.Library implements it.
type Library interface {
	AddURL(ctx context.Context, rawURL string) (*library.Added, error)
	AddFile(ctx context.Context, name string, data []byte) (*library.Added, error)
	Forget(ctx context.Context, docID string) (string, error)
	Documents() []*corpus.Document
	Timeline(focus string, limit int) []timeline.Event
}

// Custom ids of the /forget confirmation.
const (
	idForget       = "footnote:forget:"
	idForgetCancel = "footnote:forget-cancel"
)

// ingestTimeout bounds fetching and indexing one article.
const ingestTimeout = 90 * time.Second

// canManage reports whether a member may add and remove articles: Manage
// Server (or Administrator), or the configured role. A role given as an id
// (a snowflake) is matched by id only; a role given by name is matched by
// name, so a role of the same name created later would also pass: give the
// id.
func (b *Bot) canManage(s *discordgo.Session, i *discordgo.InteractionCreate) bool {
	if i.Member == nil {
		return false
	}
	if i.Member.Permissions&(permManageGuild|permAdministrator) != 0 {
		return true
	}
	if b.cfg.IngestRole == "" {
		return false
	}
	want := strings.TrimSpace(b.cfg.IngestRole)
	byID := isSnowflake(want)
	for _, id := range i.Member.Roles {
		if byID {
			if id == want {
				return true
			}
			continue
		}
		if r, err := s.State.Role(i.GuildID, id); err == nil && strings.EqualFold(r.Name, want) {
			return true
		}
	}
	return false
}

// isSnowflake reports whether s is a Discord id: 17 to 20 digits.
func isSnowflake(s string) bool {
	if len(s) < 17 || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// maxCustomID is Discord's limit on a component's custom_id.
const maxCustomID = 100

// forgetID is the custom_id of the button confirming the removal of docID:
// the id itself when it fits, else "#" and a hash of it, which
// confirmForget looks up among the documents.
func forgetID(docID string) string {
	if len(idForget)+len(docID) <= maxCustomID && !strings.HasPrefix(docID, "#") {
		return idForget + docID
	}
	return idForget + hashedID(docID)
}

func hashedID(docID string) string {
	sum := sha256.Sum256([]byte(docID))
	return "#" + hex.EncodeToString(sum[:16])
}

// forgetTarget turns the part of a confirmation's custom_id after idForget
// back into a document id; "" when no document has that hash.
func forgetTarget(docs []*corpus.Document, key string) string {
	if !strings.HasPrefix(key, "#") {
		return key
	}
	for _, d := range docs {
		if hashedID(d.ID) == key {
			return d.ID
		}
	}
	return ""
}

func (b *Bot) refuseManage(ctx context.Context, in *Interaction, what string) error {
	msg := "Only members with the Manage Server permission can " + what + "."
	if b.cfg.IngestRole != "" {
		msg = fmt.Sprintf("Only members with Manage Server or the %s role can %s.", b.cfg.IngestRole, what)
	}
	return b.replyPrivate(ctx, in, msg)
}

// slashIngest adds an article from a link or an uploaded file, for
// moderators, and shows what was added with a short cited summary.
func (b *Bot) slashIngest(ctx context.Context, in *Interaction) error {
	if !b.manages() {
		return b.replyPrivate(ctx, in, "Adding articles is not enabled on this bot.")
	}
	if !b.canManage(b.session, in.InteractionCreate) {
		return b.refuseManage(ctx, in, "add articles")
	}
	data := in.ApplicationCommandData()
	opts := options(data)
	rawURL := textOption(opts, "url")
	var att *discordgo.MessageAttachment
	if o, ok := opts["file"]; ok && data.Resolved != nil {
		att = data.Resolved.Attachments[fmt.Sprint(o.Value)]
	}
	if (rawURL == "") == (att == nil) {
		return b.replyPrivate(ctx, in, "Give either a url or a file to add.")
	}
	if err := b.deferReply(ctx, in, false); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	// fetching and indexing outlive the handler; the interaction stays open
	release := in.hold()
	go func() {
		defer release()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ingestTimeout)
		defer cancel()
		c, err := b.corpus(ctx, in.GuildID)
		if err == nil && c.Library == nil {
			err = tell("Adding articles is not enabled here.", errors.New("ingest: no library for this guild"))
		}
		if err == nil {
			err = b.ingest(ctx, in, c.Library, rawURL, att)
		}
		if err != nil {
			b.fail(ctx, in, err)
		}
	}()
	return nil
}

// ingest adds the article at rawURL or in att to lib (the corpus of the
// interaction's server) and shows what was added.
func (b *Bot) ingest(ctx context.Context, in *Interaction, lib Library, rawURL string, att *discordgo.MessageAttachment) error {
	who := userOf(in.InteractionCreate)
	source := rawURL
	var added *library.Added
	var err error
	if att != nil {
		source = att.Filename
		var body []byte
		if body, err = b.download(ctx, att); err == nil {
			added, err = lib.AddFile(ctx, att.Filename, body)
		}
	} else {
		added, err = lib.AddURL(ctx, rawURL)
	}
	if err != nil {
		return tell(ingestError(err), fmt.Errorf("ingest %s for %s: %w", source, who.ID, err))
	}
	if added.DuplicateOf != "" {
		if _, err := b.editReply(ctx, in, rendered{content: fmt.Sprintf("Already in the sources: **%s** (%s).", plain(added.Title), plain(added.ID))}); err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		return nil
	}
	rctx, rcancel := context.WithTimeout(ctx, storeTimeout)
	err = b.feedback.st.RecordIngest(rctx, store.Ingest{DocID: added.ID, Title: added.Title, Source: source, UserID: who.ID, Username: who.Username, GuildID: in.GuildID})
	rcancel()
	if err != nil {
		b.log.Warn("record ingest", "err", err)
	}
	b.log.Info("article added", "doc", added.ID, "from", source, "by", who.ID, "username", who.Username, "guild", in.GuildID, "chunks", added.Chunks)
	if _, err := b.editReply(ctx, in, renderAdded(added)); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	return nil
}

// download fetches an uploaded attachment from Discord, within the corpus
// file size limit.
func (b *Bot) download(ctx context.Context, att *discordgo.MessageAttachment) ([]byte, error) {
	if att.Size > corpus.MaxFileSize {
		return nil, fmt.Errorf("the file is %d bytes; the limit is %d", att.Size, corpus.MaxFileSize)
	}
	if !corpus.Supported(att.Filename) {
		return nil, fmt.Errorf("%s is not an article file (%s)", att.Filename, strings.Join(corpus.Extensions, ", "))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, att.URL, nil)
	if err != nil {
		return nil, fmt.Errorf("download attachment: %w", err)
	}
	resp, err := b.session.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download attachment: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download attachment: %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, corpus.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("download attachment: %w", err)
	}
	if len(body) > corpus.MaxFileSize {
		return nil, fmt.Errorf("the file is over the %d-byte limit", corpus.MaxFileSize)
	}
	return body, nil
}

// ingestError explains a failed ingest in one line.
func ingestError(err error) string {
	if errors.Is(err, fetch.ErrNotPublic) {
		return "That link does not lead to a public address; footnote only fetches public web pages."
	}
	return "Could not add the article: " + clip(err.Error(), 300)
}

// renderAdded shows a new article: its title, date and size, and a short
// cited summary.
func renderAdded(a *library.Added) rendered {
	meta := []string{}
	for _, m := range []string{plain(a.Source), plain(a.Date), fmt.Sprintf("%d passages", a.Chunks)} {
		if m != "" {
			meta = append(meta, m)
		}
	}
	head := fmt.Sprintf("📰 Added **%s** (%s)", plain(a.Title), strings.Join(meta, " · "))
	if a.Summary == nil || len(a.Summary.Points) == 0 {
		return rendered{content: clip(head, maxContent)}
	}
	r := renderSummary(a.Summary)
	r.content = clip(head+"\n"+r.content, maxContent)
	r.components = nil
	return r
}

// slashForget asks a moderator to confirm removing an article.
func (b *Bot) slashForget(ctx context.Context, in *Interaction) error {
	if !b.manages() {
		return b.replyPrivate(ctx, in, "Removing articles is not enabled on this bot.")
	}
	if !b.canManage(b.session, in.InteractionCreate) {
		return b.refuseManage(ctx, in, "remove articles")
	}
	c, err := b.corpus(ctx, in.GuildID)
	if err != nil {
		return fmt.Errorf("forget: %w", err)
	}
	if c.Library == nil {
		return b.replyPrivate(ctx, in, "Removing articles is not enabled here.")
	}
	want := textOption(options(in.ApplicationCommandData()), "document")
	doc := findDoc(c.Library.Documents(), want)
	if doc == nil {
		return b.replyPrivate(ctx, in, fmt.Sprintf("No article %q; /sources lists them.", want))
	}
	err = b.respond(ctx, in, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         clip(fmt.Sprintf("Remove **%s** (%s) from the sources? Answers will no longer cite it.", plain(doc.Title), plain(doc.ID)), maxContent),
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: noPings(),
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{CustomID: forgetID(doc.ID), Label: "Remove", Style: discordgo.DangerButton},
				discordgo.Button{CustomID: idForgetCancel, Label: "Cancel", Style: discordgo.SecondaryButton},
			}}},
		},
	})
	if err != nil {
		return fmt.Errorf("forget: %w", err)
	}
	return nil
}

// findDoc finds an article by id, or by title ignoring case.
func findDoc(docs []*corpus.Document, want string) *corpus.Document {
	for _, d := range docs {
		if d.ID == want {
			return d
		}
	}
	for _, d := range docs {
		if strings.EqualFold(d.Title, want) {
			return d
		}
	}
	return nil
}

// confirmForget removes the article once a moderator confirms. What
// follows idForget in the button's custom_id names it (see forgetID).
func (b *Bot) confirmForget(ctx context.Context, in *Interaction) error {
	if !b.manages() || !b.canManage(b.session, in.InteractionCreate) {
		return b.refuseManage(ctx, in, "remove articles")
	}
	c, err := b.corpus(ctx, in.GuildID)
	if err != nil {
		return fmt.Errorf("forget: %w", err)
	}
	if c.Library == nil {
		return b.refuseManage(ctx, in, "remove articles")
	}
	key := strings.TrimPrefix(in.MessageComponentData().CustomID, idForget)
	docID := forgetTarget(c.Library.Documents(), key)
	err = b.respond(ctx, in, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate})
	if err != nil {
		return fmt.Errorf("forget: %w", err)
	}
	fctx, cancel := context.WithTimeout(ctx, ingestTimeout)
	defer cancel()
	title, err := c.Library.Forget(fctx, docID)
	text := fmt.Sprintf("Removed **%s** from the sources.", plain(title))
	switch {
	case errors.Is(err, library.ErrNotFound):
		text = "That article is already gone."
	case err != nil:
		text = "Could not remove it: " + clip(err.Error(), 300)
	default:
		who := userOf(in.InteractionCreate)
		b.log.Info("article removed", "doc", docID, "by", who.ID, "username", who.Username, "guild", in.GuildID)
	}
	none := []discordgo.MessageComponent{}
	if _, err := in.Edit(ctx, &discordgo.WebhookEdit{Content: &text, Components: &none, AllowedMentions: noPings()}); err != nil {
		return fmt.Errorf("forget result: %w", err)
	}
	return nil
}

// updatePrivate answers a button press by replacing its message's text.
func (b *Bot) updatePrivate(ctx context.Context, in *Interaction, text string) error {
	err := b.respond(ctx, in, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{Content: text, Components: []discordgo.MessageComponent{}, AllowedMentions: noPings()},
	})
	if err != nil {
		return fmt.Errorf("update message: %w", err)
	}
	return nil
}

// slashTimeline posts the event's dated developments in order, each cited.
func (b *Bot) slashTimeline(ctx context.Context, in *Interaction) error {
	c, err := b.corpus(ctx, in.GuildID)
	if err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	if c.Library == nil {
		return b.replyPrivate(ctx, in, "The timeline is not enabled on this bot.")
	}
	focus := textOption(options(in.ApplicationCommandData()), "focus")
	ev := c.Library.Timeline(focus, 10)
	err = b.respond(ctx, in, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: renderTimeline(ev, focus),
	})
	if err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	return nil
}

// renderTimeline lays events out as dated lines with [n] markers and an
// embed of their sources.
func renderTimeline(ev []timeline.Event, focus string) *discordgo.InteractionResponseData {
	if len(ev) == 0 {
		msg := "The articles date no developments."
		if focus != "" {
			msg = fmt.Sprintf("The articles date nothing about %q.", focus)
		}
		return &discordgo.InteractionResponseData{Content: msg, AllowedMentions: noPings()}
	}
	var lines []string
	e := &discordgo.MessageEmbed{Title: "Sources", Color: colorAnswer, Footer: &discordgo.MessageEmbedFooter{Text: footerBrand + " · timeline"}}
	for n, x := range ev {
		lines = append(lines, fmt.Sprintf("`%s` %s [%d]", corpus.CleanLine(strings.ReplaceAll(x.Date, "`", "")), plain(clip(x.Text, 160)), n+1))
	}
	content := strings.Join(lines, "\n")
	// drop whole lines rather than cut one: each kept line keeps its marker
	for runes(content) > maxContent && len(lines) > 1 {
		lines = lines[:len(lines)-1]
		content = strings.Join(lines, "\n")
	}
	// one field per article, headed by the markers of its events: [1][2][5]
	var cs []answer.Citation
	for n, x := range ev[:len(lines)] {
		cs = append(cs, answer.Citation{N: n + 1, DocID: x.DocID, Title: x.Title, Source: x.Source, Date: x.Published, URL: x.URL})
	}
	for _, g := range byArticle(cs) {
		name, meta := "", []string{}
		for _, c := range g {
			name += fmt.Sprintf("[%d]", c.N)
		}
		for _, m := range []string{plain(g[0].Source), plain(g[0].Date)} {
			if m != "" {
				meta = append(meta, m)
			}
		}
		if l := link("article", g[0].URL); l != "" {
			meta = append(meta, l)
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name + " " + plain(g[0].Title), Value: strings.Join(meta, " · ")})
	}
	return &discordgo.InteractionResponseData{Content: clip(content, maxContent), Embeds: fitEmbeds([]*discordgo.MessageEmbed{e}), AllowedMentions: noPings()}
}
