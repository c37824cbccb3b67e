package llm_test

import (
	"context"
	"fmt"

	"github.com/footnote-bot/footnote/llm"
	"github.com/footnote-bot/footnote/llm/llmtest"
)

func Example() {
	srv := llmtest.NewServer()
	defer srv.Close()
	srv.QueueReplies(llmtest.Reply{Text: "Rates rose by 0.25 points [1]."})

	c, err := llm.New(llm.Config{BaseURL: srv.URL()}) // an Ollama URL looks the same
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	vecs, err := c.Embed(ctx, []string{"central bank raises rates", "cup final tonight"})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(vecs), c.Dimension(), c.EmbedderID())

	text, usage, err := c.ChatStream(ctx, []llm.Message{
		{Role: "system", Content: "Answer from the sources, citing them as [n]."},
		{Role: "user", Content: "What happened to rates?"},
	}, llm.ChatOptions{Temperature: llm.ZeroTemperature}, func(delta string) {
		fmt.Print(delta, "|") // e.g. edit the Discord message here
	})
	fmt.Println()
	fmt.Println(text, usage.CompletionTokens, err)
	// Output:
	// 2 64 openai:text-embedding-3-small
	// Rates| rose| by| 0.25| points| [1].|
	// Rates rose by 0.25 points [1]. 6 <nil>
}
