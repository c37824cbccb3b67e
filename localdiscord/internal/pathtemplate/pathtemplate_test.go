package pathtemplate

import (
	"maps"
	"testing"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		tmpl, path string
		want       map[string]string
		ok         bool
	}{
		{"/channels/{channel_id}/messages", "/channels/12/messages", map[string]string{"channel_id": "12"}, true},
		{"/channels/{channel_id}/messages", "/channels//messages", nil, false},
		{"/channels/{channel_id}/messages", "/channels/12/pins", nil, false},
		{"/channels/{channel_id}", "/channels/12/messages", nil, false},
		{"/webhooks/{id}/{token}", "/webhooks/1/a%2Fb", map[string]string{"id": "1", "token": "a/b"}, true},
		{"/webhooks/{id}/{token}", "/webhooks/1/%zz", nil, false},
		{"/users/@me", "/users/@me", map[string]string{}, true},
	}
	for _, c := range cases {
		got, ok := Match(Split(c.tmpl), Split(c.path))
		if ok != c.ok || (ok && !maps.Equal(got, c.want)) {
			t.Errorf("Match(%q, %q) = %v, %v; want %v, %v", c.tmpl, c.path, got, ok, c.want, c.ok)
		}
	}
}

func TestMoreSpecific(t *testing.T) {
	lit := Split("/webhooks/{id}/{token}/messages/@original")
	param := Split("/webhooks/{id}/{token}/messages/{message_id}")
	if !MoreSpecific(lit, param) {
		t.Error("a literal segment should win over a parameter")
	}
	if MoreSpecific(param, lit) {
		t.Error("a parameter should not win over a literal segment")
	}
	if MoreSpecific(lit, lit) {
		t.Error("a template is not more specific than itself")
	}
}
