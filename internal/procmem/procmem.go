// Package procmem reads how much memory this process holds, for the
// benchmarks and soak tests that report it.
package procmem

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// statusPath is where Linux reports the process's memory.
const statusPath = "/proc/self/status"

// ResidentMB returns this process's resident set size (VmRSS) in MiB. Where
// there is no /proc the error is the *fs.PathError of opening it; a status
// file without a readable VmRSS line is another error.
func ResidentMB() (float64, error) {
	f, err := os.Open(statusPath)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return residentMB(bufio.NewScanner(f))
}

// residentMB reads the VmRSS line ("VmRSS:  123456 kB") of a status file.
func residentMB(sc *bufio.Scanner) (float64, error) {
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			if err != nil {
				return 0, fmt.Errorf("parse VmRSS %q: %w", rest, err)
			}
			return kb / 1024, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("read %s: %w", statusPath, err)
	}
	return 0, fmt.Errorf("no VmRSS in %s", statusPath)
}
