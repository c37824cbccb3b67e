package llm

import (
	"context"
	"errors"
	"fmt"
	"math"

	openai "github.com/sashabaranov/go-openai"
)

// Message is one chat message. Role is "system", "user" or "assistant".
type Message struct {
	Role    string
	Content string
}

// Usage is the token accounting the server reported; zero when it reported
// none.
type Usage struct {
	PromptTokens     int
	CompletionTokens int
}

// ChatOptions tunes one completion. The zero value leaves every setting to
// the server.
type ChatOptions struct {
	// Temperature 0 means "server default" (go-openai omits a zero value);
	// use [ZeroTemperature] to ask for (practically) 0.
	Temperature float32
	// MaxTokens caps the completion; 0 means no cap. It is sent as
	// max_tokens, or as max_completion_tokens for models go-openai knows to
	// require it (o1/o3/o4, gpt-5 and later).
	MaxTokens int
}

// ZeroTemperature requests sampling temperature (practically) 0: the smallest
// positive float32, since go-openai drops a literal 0 from the request.
const ZeroTemperature float32 = math.SmallestNonzeroFloat32

// chatRequest validates msgs and builds the go-openai request.
func (c *Client) chatRequest(msgs []Message, opts ChatOptions) (openai.ChatCompletionRequest, error) {
	if len(msgs) == 0 {
		return openai.ChatCompletionRequest{}, errors.New("no messages")
	}
	if opts.Temperature < 0 || opts.MaxTokens < 0 {
		return openai.ChatCompletionRequest{}, fmt.Errorf("negative option in %+v", opts)
	}
	om := make([]openai.ChatCompletionMessage, len(msgs))
	for i, m := range msgs {
		switch m.Role {
		case openai.ChatMessageRoleSystem, openai.ChatMessageRoleUser, openai.ChatMessageRoleAssistant:
		default:
			return openai.ChatCompletionRequest{}, fmt.Errorf("message %d: unknown role %q", i, m.Role)
		}
		om[i] = openai.ChatCompletionMessage{Role: m.Role, Content: m.Content}
	}
	req := openai.ChatCompletionRequest{
		Model:       c.cfg.ChatModel,
		Messages:    om,
		Temperature: opts.Temperature,
	}
	if opts.MaxTokens > 0 {
		capTokens(&req, opts.MaxTokens)
	}
	return req, nil
}

// capTokens caps the completion at n tokens as the model reads it:
// max_tokens, the field every OpenAI-compatible server knows (Ollama, vLLM,
// LM Studio), or max_completion_tokens for the reasoning models that
// refuse max_tokens (go-openai's validator knows them).
func capTokens(req *openai.ChatCompletionRequest, n int) {
	//lint:ignore SA1019 deprecated by OpenAI only; the other servers read nothing else
	req.MaxTokens = n
	if errors.Is(openai.NewReasoningValidator().Validate(*req), openai.ErrReasoningModelMaxTokensDeprecated) {
		//lint:ignore SA1019 cleared so that only max_completion_tokens is sent
		req.MaxTokens, req.MaxCompletionTokens = 0, n
	}
}

// Chat runs a non-streaming chat completion and returns the first choice's
// text and the usage. It retries like Embed; Config.Timeout bounds each
// attempt as a whole. An answer without choices is an error.
func (c *Client) Chat(ctx context.Context, msgs []Message, opts ChatOptions) (string, Usage, error) {
	req, err := c.chatRequest(msgs, opts)
	if err != nil {
		return "", Usage{}, fmt.Errorf("chat: %w", err)
	}
	var resp openai.ChatCompletionResponse
	err = c.withRetry(ctx, "chat", c.cfg.Timeout, func(ctx context.Context) error {
		var err error
		resp, err = c.api.CreateChatCompletion(ctx, req)
		return err
	})
	if err != nil {
		return "", Usage{}, fmt.Errorf("chat: %w", err)
	}
	if len(resp.Choices) == 0 {
		return "", Usage{}, errors.New("chat: response has no choices")
	}
	return resp.Choices[0].Message.Content, usageOf(resp.Usage), nil
}

func usageOf(u openai.Usage) Usage {
	return Usage{PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens}
}
