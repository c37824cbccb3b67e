// Package pathtemplate matches REST paths against templates such as
// "/channels/{channel_id}/messages", the form used by both the local
// Discord server's routes and Discord's OpenAPI document.
package pathtemplate

import (
	"net/url"
	"strings"
)

// Split splits a path or template into its segments, ignoring leading
// and trailing slashes.
func Split(p string) []string {
	return strings.Split(strings.Trim(p, "/"), "/")
}

// Match matches concrete path segments against template segments and
// returns the path parameters by name. A parameter segment matches any
// non-empty, validly escaped segment; other segments match literally.
func Match(tmpl, segs []string) (map[string]string, bool) {
	if len(tmpl) != len(segs) {
		return nil, false
	}
	params := map[string]string{}
	for i, t := range tmpl {
		if isParam(t) {
			if segs[i] == "" {
				return nil, false
			}
			v, err := url.PathUnescape(segs[i])
			if err != nil {
				return nil, false
			}
			params[t[1:len(t)-1]] = v
			continue
		}
		if t != segs[i] {
			return nil, false
		}
	}
	return params, true
}

// MoreSpecific reports whether template a should win over template b when
// both match a path: the one with a literal segment at the first position
// where they differ, so ".../messages/@original" beats
// ".../messages/{message_id}".
func MoreSpecific(a, b []string) bool {
	for i := range min(len(a), len(b)) {
		pa, pb := isParam(a[i]), isParam(b[i])
		if pa != pb {
			return !pa
		}
	}
	return false
}

func isParam(s string) bool {
	return len(s) > 2 && s[0] == '{' && s[len(s)-1] == '}'
}
