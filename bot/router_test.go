package bot

import (
	"context"
	"testing"
)

func TestRouterComponents(t *testing.T) {
	t.Parallel()
	named := func(name string) handler {
		return func(context.Context, *Interaction) error { return tell(name, nil) }
	}
	rt := newRouter()
	rt.component("footnote:pin", named("pin"))
	rt.component("footnote:forget:*", named("forget"))
	rt.component("footnote:forget:#*", named("forget hashed"))
	rt.component("footnote:forget-cancel", named("cancel"))
	for _, c := range []struct{ id, want string }{
		{"footnote:pin", "pin"},
		{"footnote:pin:extra", ""},
		{"footnote:forget:doc-1", "forget"},
		{"footnote:forget:", "forget"},
		{"footnote:forget:#abc", "forget hashed"}, // the longer pattern wins
		{"footnote:forget-cancel", "cancel"},
		{"footnote:forget", ""},
		{"", ""},
	} {
		h, ok := rt.componentHandler(c.id)
		got := ""
		if ok {
			got = h(context.Background(), nil).(*userError).msg
		}
		if got != c.want {
			t.Errorf("%q routed to %q, want %q", c.id, got, c.want)
		}
	}
}

func TestRouterCommands(t *testing.T) {
	t.Parallel()
	rt := newRouter()
	rt.command("ask", func(context.Context, *Interaction) error { return nil })
	if _, ok := rt.commandHandler("ask"); !ok {
		t.Error("ask is not routed")
	}
	for _, name := range []string{"Ask", "ask ", ""} {
		if _, ok := rt.commandHandler(name); ok {
			t.Errorf("%q is routed", name)
		}
	}
}

func TestBucketSlotsNeverShared(t *testing.T) {
	t.Parallel()
	var bs bucketSlots
	a, b := bs.take(), bs.take()
	if a == b {
		t.Fatalf("two open interactions share bucket %d", a)
	}
	bs.give(a)
	c := bs.take()
	if c != a {
		t.Errorf("took %d, want the freed %d reused", c, a)
	}
	bs.give(b)
	bs.give(c)
	// the slot freed longest ago comes first
	if d := bs.take(); d != b {
		t.Errorf("took %d, want %d (freed first)", d, b)
	}
	if bs.n != 2 {
		t.Errorf("%d buckets for at most two open interactions", bs.n)
	}
}

func TestInteractionClosesOnceAfterEveryHold(t *testing.T) {
	t.Parallel()
	closed := 0
	in := newInteraction(slash("1", "ask", 0), &recorder{}, func() { closed++ })
	r1 := in.hold()
	r2 := in.hold()
	in.release() // the handler returns
	r1()
	r1() // a second call of one release does nothing
	if closed != 0 {
		t.Fatalf("closed with a hold left")
	}
	r2()
	if closed != 1 {
		t.Errorf("closed %d times, want once", closed)
	}
}
