package retrieval

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// encoder appends values to a byte slice in the segment format: unsigned
// varints for counts and offsets, length-prefixed strings, little-endian
// IEEE 754 for floats.
type encoder struct{ b []byte }

func (e *encoder) uint(v int) { e.b = binary.AppendUvarint(e.b, uint64(v)) }

func (e *encoder) str(s string) {
	e.uint(len(s))
	e.b = append(e.b, s...)
}

func (e *encoder) f32(v float32) { e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(v)) }

func (e *encoder) f32s(vs []float32) {
	for _, v := range vs {
		e.f32(v)
	}
}

// errShort is a segment that ends before its fields do.
var errShort = errors.New("truncated")

// decoder reads what encoder wrote. The first error sticks: later reads
// return zero values, and err says what went wrong. Counts are checked
// against the bytes left, so damaged input cannot make it allocate more
// than the input's size.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.b = nil
}

func (d *decoder) uint() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > math.MaxInt32 {
		d.fail(fmt.Errorf("bad count: %w", errShort))
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// count reads a count of items each taking at least size bytes.
func (d *decoder) count(size int) int {
	n := d.uint()
	if n*size > len(d.b) {
		d.fail(fmt.Errorf("count %d exceeds the %d bytes left: %w", n, len(d.b), errShort))
		return 0
	}
	return n
}

func (d *decoder) str() string {
	n := d.count(1)
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) f32() float32 {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 4 {
		d.fail(errShort)
		return 0
	}
	v := math.Float32frombits(binary.LittleEndian.Uint32(d.b))
	d.b = d.b[4:]
	return v
}

// f32s reads n floats into a new slice; a NaN or an infinity among them
// fails the decoder (a search would rank with it).
func (d *decoder) f32s(n int) []float32 {
	if d.err != nil {
		return nil
	}
	if n < 0 || n*4 > len(d.b) {
		d.fail(fmt.Errorf("%d floats exceed the %d bytes left: %w", n, len(d.b), errShort))
		return nil
	}
	out := make([]float32, n)
	var special bool
	for i := range out {
		bits := binary.LittleEndian.Uint32(d.b[4*i:])
		special = special || bits&0x7f800000 == 0x7f800000 // all-ones exponent: NaN or ±Inf
		out[i] = math.Float32frombits(bits)
	}
	if special {
		d.fail(errors.New("a float is NaN or infinite"))
		return nil
	}
	d.b = d.b[4*n:]
	return out
}

func (e *encoder) uint64(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

func (d *decoder) uint64() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail(fmt.Errorf("bad number: %w", errShort))
		return 0
	}
	d.b = d.b[n:]
	return v
}
