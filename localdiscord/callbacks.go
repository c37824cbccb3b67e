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
	in := s.st.interactions[c.params["interaction_id"]]
	if in == nil || in.token != c.params["interaction_token"] {
		return reply{}, errUnknown(CodeUnknownInteraction)
	}
	if in.acked {
		in.rejected++
		return reply{}, errBadRequest(CodeAlreadyAcknowledged)
	}
	if timeout := s.opts.InteractionAckTimeout; timeout > 0 && c.now.Sub(in.dispatched) > timeout {
		in.rejected++
		s.logf("localdiscord: interaction %s acknowledged after %v (limit %v)", in.id, c.now.Sub(in.dispatched), timeout)
		return reply{}, errUnknown(CodeUnknownInteraction)
	}
	var req callbackRequest
	if err := c.decode(&req); err != nil {
		return reply{}, err
	}
	if req.Type == nil {
		return reply{}, errForm("type", "BASE_TYPE_REQUIRED", "This field is required")
	}
	var data map[string]json.RawMessage
	if len(req.Data) > 0 && string(req.Data) != "null" {
		if err := json.Unmarshal(req.Data, &data); err != nil {
			return reply{}, errForm("data", "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
		}
	}
	invalidType := errForm("type", "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid interaction response type")
	isComponent := in.typ == InteractionTypeMessageComponent

	var original *message
	switch *req.Type {
	case CallbackChannelMessageWithSource, CallbackDeferredChannelMessage:
		m := &message{
			channelID: in.channelID, guildID: in.guildID, authorID: s.bot.ID,
			webhookID: s.appID, applicationID: s.appID, interactionID: in.id,
			typ: responseMessageType(in),
		}
		if err := s.applyFields(m, data, interactionFlagsMask); err != nil {
			return reply{}, err
		}
		s.attachUploads(m, c)
		if *req.Type == CallbackDeferredChannelMessage {
			// The "is thinking..." message: only the ephemeral flag of the
			// deferral matters; content arrives with the edit.
			m.flags = m.flags&MessageFlagEphemeral | MessageFlagLoading
			m.content, m.embeds, m.components, m.mentions, m.attachments = "", nil, nil, nil, nil
		}
		if err := checkMessage(m); err != nil {
			return reply{}, err
		}
		original = m
	case CallbackDeferredUpdateMessage, CallbackUpdateMessage:
		if !isComponent {
			return reply{}, invalidType
		}
		target := s.st.messages[in.messageID]
		if target == nil || target.deleted {
			return reply{}, errUnknown(CodeUnknownMessage)
		}
		if *req.Type == CallbackUpdateMessage {
			edited := *target
			if err := s.applyFields(&edited, data, editableFlagsMask); err != nil {
				return reply{}, err
			}
			s.attachUploads(&edited, c)
			if err := checkMessage(&edited); err != nil {
				return reply{}, err
			}
			*target = edited
		}
		original = target
	case CallbackModal:
		// Recorded only: the modal's submission is not simulated.
	default:
		return reply{}, invalidType
	}

	in.acked = true
	in.ackType = *req.Type
	in.ackedAt = c.now
	in.ackBody = append(json.RawMessage(nil), c.body...)
	switch *req.Type {
	case CallbackChannelMessageWithSource, CallbackDeferredChannelMessage:
		s.storeMessageLocked(original, c.now)
		in.originalID = original.id
		in.ephemeral = original.flags&MessageFlagEphemeral != 0
	case CallbackUpdateMessage:
		s.updateMessageLocked(original, c.now)
		in.originalID = original.id
		in.ephemeral = original.flags&MessageFlagEphemeral != 0
	case CallbackDeferredUpdateMessage:
		in.originalID = original.id
		in.ephemeral = original.flags&MessageFlagEphemeral != 0
	}
	s.publishAckLocked(in)

	if !c.boolQuery("with_response") {
		return noContent()
	}
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
	return ok(resp)
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
	edited := *m
	edited.flags &^= MessageFlagLoading
	if err := s.applyFields(&edited, fields, editableFlagsMask); err != nil {
		return reply{}, err
	}
	s.attachUploads(&edited, c)
	if err := checkMessage(&edited); err != nil {
		return reply{}, err
	}
	*m = edited
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
