package localdiscord

import (
	"encoding/json"
	"slices"
)

// This file holds the interaction callback and the interaction webhook
// routes (original response and followups). They authenticate by the
// interaction token in the path, not by the bot token. Handlers run with
// s.mu held.

// callbackRequest is the body of POST /interactions/{id}/{token}/callback.
type callbackRequest struct {
	Type *int            `json:"type"`
	Data json.RawMessage `json:"data"`
}

func (s *Server) interactionCallback(c *restCall) (reply, error) {
	in, err := s.callbackTarget(c)
	if err != nil {
		return reply{}, err
	}
	typ, data, err := decodeCallback(c)
	if err != nil {
		return reply{}, err
	}
	original, err := s.callbackMessage(c, in, typ, data)
	if err != nil {
		return reply{}, err
	}
	s.acknowledgeLocked(c, in, typ, original)
	if !c.boolQuery("with_response") {
		return noContent()
	}
	return ok(s.callbackResponse(in, original))
}

// callbackTarget is the interaction a callback acknowledges, if it can
// still be: known, with its token, not yet acknowledged, within the
// acknowledgement window.
func (s *Server) callbackTarget(c *restCall) (*interaction, error) {
	in := s.st.interactions[c.params["interaction_id"]]
	if in == nil || in.token != c.params["interaction_token"] {
		return nil, errUnknown(CodeUnknownInteraction)
	}
	if in.acked {
		in.rejected++
		return nil, errBadRequest(CodeAlreadyAcknowledged)
	}
	if timeout := s.opts.InteractionAckTimeout; timeout > 0 && c.now.Sub(in.dispatched) > timeout {
		in.rejected++
		s.logf("localdiscord: interaction %s acknowledged after %v (limit %v)", in.id, c.now.Sub(in.dispatched), timeout)
		return nil, errUnknown(CodeUnknownInteraction)
	}
	return in, nil
}

// decodeCallback reads a callback's type and its data object.
func decodeCallback(c *restCall) (int, map[string]json.RawMessage, error) {
	var req callbackRequest
	if err := c.decode(&req); err != nil {
		return 0, nil, err
	}
	if req.Type == nil {
		return 0, nil, errForm("type", "BASE_TYPE_REQUIRED", "This field is required")
	}
	var data map[string]json.RawMessage
	if len(req.Data) > 0 && string(req.Data) != "null" {
		if err := json.Unmarshal(req.Data, &data); err != nil {
			return 0, nil, errForm("data", "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
		}
	}
	return *req.Type, data, nil
}

// callbackMessage is the message a callback of type typ creates or
// updates (nil for a modal), checked but not yet stored.
func (s *Server) callbackMessage(c *restCall, in *interaction, typ int, data map[string]json.RawMessage) (*message, error) {
	invalidType := errForm("type", "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid interaction response type")
	switch typ {
	case CallbackChannelMessageWithSource, CallbackDeferredChannelMessage:
		return s.responseMessage(c, in, typ, data)
	case CallbackDeferredUpdateMessage, CallbackUpdateMessage:
		if in.typ != InteractionTypeMessageComponent {
			return nil, invalidType
		}
		target := s.st.messages[in.messageID]
		if target == nil || target.deleted {
			return nil, errUnknown(CodeUnknownMessage)
		}
		if typ == CallbackUpdateMessage {
			if err := s.applyEdit(c, target, data, 0); err != nil {
				return nil, err
			}
		}
		return target, nil
	case CallbackModal:
		// Recorded only: the modal's submission is not simulated.
		return nil, nil
	default:
		return nil, invalidType
	}
}

// responseMessage is the new message of a callback that answers with one
// (at once, or "is thinking..." first).
func (s *Server) responseMessage(c *restCall, in *interaction, typ int, data map[string]json.RawMessage) (*message, error) {
	m := &message{
		channelID: in.channelID, guildID: in.guildID, authorID: s.bot.ID,
		webhookID: s.appID, applicationID: s.appID, interactionID: in.id,
		typ: responseMessageType(in),
	}
	if err := s.applyFields(m, data, interactionFlagsMask); err != nil {
		return nil, err
	}
	s.attachUploads(m, c)
	if typ == CallbackDeferredChannelMessage {
		// The "is thinking..." message: only the ephemeral flag of the
		// deferral matters; content arrives with the edit.
		m.flags = m.flags&MessageFlagEphemeral | MessageFlagLoading
		m.content, m.embeds, m.components, m.mentions, m.attachments = "", nil, nil, nil, nil
	}
	if err := checkMessage(m); err != nil {
		return nil, err
	}
	return m, nil
}

// acknowledgeLocked records the acknowledgement, stores or updates its
// message and tells subscribers.
func (s *Server) acknowledgeLocked(c *restCall, in *interaction, typ int, original *message) {
	in.acked = true
	in.ackType = typ
	in.ackedAt = c.now
	in.ackBody = append(json.RawMessage(nil), c.body...)
	switch typ {
	case CallbackChannelMessageWithSource, CallbackDeferredChannelMessage:
		s.storeMessageLocked(original, c.now)
	case CallbackUpdateMessage:
		s.updateMessageLocked(original, c.now)
	}
	if original != nil {
		in.originalID = original.id
		in.ephemeral = original.flags&MessageFlagEphemeral != 0
	}
	s.publishAckLocked(in)
}

// callbackResponse is the body of a callback asked with_response.
func (s *Server) callbackResponse(in *interaction, original *message) map[string]any {
	resp := map[string]any{
		"interaction": map[string]any{
			"id": in.id, "type": in.typ, "activity_instance_id": nil,
			"response_message_id":        nilIfEmpty(in.originalID),
			"response_message_loading":   original != nil && original.flags&MessageFlagLoading != 0,
			"response_message_ephemeral": in.ephemeral,
		},
	}
	if original != nil {
		resp["resource"] = map[string]any{"type": in.ackType, "message": s.renderMessage(original, false)}
	}
	return resp
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// responseMessageType is the message type of an interaction's response.
func responseMessageType(in *interaction) int {
	switch {
	case in.typ == InteractionTypeApplicationCommand && in.commandType == CommandTypeChatInput:
		return MessageTypeChatInputCommand
	case in.typ == InteractionTypeApplicationCommand:
		return MessageTypeContextMenuCommand
	default:
		return MessageTypeDefault
	}
}

// webhookInteraction resolves the interaction of a webhook route.
func (s *Server) webhookInteraction(c *restCall) (*interaction, error) {
	in := s.st.byToken[c.params["webhook_token"]]
	if in == nil || c.params["webhook_id"] != s.appID {
		return nil, errUnknown(CodeUnknownWebhook)
	}
	return in, nil
}

// webhookMessage resolves the message of a webhook message route:
// "@original" or one of the interaction's followups.
func (s *Server) webhookMessage(c *restCall) (*interaction, *message, error) {
	in, err := s.webhookInteraction(c)
	if err != nil {
		return nil, nil, err
	}
	id, isOriginal := c.params["message_id"], false
	if id == "" { // the @original route has no message_id parameter
		id, isOriginal = in.originalID, true
	}
	if id == "" || (!isOriginal && id != in.originalID && !slices.Contains(in.followups, id)) {
		return in, nil, errUnknown(CodeUnknownMessage)
	}
	m := s.st.messages[id]
	if m == nil || m.deleted {
		return in, nil, errUnknown(CodeUnknownMessage)
	}
	return in, m, nil
}

func (s *Server) getWebhookMessage(c *restCall) (reply, error) {
	_, m, err := s.webhookMessage(c)
	if err != nil {
		return reply{}, err
	}
	return ok(s.renderMessage(m, false))
}

// editWebhookMessage edits the original response or a followup. Editing a
// deferred response's loading message completes it.
func (s *Server) editWebhookMessage(c *restCall) (reply, error) {
	_, m, err := s.webhookMessage(c)
	if err != nil {
		return reply{}, err
	}
	fields, err := c.fields()
	if err != nil {
		return reply{}, err
	}
	if err := s.applyEdit(c, m, fields, MessageFlagLoading); err != nil {
		return reply{}, err
	}
	s.updateMessageLocked(m, c.now)
	return ok(s.renderMessage(m, false))
}

func (s *Server) deleteWebhookMessage(c *restCall) (reply, error) {
	_, m, err := s.webhookMessage(c)
	if err != nil {
		return reply{}, err
	}
	s.deleteMessageLocked(m)
	return noContent()
}

// createFollowup posts a followup message. The interaction must have been
// acknowledged. The first followup after a deferred channel message
// replaces the loading message and keeps the deferral's ephemerality.
// Without ?wait=true the answer is 204.
func (s *Server) createFollowup(c *restCall) (reply, error) {
	in, err := s.webhookInteraction(c)
	if err != nil {
		return reply{}, err
	}
	if !in.acked {
		return reply{}, errUnknown(CodeUnknownWebhook)
	}
	fields, err := c.fields()
	if err != nil {
		return reply{}, err
	}
	var m *message
	if orig := s.st.messages[in.originalID]; in.ackType == CallbackDeferredChannelMessage && orig != nil && !orig.deleted && orig.flags&MessageFlagLoading != 0 {
		edited := *orig
		edited.flags &^= MessageFlagLoading
		delete(fields, "flags")
		if err := s.applyFields(&edited, fields, 0); err != nil {
			return reply{}, err
		}
		s.attachUploads(&edited, c)
		if err := checkMessage(&edited); err != nil {
			return reply{}, err
		}
		*orig = edited
		s.updateMessageLocked(orig, c.now)
		m = orig
	} else {
		m = &message{
			channelID: in.channelID, guildID: in.guildID, authorID: s.bot.ID,
			webhookID: s.appID, applicationID: s.appID, interactionID: in.id, typ: MessageTypeDefault,
		}
		if err := s.applyFields(m, fields, interactionFlagsMask); err != nil {
			return reply{}, err
		}
		s.attachUploads(m, c)
		if err := checkMessage(m); err != nil {
			return reply{}, err
		}
		s.storeMessageLocked(m, c.now)
		in.followups = append(in.followups, m.id)
	}
	if !c.boolQuery("wait") {
		return noContent()
	}
	return ok(s.renderMessage(m, false))
}
