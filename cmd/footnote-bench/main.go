// Command footnote-bench measures footnote at scale on synthetic corpora
// (internal/benchgen) and prints a Markdown table, or writes it into the
// README between its bench markers:
//
//	go build -o /tmp/footnote . && go run ./cmd/footnote-bench -bin /tmp/footnote -articles 1000,10000
//
// Per corpus size it measures, each in a fresh process of the built binary
// with its own data folder: the first build (footnote sources), a second
// start with nothing changed (footnote ask --offline), and adding one
// article (footnote ingest), with wall time and peak RSS; then, once every
// size's processes are measured (a child's peak RSS counts this
// process's), in this process, a warm question (Index.Search), the
// flat-scan floor of the same vectors, and RSS after the first load and
// after ten reloads that each add an article. Timed steps run -repeat times and report their range.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/footnote-bot/footnote/internal/benchgen"
	"github.com/footnote-bot/footnote/internal/procmem"
	"github.com/footnote-bot/footnote/retrieval"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "footnote-bench:", err)
		os.Exit(1)
	}
}

type config struct {
	bin      string
	work     string
	sizes    []int
	repeat   int
	readme   string
	inproc   bool
	question string
	profile  string
	idle     time.Duration

	repeatLarge int
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fl := flag.NewFlagSet("footnote-bench", flag.ContinueOnError)
	var c config
	var sizes string
	fl.StringVar(&c.bin, "bin", "", "the footnote binary to measure (required; go build -o it .)")
	fl.StringVar(&c.work, "work", filepath.Join(os.TempDir(), "footnote-bench"), "folder for corpora and data")
	fl.StringVar(&sizes, "articles", "1000,10000", "corpus sizes, comma-separated")
	fl.IntVar(&c.repeat, "repeat", 3, "runs of each timed step")
	fl.IntVar(&c.repeatLarge, "repeat-large", 1, "runs of each timed step for corpora of 50,000 articles or more")
	fl.StringVar(&c.readme, "readme", "", "write the table into this README between <!-- bench table start/end --> markers")
	fl.BoolVar(&c.inproc, "inprocess", true, "also measure the warm question and reloads in this process")
	fl.DurationVar(&c.idle, "idle", 62*time.Second, "how long to measure the idle watcher's CPU in footnote playground (0: not measured)")
	fl.StringVar(&c.profile, "cpuprofile", "", "write a CPU profile of the warm questions to this file")
	fl.StringVar(&c.question, "question", "Why did Mexico break diplomatic ties with Ecuador?", "the question asked")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if c.bin == "" {
		return errors.New("-bin is required: go build -o /tmp/footnote . first")
	}
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("-articles: bad size %q", s)
		}
		c.sizes = append(c.sizes, n)
	}
	// Every size's processes are measured before any in-process step: a
	// child's peak RSS (rusage) starts from this process's own peak, which
	// an index loaded here would raise (Linux counts the parent's memory
	// at exec, since Go starts children with vfork).
	rows := make([]row, len(c.sizes))
	next := make([]int, len(c.sizes))
	for i, n := range c.sizes {
		var err error
		rows[i], next[i], err = measure(ctx, c, n)
		if err != nil {
			return fmt.Errorf("%d articles: %w", n, err)
		}
	}
	for i, n := range c.sizes {
		if c.inproc {
			base := filepath.Join(c.work, strconv.Itoa(n))
			if err := measureInProcess(ctx, c, &rows[i], filepath.Join(base, "corpus"), filepath.Join(base, "data"), next[i]); err != nil {
				return fmt.Errorf("%d articles: %w", n, err)
			}
		}
		fmt.Fprintln(os.Stderr, rows[i].markdown())
	}
	table := render(rows)
	fmt.Fprint(out, table)
	if c.readme != "" {
		return intoReadme(c.readme, table)
	}
	return nil
}

// span is the range of repeated measurements.
type span struct {
	lo, hi float64
	set    bool
}

func (s span) add(v float64) span {
	if !s.set {
		return span{v, v, true}
	}
	return span{min(s.lo, v), max(s.hi, v), true}
}

func (s span) format(unit string, prec int) string {
	if !s.set {
		return "—"
	}
	if strconv.FormatFloat(s.lo, 'f', prec, 64) == strconv.FormatFloat(s.hi, 'f', prec, 64) {
		return strconv.FormatFloat(s.lo, 'f', prec, 64) + " " + unit
	}
	return strconv.FormatFloat(s.lo, 'f', prec, 64) + "–" + strconv.FormatFloat(s.hi, 'f', prec, 64) + " " + unit
}

type row struct {
	articles, chunks                 int
	build, second, add               span // seconds
	addWritten                       span // MB written by one ingest
	buildRSS, secondRSS, addRSS      span // MB
	question, floor                  span // ms
	rssFirst, rssReloads, reloadSecs span
	idleCPU                          span // % of one core
}

func (r row) markdown() string {
	return fmt.Sprintf("| %s (%s chunks) | %s | %s | %s (%s written) | %s | %s | %s / %s / %s | %s → %s (%s a reload) | %s |",
		thousands(r.articles), thousands(r.chunks), r.build.format("s", 1), r.second.format("s", 2), r.add.format("s", 2), r.addWritten.format("MB", 2),
		r.question.format("ms", 1), r.floor.format("ms", 1), r.buildRSS.format("MB", 0), r.secondRSS.format("MB", 0), r.addRSS.format("MB", 0),
		r.rssFirst.format("MB", 0), r.rssReloads.format("MB", 0), r.reloadSecs.format("s", 2), r.idleCPU.format("%", 2))
}

func render(rows []row) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Measured by `go run ./cmd/footnote-bench` on %s (%d cores, shared with other work; ranges over repeated runs) on synthetic articles of about 12 chunks (internal/benchgen):\n\n", time.Now().UTC().Format("2006-01-02"), runtime.NumCPU())
	b.WriteString("| articles | first build | second start, nothing changed (`ask`) | one article added (`ingest`) | warm question (`Index.Search`) | flat-scan floor of its vectors (one loop) | peak RSS: build / ask / ingest | RSS in `serve`: first load → after 10 reloads | idle watcher CPU (of one core) |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		b.WriteString(r.markdown() + "\n")
	}
	b.WriteString("\nFirst build: `footnote sources` on a corpus folder with an empty data folder (parse, chunk, embed locally, index, save). Second start: `footnote ask --offline` with nothing changed, process start to answer. One article added: `footnote ingest` of one new file into the folder, process start to exit, and the bytes it wrote to the data folder. Warm question: a question's hybrid search in a running process. Flat-scan floor: one goroutine's plain dot product over every chunk's vector. Reloads: the index rebuilt in a running process after each of ten added articles; RSS after the first load and after the tenth reload, each once the runtime has returned free pages (as `Live.Swap` does). Idle watcher: CPU time of `footnote playground` over a minute with nothing changing, once the index is loaded (default 2 s watch interval).\n")
	return b.String()
}

// measure times the binary on a corpus of n articles and returns the row
// so far and the next article to add.
func measure(ctx context.Context, c config, n int) (row, int, error) {
	r := row{articles: n}
	base := filepath.Join(c.work, strconv.Itoa(n))
	corpusDir := filepath.Join(base, "corpus")
	fmt.Fprintf(os.Stderr, "%d articles: writing corpus to %s\n", n, corpusDir)
	if err := benchgen.Write(corpusDir, 0, n); err != nil {
		return r, 0, err
	}
	// articles a previous run added are taken out again
	for i := n; ; i++ {
		name, _ := benchgen.Article(i)
		if os.Remove(filepath.Join(corpusDir, name)) != nil {
			break
		}
	}
	home := filepath.Join(base, "home")
	env := []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "FOOTNOTE_LOG_LEVEL=warn"}
	next := n // the next article to add
	if n >= 50_000 {
		c.repeat = c.repeatLarge
	}
	for rep := range c.repeat {
		data := filepath.Join(base, "data")
		if err := os.RemoveAll(data); err != nil {
			return r, 0, err
		}
		for i := n; i < next; i++ {
			name, _ := benchgen.Article(i)
			_ = os.Remove(filepath.Join(corpusDir, name))
		}
		next = n
		fmt.Fprintf(os.Stderr, "%d articles, run %d: first build\n", n, rep+1)
		secs, rss, err := runBin(ctx, c.bin, env, "sources", "--corpus", corpusDir, "--data-dir", data)
		if err != nil {
			return r, 0, err
		}
		r.build, r.buildRSS = r.build.add(secs), r.buildRSS.add(rss)
		fmt.Fprintf(os.Stderr, "%d articles, run %d: second start, one article added\n", n, rep+1)
		secs, rss, err = runBin(ctx, c.bin, env, "ask", "--offline", "--corpus", corpusDir, "--data-dir", data, c.question)
		if err != nil {
			return r, 0, err
		}
		r.second, r.secondRSS = r.second.add(secs), r.secondRSS.add(rss)
		name, text := benchgen.Article(next)
		next++
		src := filepath.Join(base, name)
		if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
			return r, 0, err
		}
		before := time.Now()
		secs, rss, err = runBin(ctx, c.bin, env, "ingest", "--corpus", corpusDir, "--data-dir", data, src)
		if err != nil {
			return r, 0, err
		}
		r.add, r.addRSS = r.add.add(secs), r.addRSS.add(rss)
		r.addWritten = r.addWritten.add(float64(writtenSince(data, before)) / 1e6)
	}
	if c.idle > 0 {
		fmt.Fprintf(os.Stderr, "%d articles: idle watcher\n", n)
		pct, err := idleCPU(ctx, c, env, corpusDir, filepath.Join(base, "data"))
		if err != nil {
			return r, 0, err
		}
		r.idleCPU = r.idleCPU.add(pct)
	}
	return r, next, nil
}

// idleCPU starts footnote playground on the corpus, waits until it has
// loaded its index (its CPU use falls quiet), and returns the share of one
// core it then uses over c.idle.
func idleCPU(ctx context.Context, c config, env []string, corpusDir, data string) (float64, error) {
	cmd := exec.CommandContext(ctx, c.bin, "playground", "--offline", "--addr", "127.0.0.1:0", "--corpus", corpusDir, "--data-dir", data)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	pid := cmd.Process.Pid
	last := cpuTicks(pid)
	for quiet := 0; quiet < 3; {
		time.Sleep(time.Second) // sampling a process's CPU is a timed measurement
		now := cpuTicks(pid)
		if now < 0 {
			return 0, errors.New("footnote playground exited")
		}
		if now-last <= 2 { // at most 2 ticks (20 ms) in a second
			quiet++
		} else {
			quiet = 0
		}
		last = now
	}
	start := time.Now()
	time.Sleep(c.idle)
	used := cpuTicks(pid) - last
	return 100 * float64(used) / 100 / time.Since(start).Seconds(), nil // USER_HZ is 100
}

// cpuTicks is the user and system time of a process in clock ticks, or
// -1 when it is gone.
func cpuTicks(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return -1
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return -1
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	k, _ := strconv.ParseInt(f[12], 10, 64)
	return u + k
}

// runBin runs the binary and returns its wall time in seconds and peak RSS
// in MB.
func runBin(ctx context.Context, bin string, env []string, args ...string) (float64, float64, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = io.Discard
	start := time.Now()
	err := cmd.Run()
	secs := time.Since(start).Seconds()
	if err != nil {
		return 0, 0, fmt.Errorf("footnote %s: %w: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	rss := 0.0
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = float64(u.Maxrss) / 1024 // KiB on Linux
	}
	return secs, rss, nil
}

// writtenSince sums the sizes of the files under dir modified since t.
func writtenSince(dir string, t time.Time) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil && !info.ModTime().Before(t) {
			n += info.Size()
		}
		return nil
	})
	return n
}

// measureInProcess opens the index as serve does, times questions against
// the flat-scan floor, and reloads ten times, each after adding an article.
func measureInProcess(ctx context.Context, c config, r *row, corpusDir, data string, next int) error {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	open := func() (*retrieval.Index, error) {
		docs, _, err := retrieval.LoadFolder(os.DirFS(corpusDir), corpusDir, data)
		if err != nil {
			return nil, err
		}
		ix, _, err := retrieval.Build(ctx, docs, retrieval.Options{DataDir: data, Logger: log})
		return ix, err
	}
	ix, err := open()
	if err != nil {
		return err
	}
	live := retrieval.NewLive(ix)
	r.chunks = len(ix.Chunks())
	debug.FreeOSMemory() // as Live.Swap does after every reload
	r.rssFirst = r.rssFirst.add(rssMB())
	questions := []string{c.question, "Who was arrested at the Mexican embassy?", "¿Qué dijo la canciller en Quito?", "What did the Organization of American States say?"}
	for _, q := range questions { // warm up
		if _, err := ix.Search(ctx, q, 5); err != nil {
			return err
		}
	}
	if c.profile != "" {
		f, err := os.Create(c.profile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer f.Close()
	}
	for range c.repeat {
		var times []float64
		for range 5 {
			for _, q := range questions {
				start := time.Now()
				if _, err := ix.Search(ctx, q, 5); err != nil {
					return err
				}
				times = append(times, time.Since(start).Seconds()*1000)
			}
		}
		slices.Sort(times)
		r.question = r.question.add(times[len(times)/2])
	}
	pprof.StopCPUProfile()
	// the floor: every vector, contiguous, one plain loop
	emb := retrieval.NewHashEmbedder(0)
	qv, err := emb.Embed(ctx, []string{c.question})
	if err != nil {
		return err
	}
	flat := make([]float32, 0, len(ix.Chunks())*len(qv[0]))
	for _, ch := range ix.Chunks() {
		d, err := ix.Collection().GetByID(ctx, ch.ID)
		if err != nil {
			return err
		}
		flat = append(flat, d.Embedding...)
	}
	dim := len(qv[0])
	for range c.repeat {
		var best float64
		for k := range 5 {
			start := time.Now()
			var sink float32
			for i := 0; i+dim <= len(flat); i += dim {
				var s float32
				for j, x := range flat[i : i+dim] {
					s += x * qv[0][j]
				}
				sink += s
			}
			ms := time.Since(start).Seconds() * 1000
			if k == 0 || ms < best {
				best = ms
			}
			_ = sink
		}
		r.floor = r.floor.add(best)
	}
	flat = nil
	// ten reloads, each after one more article
	var total time.Duration
	for k := range 10 {
		name, text := benchgen.Article(next + k)
		if err := os.WriteFile(filepath.Join(corpusDir, name), []byte(text), 0o644); err != nil {
			return err
		}
		start := time.Now()
		ix, err := open()
		if err != nil {
			return err
		}
		live.Swap(ix)
		total += time.Since(start)
	}
	runtime.GC()
	r.rssReloads = r.rssReloads.add(rssMB())
	r.reloadSecs = r.reloadSecs.add(total.Seconds() / 10)
	for k := range 10 {
		name, _ := benchgen.Article(next + k)
		_ = os.Remove(filepath.Join(corpusDir, name))
	}
	_ = live
	debug.FreeOSMemory()
	return nil
}

// rssMB is this process's resident set size in MB (0 where there is no
// /proc to read it from).
func rssMB() float64 {
	mb, _ := procmem.ResidentMB()
	return mb
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

const (
	startMarker = "<!-- bench table start -->"
	endMarker   = "<!-- bench table end -->"
)

// intoReadme replaces what is between the bench markers of the file.
func intoReadme(path, table string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, startMarker), strings.Index(s, endMarker)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %s … %s markers", path, startMarker, endMarker)
	}
	s = s[:i+len(startMarker)] + "\n" + table + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}
