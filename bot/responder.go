package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// discordResponder answers an interaction through discordgo. Its requests
// go in a rate-limit bucket of their own, as Discord counts them (per
// interaction): discordgo's InteractionResponseEdit puts every webhook edit
// of the process in one bucket, so each edit would wait for all the others
// and one answer told to slow down would hold up every answer.
//
// Requests are not cancelled with ctx: the last edit of an answer cut short
// at shutdown must still go out. The HTTP client's timeout bounds them.
type discordResponder struct {
	s    *discordgo.Session
	i    *discordgo.Interaction
	slot int
}

func (r *discordResponder) Respond(_ context.Context, resp *discordgo.InteractionResponse) error {
	uri := discordgo.EndpointInteractionResponse(r.i.ID, r.i.Token)
	_, err := r.s.RequestWithBucketID("POST", uri, *resp, r.bucket("callback"))
	return err
}

func (r *discordResponder) Edit(_ context.Context, edit *discordgo.WebhookEdit) (*discordgo.Message, error) {
	uri := discordgo.EndpointWebhookMessage(r.i.AppID, r.i.Token, "@original")
	body, err := r.s.RequestWithBucketID("PATCH", uri, edit, r.bucket("edit"))
	if err != nil {
		return nil, err
	}
	var m discordgo.Message
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("read edited message: %w", err)
	}
	return &m, nil
}

func (r *discordResponder) FollowUp(_ context.Context, params *discordgo.WebhookParams) (*discordgo.Message, error) {
	return r.s.FollowupMessageCreate(r.i, true, params)
}

func (r *discordResponder) bucket(kind string) string {
	return fmt.Sprintf("interactions/%s/%d", kind, r.slot)
}

// bucketSlots numbers the rate-limit buckets of interactions in flight.
// Discord limits each interaction on its own, so no two open interactions
// share a bucket; but discordgo keeps a bucket per key for the life of the
// process, so keyed by token a long-running bot would keep one per question
// it ever answered. An interaction takes the slot freed longest ago (its
// bucket most likely past any reset) and gives it back when closed: the
// buckets number the most interactions ever open at once.
type bucketSlots struct {
	mu   sync.Mutex
	free []int
	n    int
}

// take returns a slot no open interaction has.
func (bs *bucketSlots) take() int {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if len(bs.free) > 0 {
		s := bs.free[0]
		bs.free = bs.free[1:]
		return s
	}
	bs.n++
	return bs.n - 1
}

// give returns a slot taken with take.
func (bs *bucketSlots) give(s int) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	bs.free = append(bs.free, s)
}
