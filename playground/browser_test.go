package playground_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/footnote-bot/footnote/cli"
	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/llm/llmtest"
	"github.com/footnote-bot/footnote/localdiscord/localdiscordtest"
)

// The browser test runs `footnote playground` as main does (cli.Run), with
// answers from the real generative pipeline talking to llmtest (a local
// OpenAI-compatible server), and drives the page in headless Chromium:
// only Discord and the model are fakes, and both are local.

// chromiumPath is the system browser the test drives.
const chromiumPath = "/usr/bin/chromium"

// browserWait bounds each wait on the page.
const browserWait = 45 * time.Second

// requireChromium skips the test without the browser, except on CI, where
// the browser test must run.
func requireChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing, and CI must run the browser test: install the chromium package (%v)", chromiumPath, err)
		}
		t.Skipf("%s is missing; install chromium (apt-get install chromium) to run the browser test", chromiumPath)
	}
}

// outputDir is where the test's screenshots go: $FOOTNOTE_TEST_OUTPUT/<test>
// when set, else a temporary folder.
func outputDir(t *testing.T) string {
	t.Helper()
	root := os.Getenv("FOOTNOTE_TEST_OUTPUT")
	if root == "" {
		return t.TempDir()
	}
	dir := filepath.Join(root, t.Name())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// urlRe finds the page's address in the command's output.
var urlRe = regexp.MustCompile(`http://127\.0\.0\.1:\d+`)

// sourceRe finds the numbered sources of an answer prompt.
var sourceRe = regexp.MustCompile(`(?s)<source n="(\d+)"[^>]*>\n(.*?)\n</source>`)

// scriptedModel answers like a well-behaved model: it quotes the first
// sentence of source 1 and cites it, and for a condensation prompt returns
// the last question. The first answer streams slowly and waits at two
// gates the test opens: before its first word (so the page shows the bot
// thinking) and before its last (so the page shows the answer streaming).
type scriptedModel struct {
	first sync.Once
	// started and streaming are the gates of the first answer.
	started, streaming chan struct{}
	openStarted        sync.Once
	openStreaming      sync.Once

	mu       sync.Mutex
	condense int
}

func newScriptedModel() *scriptedModel {
	return &scriptedModel{started: make(chan struct{}), streaming: make(chan struct{})}
}

func (m *scriptedModel) release(gate string) {
	switch gate {
	case "started":
		m.openStarted.Do(func() { close(m.started) })
	case "streaming":
		m.openStreaming.Do(func() { close(m.streaming) })
	}
}

func (m *scriptedModel) condensations() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.condense
}

func (m *scriptedModel) respond(req llmtest.ChatRequest) llmtest.Reply {
	user := req.LastUser()
	if strings.Contains(user, "<conversation>") {
		m.mu.Lock()
		m.condense++
		m.mu.Unlock()
		_, last, _ := strings.Cut(user, "Last question: ")
		return llmtest.Reply{Text: strings.TrimSpace(last)}
	}
	src := sourceRe.FindStringSubmatch(user)
	if src == nil {
		return llmtest.Reply{Text: "NOT_IN_SOURCES"}
	}
	spans := lang.Sentences(src[2])
	sentence := strings.TrimSpace(src[2])
	if len(spans) > 0 {
		sentence = strings.TrimSpace(src[2][spans[0].Start:spans[0].End])
	}
	reply := llmtest.Reply{Text: sentence + " [" + src[1] + "]"}
	m.first.Do(func() {
		last := len(llmtest.Tokens(reply.Text)) - 1
		// a model's pace: the bot edits at most once a second, so the
		// answer must take longer than that to show streaming edits
		reply.ChunkDelay = 60 * time.Millisecond
		reply.BeforeChunk = func(ctx context.Context, i int) {
			var gate chan struct{}
			switch i {
			case 0:
				gate = m.started
			case last:
				gate = m.streaming
			default:
				return
			}
			select {
			case <-gate:
			case <-ctx.Done():
			}
		}
	})
	return reply
}

// articleURL is where the test's copy of the built-in article says it was
// published; the page links to it and must not load it.
const articleURL = "https://apnews.com/article/ecuador-mexico-embassy-raid-glas"

// linkedCorpus writes the built-in article to a folder, with its URL in
// the front matter (the built-in copy has none), so citations link to it.
func linkedCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(corpus.Builtin(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !corpus.Supported(p) {
			return err
		}
		data, err := fs.ReadFile(corpus.Builtin(), p)
		if err != nil {
			return err
		}
		text := strings.Replace(string(data), "\nsource:", "\nurl: "+articleURL+"\nsource:", 1)
		return os.WriteFile(filepath.Join(dir, path.Base(p)), []byte(text), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// startPlayground runs `footnote playground` with args through cli.Run and
// returns the URL it prints. The command stops at the end of the test and
// must return without error.
func startPlayground(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	lw := localdiscordtest.NewLogWriter(t)
	args = append([]string{"playground", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir()}, args...)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := cli.Run(ctx, args, func(k string) string { return env[k] }, pw, lw)
		pw.Close()
		done <- err
	}()
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lw.Logf("stdout: %s", sc.Text())
			if u := urlRe.FindString(sc.Text()); u != "" {
				select {
				case urls <- u:
				default:
				}
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("footnote playground: %v", err)
			}
		case <-time.After(browserWait):
			t.Error("footnote playground did not stop")
		}
	})
	select {
	case u := <-urls:
		return u
	case err := <-done:
		t.Fatalf("footnote playground stopped: %v", err)
	case <-time.After(browserWait):
		t.Fatal("footnote playground printed no URL")
	}
	return ""
}

// browser is a headless Chromium tab on the playground, with what it saw:
// every request it sent and every error the page logged.
type browser struct {
	t   *testing.T
	ctx context.Context
	out string
	n   int

	mu       sync.Mutex
	requests []string
	problems []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	lw := localdiscordtest.NewLogWriter(t)
	b := &browser{t: t, out: outputDir(t)}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithListener(b.listen), chromedp.WithErrorf(func(f string, a ...any) { lw.Logf("chromedp: "+f, a...) }))
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	b.ctx = ctx
	// The first run starts the browser and opens the tab, which live as
	// long as the context it gets: this one, not a wait's.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

// listen records requests and page errors. It runs in chromedp's loop: it
// must return at once and run no command.
func (b *browser) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		b.problems = append(b.problems, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			b.problems = append(b.problems, fmt.Sprintf("console %s: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	}
}

// do runs actions, failing the test on error.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserWait)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
		b.t.Fatalf("%s: %v", what, err)
	}
}

// wait polls a JavaScript condition on every change of the page until it
// holds; it fails the test with a screenshot if it does not in time.
func (b *browser) wait(what, cond string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserWait)
	defer cancel()
	expr := "(() => { try { return !!(" + cond + "); } catch (e) { return false; } })()"
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingMutation(), chromedp.WithPollingTimeout(browserWait)))
	if err != nil {
		b.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
		b.t.Fatalf("waiting for %s (%s): %v", what, cond, err)
	}
}

// eval evaluates an expression and decodes its value.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserWait)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// shot saves a screenshot of the viewport as NN-name.png.
func (b *browser) shot(name string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserWait)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return ""
	}
	b.n++
	p := filepath.Join(b.out, fmt.Sprintf("%02d-%s.png", b.n, name))
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		b.t.Errorf("save screenshot: %v", err)
	}
	return p
}

// open loads the page.
func (b *browser) open(url string) {
	b.t.Helper()
	b.do("open "+url, chromedp.Navigate(url))
}

// click clicks the element a CSS selector finds, with the mouse as a
// person would: it waits for the element to show, scrolls it into view and
// presses at its centre. The page redraws a message whenever it changes,
// so the element is found at the moment of the click, not held on to.
func (b *browser) click(what, selector string) {
	b.t.Helper()
	find := `document.querySelector(` + js(selector) + `)`
	b.wait(what, find+` && `+find+`.offsetWidth > 0`)
	xy := eval[[]float64](b, `(() => { const e = `+find+`; e.scrollIntoView({block: 'center'});
		const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()`)
	b.do(what, chromedp.MouseClickXY(xy[0], xy[1]))
}

// send types a line into the composer and presses Enter.
func (b *browser) send(text string) {
	b.t.Helper()
	b.click("the composer", "#composer-input")
	b.do("type "+text, chromedp.KeyEvent(text+"\r"))
}

// js quotes a Go string as a JavaScript string literal.
func js(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
}

// Page conditions, as JavaScript expressions.
const (
	jsMessages = `[...document.querySelectorAll('#messages article.msg')]`
	// jsAsk is the response to /ask.
	jsAsk = jsMessages + `.find(a => (a.querySelector('.msg-interaction .cmd') || {}).textContent === '/ask')`
)

func TestBrowserPlayground(t *testing.T) {
	requireChromium(t)
	model := newScriptedModel()
	llm := llmtest.NewServer(llmtest.WithResponder(model.respond))
	t.Cleanup(llm.Close)
	t.Cleanup(func() { model.release("started"); model.release("streaming") }) // never leave the bot waiting
	base := startPlayground(t, map[string]string{
		"OPENAI_BASE_URL":         llm.URL(),
		"FOOTNOTE_CHAT_MODEL":     "scripted",
		"FOOTNOTE_API_EMBEDDINGS": "false",
		"FOOTNOTE_LOG_LEVEL":      "info",
	}, "--corpus", linkedCorpus(t))
	b := newBrowser(t)

	// The channel, as a member.
	b.open(base + "/")
	b.wait("the live channel", `document.body.dataset.connection === 'live' && document.getElementById('me-name').textContent === 'Member'`)
	b.shot("channel")

	// /ask: thinking, then the answer streaming in, then the cited answer.
	b.send("/ask Who was arrested at the Mexican embassy?")
	b.wait("footnote thinking", jsAsk+`.querySelector('.msg-thinking')`)
	b.shot("thinking")
	model.release("started")
	b.wait("the answer streaming", jsAsk+`.classList.contains('streaming') && `+jsAsk+`.querySelector('.msg-content').textContent.includes('QUITO')`)
	b.shot("streaming")
	model.release("streaming")
	b.wait("the cited answer", `(() => { const a = `+jsAsk+`;
		return !a.classList.contains('streaming') && a.querySelector('.embed-title').textContent === 'Sources'
			&& a.querySelector('.msg-content').textContent.includes('[1]')
			&& a.querySelector('.embed-field-name').textContent.startsWith('[1]')
			&& a.querySelector('.embed-field-value a.md-link').href === `+js(articleURL)+`
			&& a.querySelector('.embed-footer').textContent.includes('every citation checked')
			&& a.querySelector('button[data-custom-id="footnote:pin"]'); })()`)
	answerID := eval[string](b, jsAsk+`.dataset.id`)
	b.shot("answer")

	// A member may not pin: a private refusal.
	pin := `#msg-` + answerID + ` button[data-custom-id="footnote:pin"]`
	b.click("Pin, as the member", pin)
	b.wait("the private refusal", jsMessages+`.some(a => a.classList.contains('ephemeral')
		&& a.textContent.includes('Only moderators can pin') && a.querySelector('.ephemeral-note').textContent.includes('Only you can see this'))`)
	b.shot("member-cannot-pin")

	// The moderator does not see the member's refusal, and pins.
	b.click("the moderator", `#user-switch button[data-role="moderator"]`)
	b.wait("the moderator's view", `document.getElementById('me-name').textContent === 'Moderator'
		&& document.body.dataset.connection === 'live' && document.getElementById('msg-`+answerID+`')
		&& !`+jsMessages+`.some(a => a.classList.contains('ephemeral'))`)
	b.click("Pin, as the moderator", pin)
	b.wait("the pin", `document.getElementById('pins-count').textContent === '1'
		&& `+jsMessages+`.some(a => a.classList.contains('system') && a.textContent.includes('pinned'))
		&& `+jsMessages+`.some(a => a.classList.contains('ephemeral') && a.textContent.includes('Pinned.'))`)
	b.click("the pinned messages button", "#pins-button")
	b.wait("the pinned panel", `(() => { const p = document.querySelector('#pins-list article[data-id="`+answerID+`"]');
		return !document.getElementById('pins-panel').hidden && p && p.querySelector('.embed-footer').textContent.includes('Pinned by Moderator'); })()`)
	b.shot("pinned")
	b.click("the pinned messages button", "#pins-button")

	// A mention opens a thread; a follow-up there is answered with the
	// conversation in mind.
	b.send("@footnote Why did Mexico break diplomatic ties with Ecuador?")
	b.wait("the thread", jsMessages+`.some(a => a.querySelector('.md-mention') && a.querySelector('.msg-thread'))`)
	b.click("the thread", "#messages .msg-thread")
	jsThreadAnswers := jsMessages + `.filter(a => !a.classList.contains('starter') && a.querySelector('.embed-title') && a.querySelector('.embed-title').textContent === 'Sources' && !a.classList.contains('streaming'))`
	b.wait("the answer in the thread", `document.getElementById('chat-icon').textContent === '🧵' && `+jsThreadAnswers+`.length === 1`)
	b.send("What happened to him after the raid?")
	b.wait("the follow-up's answer", jsThreadAnswers+`.length === 2 && `+jsMessages+`.some(a => a.textContent.includes('What happened to him'))`)
	if model.condensations() == 0 {
		t.Error("the follow-up was not condensed with the thread's history")
	}
	b.shot("thread")

	// Text is text: markup in a message is shown, not run.
	b.click("#general", "#channel-list button.channel.text")
	hostile := `<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> **bold** [x](javascript:alert(1))`
	b.send(hostile)
	b.wait("the hostile message as text", jsMessages+`.some(a => { const c = a.querySelector('.msg-content');
		return c && c.textContent.includes('<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> bold [x](javascript:alert(1))') && c.querySelector('strong'); })`)
	if n := eval[int](b, `document.querySelectorAll('#messages img, #messages script, #messages a[href^="javascript"]').length`); n != 0 {
		t.Errorf("%d elements made from a message's markup", n)
	}
	if v := eval[bool](b, `window.pwned === undefined`); !v {
		t.Error("a message's markup ran")
	}
	b.shot("escaping")
	checkMarkdown(t, b)

	// Nothing was requested from anywhere but the playground.
	b.mu.Lock()
	requests, problems := append([]string(nil), b.requests...), append([]string(nil), b.problems...)
	b.mu.Unlock()
	if len(requests) < 5 {
		t.Errorf("only %d requests recorded: %v", len(requests), requests)
	}
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil {
			t.Errorf("request to %q: %v", r, err)
			continue
		}
		if u.Scheme == "data" {
			continue
		}
		if h := u.Hostname(); h != "127.0.0.1" && h != "localhost" {
			t.Errorf("the page requested %s", r)
		}
	}
	for _, p := range problems {
		t.Errorf("page error: %s", p)
	}
	t.Logf("%d requests, all to 127.0.0.1; screenshots in %s", len(requests), b.out)
}

// checkMarkdown runs the page's markdown renderer on a table of inputs.
func checkMarkdown(t *testing.T, b *browser) {
	t.Helper()
	link := `<a class="md-link" href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow" title="https://example.com/a?b=1&amp;c=2">`
	cases := []struct{ in, want string }{
		{`<script>alert(1)</script>`, `<div class="md-p">&lt;script&gt;alert(1)&lt;/script&gt;</div>`},
		{`<img src=x onerror=alert(1)>`, `<div class="md-p">&lt;img src=x onerror=alert(1)&gt;</div>`},
		{"**b** *i* __u__ ~~s~~ `c<b>`", `<div class="md-p"><strong>b</strong> <em>i</em> <u>u</u> <s>s</s> <code class="md-code">c&lt;b&gt;</code></div>`},
		{"> quoted **q**\n-# small", `<blockquote class="md-quote"><div class="md-p">quoted <strong>q</strong></div></blockquote><div class="md-subtext">small</div>`},
		{`[article](https://example.com/a?b=1&c=2)`, `<div class="md-p">` + link + `article</a></div>`},
		{`[<b>x</b>](https://example.com/a?b=1&c=2)`, `<div class="md-p">` + link + `&lt;b&gt;x&lt;/b&gt;</a></div>`},
		{`[x](javascript:alert(1))`, `<div class="md-p">[x](javascript:alert(1))</div>`},
		{`[x](data:text/html,hi)`, `<div class="md-p">[x](data:text/html,hi)</div>`},
		{`\*not italic\* \[1\] \> \# snake_case_name`, `<div class="md-p">*not italic* [1] &gt; # snake_case_name</div>`},
		{"line one\nline two", `<div class="md-p">line one<br>line two</div>`},
		{"```\n<b>code</b>\n```", `<pre class="md-codeblock"><code>&lt;b&gt;code&lt;/b&gt;</code></pre>`},
		{`"quotes" & 'apostrophes'`, `<div class="md-p">"quotes" &amp; 'apostrophes'</div>`},
	}
	for _, c := range cases {
		got := eval[string](b, `window.footnoteMarkdown.toHTML(`+js(c.in)+`)`)
		if got != c.want {
			t.Errorf("markdown %q:\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}
