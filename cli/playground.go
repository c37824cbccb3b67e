package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/footnote-bot/footnote/bot"
	"github.com/footnote-bot/footnote/localdiscord"
	"github.com/footnote-bot/footnote/playground"
)

// Limits of the playground.
const (
	// playgroundRequestLog is how many REST requests the local Discord
	// remembers (it needs none; tests read them).
	playgroundRequestLog = 200
	// playgroundRetention is how many messages a channel, and how many
	// interactions the local Discord, keep: enough to scroll back, few
	// enough that a playground left running holds steady memory.
	playgroundRetention = 500
	// playgroundStopWait bounds the page server's shutdown.
	playgroundStopWait = 5 * time.Second
	// playgroundGrace bounds how long answers in flight may finish on exit.
	playgroundGrace = 5 * time.Second
)

func init() {
	register(command{name: "playground", summary: "Try the bot in a browser: a local Discord channel, no account needed.", run: runPlayground})
}

// runPlayground runs the real bot against a local Discord (localdiscord)
// and serves a page that shows its channel, until ctx ends. The bot keeps
// its votes and pins in a playground folder of the data directory, apart
// from a real bot's; /ingest and /forget change the same corpus as
// `footnote ingest`.
func runPlayground(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	addr := fs.String("addr", "127.0.0.1:8787", "address to serve the page on")
	allowRemote := fs.Bool("allow-remote", false, "allow a non-loopback --addr: anyone who reaches it can use the bot as any playground user")
	if err := parseBotFlags(e, fs, args); err != nil {
		return err
	}
	loopback, err := isLoopbackAddr(*addr)
	if err != nil {
		return usagef("playground: --addr %q: %v", *addr, err)
	}
	if !loopback && !*allowRemote {
		return usagef("playground: --addr %s is reachable from other machines; use 127.0.0.1:PORT, or add --allow-remote", *addr)
	}

	lib, ans, err := e.open(ctx)
	if err != nil {
		return err
	}
	discord, err := localdiscord.New(localdiscord.Options{
		RequestLogLimit: playgroundRequestLog,
		Retention:       playgroundRetention,
		Logf:            func(format string, args ...any) { e.log.Debug(fmt.Sprintf(format, args...)) },
	})
	if err != nil {
		return fmt.Errorf("start local discord: %w", err)
	}
	defer discord.Close()
	world, err := playground.NewWorld(discord)
	if err != nil {
		return err
	}
	b, err := e.newBot(lib, ans, func(c *bot.Config) {
		c.Token = discord.Token()
		c.GuildID = world.Guild.ID
		c.HTTPClient = discord.HTTPClient()
		c.MessageContent = true
		c.DataDir = filepath.Join(e.cfg.DataDir, "playground")
		c.ShutdownGrace = playgroundGrace
	})
	if err != nil {
		return err
	}

	runCtx, stopBot := context.WithCancel(ctx)
	defer stopBot()
	botDone := make(chan error, 1)
	go func() { botDone <- b.Run(runCtx) }()
	select {
	case <-b.Ready():
	case err := <-botDone:
		return fmt.Errorf("playground bot stopped before it was ready: %w", err)
	case <-ctx.Done():
		stopBot()
		return <-botDone
	}
	go lib.Watch(runCtx, e.cfg.WatchInterval)

	page, err := playground.New(playground.Options{Discord: discord, World: world, Logger: e.log, AnyHost: *allowRemote})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		stopBot()
		<-botDone
		return fmt.Errorf("playground: listen on %s: %w", *addr, err)
	}
	hs := &http.Server{Handler: page, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	url := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stdout, "footnote playground: open %s (%s answers; Ctrl-C stops)\n", url, mode(ans))
	e.log.Info("playground ready", "url", url, "mode", mode(ans), "documents", len(lib.Index().Documents()))

	var runErr error
	select {
	case <-ctx.Done():
	case err := <-served:
		runErr = fmt.Errorf("playground: serve: %w", err)
	case err := <-botDone:
		botDone <- err // Run returned on its own: keep its result for below
		runErr = errors.New("playground: the bot stopped")
	}
	page.Close() // ends the event streams, which Shutdown would wait for
	sctx, cancel := context.WithTimeout(context.Background(), playgroundStopWait)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && runErr == nil {
		runErr = fmt.Errorf("playground: stop serving: %w", err)
	}
	stopBot()
	if err := <-botDone; err != nil && runErr == nil {
		runErr = err
	}
	e.log.Info("playground stopped")
	return runErr
}

// isLoopbackAddr reports whether a listen address only accepts this
// machine's connections: an explicit loopback IP or "localhost". An empty
// host (":8787") listens on every interface.
func isLoopbackAddr(addr string) (bool, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return false, err
	}
	if port == "" {
		return false, errors.New("no port")
	}
	if strings.EqualFold(host, "localhost") {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}
