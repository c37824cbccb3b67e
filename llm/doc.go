// Package llm is footnote's only door to language-model APIs. It talks to any
// OpenAI-compatible server (OpenAI, Ollama, vLLM, LM Studio, ...) through
// github.com/sashabaranov/go-openai, which no other package imports.
//
// A [Client] embeds texts in bounded-concurrency batches ([Client.Embed]) and
// runs chat completions, streamed ([Client.ChatStream]) or not
// ([Client.Chat]). Every request is retried on 429, 408, 409, 5xx, per-attempt
// timeouts and connection errors, with exponential backoff and full jitter,
// honouring Retry-After, and never waiting past the caller's context
// deadline. Other 4xx responses fail at once as a [*StatusError]; 401 matches
// [ErrUnauthorized] and 429 matches [ErrRateLimited] under errors.Is.
//
// Package llm/llmtest provides a local OpenAI-compatible server for tests.
package llm
