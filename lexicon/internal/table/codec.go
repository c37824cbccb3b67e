package table

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// magic opens every encoded file; the digit is the format version.
const magic = "FNLEX2\n"

// Encode writes tables to w in the lexicon format: magic, a table count,
// and per table its languages, its front-coded sorted word lists and its
// edges as varints. The caller compresses the output if it wants to.
func Encode(w io.Writer, tables ...*Table) error {
	bw := bufio.NewWriter(w)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	words := func(ws []string) error {
		uv(uint64(len(ws)))
		total := 0
		for _, s := range ws {
			total += len(s)
		}
		uv(uint64(total)) // lets the decoder size its buffer once
		prev := ""
		for i, s := range ws {
			if !valid(s) {
				return fmt.Errorf("word %q: empty or has a newline", s)
			}
			if i > 0 && s <= prev {
				return fmt.Errorf("words not sorted: %q after %q", s, prev)
			}
			n := commonPrefix(prev, s)
			uv(uint64(n))
			str(s[n:])
			prev = s
		}
		return nil
	}
	bw.WriteString(magic)
	uv(uint64(len(tables)))
	for _, t := range tables {
		str(t.From)
		str(t.To)
		if err := words(t.Keys); err != nil {
			return fmt.Errorf("table %s-%s keys: %w", t.From, t.To, err)
		}
		if t.From == t.To {
			bw.WriteByte(1)
		} else {
			bw.WriteByte(0)
			if err := words(t.Targets); err != nil {
				return fmt.Errorf("table %s-%s targets: %w", t.From, t.To, err)
			}
		}
		if len(t.Targets) > maxTargets {
			return fmt.Errorf("table %s-%s: %d targets, more than %d", t.From, t.To, len(t.Targets), maxTargets)
		}
		uv(uint64(len(t.Edges)))
		for i := range t.Keys {
			es := t.Edges[t.Start[i]:t.Start[i+1]]
			uv(uint64(len(es)))
			for _, e := range es {
				uv(uint64(e >> 8))
				bw.WriteByte(byte(e))
			}
		}
	}
	return bw.Flush()
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// maxWordLen bounds the announced length of a word list, so corrupt data
// cannot ask for a huge buffer.
const maxWordLen = 1 << 10

// errShort is returned when the data ends inside a value.
var errShort = errors.New("data ends early")

// decoder reads varints and strings from a byte slice, remembering the
// first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uv() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.err = errShort
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) bytes(n uint64) []byte {
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.err = errShort
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

// count reads a length and checks that at least min bytes per item remain,
// so corrupt data cannot ask for a huge allocation.
func (d *decoder) count(min int) int {
	n := d.uv()
	if d.err == nil && n > uint64(len(d.b)/min) {
		d.err = fmt.Errorf("count %d larger than the data left", n)
		return 0
	}
	return int(n)
}

// words reads a front-coded sorted word list. All words share one backing
// string, so a list costs one allocation besides its slice.
func (d *decoder) words() []string {
	n := d.count(2)
	total := d.uv()
	if d.err != nil {
		return nil
	}
	if total > uint64(n)*maxWordLen {
		d.err = fmt.Errorf("%d words of %d bytes in all", n, total)
		return nil
	}
	var all strings.Builder
	all.Grow(int(total))
	ends := make([]int, n)
	prev := ""
	for i := range n {
		shared := d.uv()
		suffix := d.bytes(d.uv())
		if d.err != nil {
			return nil
		}
		if shared > uint64(len(prev)) {
			d.err = fmt.Errorf("word %d shares %d bytes with a word of %d", i, shared, len(prev))
			return nil
		}
		start := all.Len()
		if uint64(start)+shared+uint64(len(suffix)) > total {
			d.err = fmt.Errorf("words longer than the %d bytes announced", total)
			return nil
		}
		all.WriteString(prev[:shared])
		all.Write(suffix)
		ends[i] = all.Len()
		// a Builder never changes bytes it has written, so cur stays valid
		// after later writes grow the buffer
		cur := all.String()[start:]
		if i > 0 && cur <= prev || !valid(cur) {
			d.err = fmt.Errorf("word %d %q out of order or empty", i, cur)
			return nil
		}
		prev = cur
	}
	s := all.String()
	out := make([]string, n)
	start := 0
	for i, end := range ends {
		out[i] = s[start:end]
		start = end
	}
	return out
}

// Decode reads tables written by Encode (uncompressed).
func Decode(data []byte) ([]*Table, error) {
	if !strings.HasPrefix(string(data[:min(len(data), len(magic))]), magic) {
		return nil, errors.New("not a lexicon table file (bad magic)")
	}
	d := &decoder{b: data[len(magic):]}
	nt := d.count(4)
	var tables []*Table
	for ti := 0; ti < nt && d.err == nil; ti++ {
		t := &Table{From: string(d.bytes(d.uv())), To: string(d.bytes(d.uv()))}
		t.Keys = d.words()
		switch d.byte() {
		case 1:
			t.Targets = t.Keys
		case 0:
			t.Targets = d.words()
		default:
			if d.err == nil {
				d.err = errors.New("bad target-list flag")
			}
		}
		if d.err != nil {
			return nil, fmt.Errorf("table %d: %w", ti, d.err)
		}
		t.Start = make([]uint32, 0, len(t.Keys)+1)
		nEdges := d.count(2)
		t.Edges = make([]uint32, 0, nEdges)
		for range t.Keys {
			t.Start = append(t.Start, uint32(len(t.Edges)))
			n := d.count(2)
			for range n {
				target, w := d.uv(), d.byte()
				if d.err != nil {
					break
				}
				if target >= uint64(len(t.Targets)) || w == 0 || w > MaxWeight {
					d.err = fmt.Errorf("edge to %d of %d targets with weight %d", target, len(t.Targets), w)
					break
				}
				t.Edges = append(t.Edges, uint32(target)<<8|uint32(w))
			}
			if d.err != nil {
				break
			}
		}
		t.Start = append(t.Start, uint32(len(t.Edges)))
		if d.err == nil && len(t.Edges) != nEdges {
			d.err = fmt.Errorf("%d edges, %d announced", len(t.Edges), nEdges)
		}
		if d.err != nil {
			return nil, fmt.Errorf("table %d (%s-%s): %w", ti, t.From, t.To, d.err)
		}
		tables = append(tables, t)
	}
	if d.err != nil {
		return nil, fmt.Errorf("table header: %w", d.err)
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%d bytes after the last table", len(d.b))
	}
	return tables, nil
}
