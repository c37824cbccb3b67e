package bot

import (
	"context"
	"strings"
)

// handler handles one interaction. An error it returns goes to the one
// error path, Bot.fail, which logs it and tells the user what tell says.
type handler func(ctx context.Context, in *Interaction) error

// router picks an interaction's handler: application commands by name,
// button presses by custom ID, exactly or by a pattern ending in "*" that
// matches any custom ID with that prefix (the rest is the button's
// argument, see arg).
type router struct {
	commands map[string]handler
	exact    map[string]handler
	prefixes []prefixRoute
}

type prefixRoute struct {
	prefix string
	h      handler
}

func newRouter() *router {
	return &router{commands: map[string]handler{}, exact: map[string]handler{}}
}

// command routes the application command name to h.
func (rt *router) command(name string, h handler) { rt.commands[name] = h }

// component routes buttons whose custom ID matches pattern to h.
func (rt *router) component(pattern string, h handler) {
	if p, ok := strings.CutSuffix(pattern, "*"); ok {
		rt.prefixes = append(rt.prefixes, prefixRoute{p, h})
		return
	}
	rt.exact[pattern] = h
}

// commandHandler returns the handler of an application command.
func (rt *router) commandHandler(name string) (handler, bool) {
	h, ok := rt.commands[name]
	return h, ok
}

// componentHandler returns the handler of a custom ID: an exact route
// first, else the longest matching pattern.
func (rt *router) componentHandler(customID string) (handler, bool) {
	if h, ok := rt.exact[customID]; ok {
		return h, true
	}
	var best *prefixRoute
	for i, p := range rt.prefixes {
		if strings.HasPrefix(customID, p.prefix) && (best == nil || len(p.prefix) > len(best.prefix)) {
			best = &rt.prefixes[i]
		}
	}
	if best == nil {
		return nil, false
	}
	return best.h, true
}
