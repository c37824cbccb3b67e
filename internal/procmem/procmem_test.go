package procmem

import (
	"bufio"
	"errors"
	"io/fs"
	"strings"
	"testing"
)

func TestResidentMBReadsVmRSS(t *testing.T) {
	tests := []struct {
		name, status string
		want         float64
		wantErr      bool
	}{
		{"kB suffix", "Name:\tx\nVmRSS:\t   2048 kB\nVmData:\t1 kB\n", 2, false},
		{"no unit", "VmRSS: 512\n", 0.5, false},
		{"missing", "Name:\tx\n", 0, true},
		{"garbled", "VmRSS: lots kB\n", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := residentMB(bufio.NewScanner(strings.NewReader(tt.status)))
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("residentMB(%q) = %v, %v; want %v, error %v", tt.status, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestResidentMBOfThisProcess(t *testing.T) {
	mb, err := ResidentMB()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		t.Skipf("no /proc: %v", err)
	}
	if err != nil || mb <= 0 {
		t.Fatalf("ResidentMB() = %v, %v; want a positive size", mb, err)
	}
}
