package llm_test

import (
	"bufio"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/llm"
	"github.com/footnote-bot/footnote/llm/llmtest"
)

func benchChunks(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(" tok%d", i)
	}
	return out
}

// BenchmarkStreamTokenLatency measures, per token, the time from the server
// starting to write a content chunk to the onDelta callback receiving it.
// "paced" spaces chunks 1ms apart, like a fast model; "burst" writes them back to back,
// so later tokens also queue behind earlier ones.
func BenchmarkStreamTokenLatency(b *testing.B) {
	for _, tc := range []struct {
		name  string
		delay time.Duration
	}{{"paced-1ms", time.Millisecond}, {"burst", 0}} {
		b.Run(tc.name, func(b *testing.B) {
			const tokens = 32
			srv := newServer(b, llmtest.WithResponder(func(llmtest.ChatRequest) llmtest.Reply {
				return llmtest.Reply{Chunks: benchChunks(tokens), ChunkDelay: tc.delay}
			}))
			c := newClient(b, srv, nil)
			var received [][]time.Time
			b.ResetTimer()
			for b.Loop() {
				recv := make([]time.Time, 0, tokens)
				_, _, err := c.ChatStream(b.Context(), question, llm.ChatOptions{}, func(string) {
					recv = append(recv, time.Now())
				})
				if err != nil {
					b.Fatal(err)
				}
				received = append(received, recv)
			}
			b.StopTimer()

			recs := srv.Records(llmtest.Chat)
			var lat []time.Duration
			for i, recv := range received {
				writes := recs[i].ChunkWrites
				if len(writes) != len(recv) {
					b.Fatalf("op %d: %d writes, %d deltas", i, len(writes), len(recv))
				}
				for j := range recv {
					lat = append(lat, recv[j].Sub(writes[j]))
				}
			}
			slices.Sort(lat)
			var sum time.Duration
			for _, d := range lat {
				sum += d
			}
			us := func(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
			b.ReportMetric(us(sum/time.Duration(len(lat))), "mean-µs/token")
			b.ReportMetric(us(lat[len(lat)/2]), "p50-µs/token")
			b.ReportMetric(us(lat[len(lat)*99/100]), "p99-µs/token")
		})
	}
}

// BenchmarkChatStreamOverhead is one whole ChatStream call (8 chunks)
// against a server that answers at once, next to the same exchange done with
// bare net/http and a line scanner, which bounds what llm and go-openai add.
func BenchmarkChatStreamOverhead(b *testing.B) {
	srv := newServer(b, llmtest.WithResponder(func(llmtest.ChatRequest) llmtest.Reply {
		return llmtest.Reply{Chunks: benchChunks(8)}
	}))
	b.Run("llm.ChatStream", func(b *testing.B) {
		c := newClient(b, srv, nil)
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := c.ChatStream(b.Context(), question, llm.ChatOptions{}, func(string) {}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw-net/http", func(b *testing.B) {
		body := `{"model":"test-chat","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"system","content":"Answer with citations."},{"role":"user","content":"What did the article say?"}]}`
		hc := &http.Client{}
		b.ReportAllocs()
		for b.Loop() {
			req, _ := http.NewRequestWithContext(b.Context(), http.MethodPost, srv.URL()+"/chat/completions", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			sc := bufio.NewScanner(resp.Body)
			done := false
			for sc.Scan() {
				if sc.Text() == "data: [DONE]" {
					done = true
				}
			}
			resp.Body.Close()
			if !done {
				b.Fatal("no [DONE]")
			}
		}
	})
}
