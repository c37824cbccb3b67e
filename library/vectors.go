package library

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"

	"github.com/footnote-bot/footnote/retrieval"
)

// vectorCache is an Embedder that keeps every vector its model made on
// disk, by content: a file named by a hash of the model's ID and the text.
// The same article added in two servers has the same chunk texts, so it is
// embedded once; every server's corpus shares the cache. A vector that
// cannot be read (missing, damaged, another model's) is embedded again; one
// that cannot be written is only not cached.
type vectorCache struct {
	inner retrieval.Embedder
	dir   string
}

// newVectorCache caches inner's vectors under dir.
func newVectorCache(inner retrieval.Embedder, dir string) *vectorCache {
	return &vectorCache{inner: inner, dir: dir}
}

// ID is the model's: a cached vector is the model's vector.
func (c *vectorCache) ID() string { return c.inner.ID() }

// Embed returns the cached vectors of texts and embeds the rest, in one
// call to the model.
func (c *vectorCache) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	var miss []int
	var missTexts []string
	for i, t := range texts {
		if v := c.read(t); v != nil {
			out[i] = v
			continue
		}
		miss = append(miss, i)
		missTexts = append(missTexts, t)
	}
	if len(miss) == 0 {
		return out, nil
	}
	vs, err := c.inner.Embed(ctx, missTexts)
	if err != nil {
		return nil, err
	}
	if len(vs) != len(missTexts) {
		return nil, fmt.Errorf("embed: got %d vectors for %d texts", len(vs), len(missTexts))
	}
	for j, i := range miss {
		out[i] = vs[j]
		_ = c.write(texts[i], vs[j]) // best effort: the next build embeds it again
	}
	return out, nil
}

const vectorMagic = "FNVEC\x00\x01"

// path is the file of text's vector: two levels of folders by its hash, so
// no folder holds too many files.
func (c *vectorCache) path(text string) string {
	h := sha256.New()
	h.Write([]byte(c.inner.ID()))
	h.Write([]byte{0})
	h.Write([]byte(text))
	name := hex.EncodeToString(h.Sum(nil))
	return filepath.Join(c.dir, name[:2], name[2:4], name[4:]+".vec")
}

// read returns text's cached vector, or nil.
func (c *vectorCache) read(text string) []float32 {
	b, err := os.ReadFile(c.path(text))
	if err != nil {
		return nil
	}
	v, err := decodeVector(b)
	if err != nil {
		return nil
	}
	return v
}

// decodeVector reads a vector file: the magic, little-endian float32s and
// a CRC-32 of what comes before it. It rejects a damaged file and a vector
// that is empty or not finite.
func decodeVector(b []byte) ([]float32, error) {
	if len(b) < len(vectorMagic)+4 || !bytes.HasPrefix(b, []byte(vectorMagic)) {
		return nil, errors.New("not a vector file")
	}
	body := b[:len(b)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, errors.New("checksum mismatch")
	}
	raw := body[len(vectorMagic):]
	if len(raw) == 0 || len(raw)%4 != 0 {
		return nil, fmt.Errorf("%d bytes of floats", len(raw))
	}
	v := make([]float32, len(raw)/4)
	for i := range v {
		x := math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return nil, fmt.Errorf("value %d is %v", i, x)
		}
		v[i] = x
	}
	return v, nil
}

// encodeVector is decodeVector's inverse.
func encodeVector(v []float32) []byte {
	b := make([]byte, 0, len(vectorMagic)+4*len(v)+4)
	b = append(b, vectorMagic...)
	for _, x := range v {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// write saves text's vector atomically.
func (c *vectorCache) write(text string, v []float32) error {
	p := c.path(text)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("cache vector: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "*.tmp")
	if err != nil {
		return fmt.Errorf("cache vector: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(encodeVector(v))
	if err := errors.Join(werr, tmp.Close()); err != nil {
		return fmt.Errorf("cache vector: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("cache vector: %w", err)
	}
	return nil
}
