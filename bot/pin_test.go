package bot

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestCanPin(t *testing.T) {
	t.Parallel()
	const (
		sendMessages int64 = 1 << 11
		viewChannel  int64 = 1 << 10
		manageRoles  int64 = 1 << 28
		kickMembers  int64 = 1 << 1
	)
	all := int64(1<<52 - 1)
	cases := []struct {
		name  string
		perms int64
		dm    bool // no member: a direct message
		want  bool
	}{
		{"no permissions", 0, false, false},
		{"an ordinary member", viewChannel | sendMessages, false, false},
		{"other moderation rights", manageRoles | kickMembers | viewChannel, false, false},
		{"PIN_MESSAGES (1<<51)", permPinMessages, false, true},
		{"PIN_MESSAGES with others", permPinMessages | sendMessages | viewChannel, false, true},
		{"MANAGE_MESSAGES (1<<13)", permManageMessages, false, true},
		{"ADMINISTRATOR (1<<3)", permAdministrator, false, true},
		{"everything but the three", all &^ (permPinMessages | permManageMessages | permAdministrator), false, false},
		{"bit 50 is not bit 51", 1 << 50, false, false},
		{"bit 52 is not bit 51", 1 << 52, false, false},
		{"no member", permPinMessages, true, false},
	}
	for _, c := range cases {
		i := &discordgo.InteractionCreate{Interaction: &discordgo.Interaction{}}
		if !c.dm {
			i.Member = &discordgo.Member{Permissions: c.perms}
		} else {
			i.User = &discordgo.User{ID: "1"}
		}
		if got := canPin(i); got != c.want {
			t.Errorf("%s: canPin = %v, want %v", c.name, got, c.want)
		}
	}
	// the bits are Discord's
	if permPinMessages != 2251799813685248 || permManageMessages != 8192 || permAdministrator != 8 {
		t.Errorf("permission bits: %d %d %d", permPinMessages, permManageMessages, permAdministrator)
	}
}

func restError(status, code int, msg string) error {
	return &discordgo.RESTError{
		Response: &http.Response{StatusCode: status},
		Message:  &discordgo.APIErrorMessage{Code: code, Message: msg},
	}
}

func TestPinError(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err  error
		want string
	}{
		{restError(400, 30003, "Maximum number of pins reached (50)"), "This channel has reached Discord's pin limit. Unpin an older message, then try again."},
		{fmt.Errorf("pin: %w", restError(400, 30003, "Maximum number of pins reached (50)")), "pin limit"},
		{restError(403, 50013, "Missing Permissions"), "footnote lacks the Pin Messages permission in this channel; ask an admin to grant it."},
		{restError(403, 50001, "Missing Access"), "lacks the Pin Messages permission"},
		{&discordgo.RESTError{Response: &http.Response{StatusCode: 403}}, "lacks the Pin Messages permission"},
		{restError(404, 10008, "Unknown Message"), "Could not pin the answer: Discord said Unknown Message (10008)."},
		{errors.New("connection reset"), "Could not pin the answer: Discord said connection reset."},
	}
	for _, c := range cases {
		if got := pinError(c.err); !strings.Contains(got, c.want) {
			t.Errorf("pinError(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
