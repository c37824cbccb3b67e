package retrieval

import (
	"context"
	"fmt"
	"math"

	"github.com/footnote-bot/footnote/lang"
)

// HashEmbedder is the local embedder: it needs no model weights and no
// network. A text becomes a feature-hashed vector of its words, word pairs and
// the character n-grams of its words (which catch shared roots across
// inflections and the two languages), weighted by log term frequency and
// normalised to unit length. Stop words of either language are left out.
type HashEmbedder struct {
	dim int
}

// DefaultHashDim is the local embedder's default vector size.
const DefaultHashDim = 384

// NewHashEmbedder returns a local embedder with vectors of dim dimensions.
func NewHashEmbedder(dim int) *HashEmbedder {
	if dim <= 0 {
		dim = DefaultHashDim
	}
	return &HashEmbedder{dim: dim}
}

// ID implements Embedder. Its version changes whenever the same text would
// hash into another vector (v2: "although", "aunque" and their kind are
// stop words; v3: "vs" and "versus" are; v4: a Spanish "ex" joined to a
// post is two words, see lang.Tokenize), so stored vectors are made again.
func (h *HashEmbedder) ID() string { return fmt.Sprintf("hash-v4-%d", h.dim) }

// Embed implements Embedder. It never fails except on a cancelled context.
func (h *HashEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out[i] = h.vector(t)
	}
	return out, nil
}

func (h *HashEmbedder) vector(text string) []float32 {
	counts := map[uint64]float32{}
	add := func(f uint64, w float32) { counts[f] += w }
	var prev string
	for _, t := range lang.Tokenize(text) {
		w := t.Text
		if lang.IsStop("", w) {
			prev = ""
			continue
		}
		add(hashString(1, w), 1)
		if prev != "" {
			add(hashPair(prev, w), 0.5)
		}
		prev = w
		if t.Number {
			continue
		}
		// character n-grams of the word with boundary marks
		padded := "<" + w + ">"
		runes := []rune(padded)
		var grams int
		for n := 3; n <= 5; n++ {
			grams += max(0, len(runes)-n+1)
		}
		if grams == 0 {
			continue
		}
		gw := 0.8 / float32(math.Sqrt(float64(grams)))
		for n := 3; n <= 5; n++ {
			for i := 0; i+n <= len(runes); i++ {
				add(hashString(uint64(n), string(runes[i:i+n])), gw)
			}
		}
	}
	v := make([]float32, h.dim)
	for f, c := range counts {
		w := float32(1 + math.Log(float64(c)))
		if c < 1 {
			w = c
		}
		idx := int(f % uint64(h.dim))
		if f&(1<<63) != 0 {
			w = -w
		}
		v[idx] += w
	}
	normalize(v)
	return v
}

// normalize scales v to unit length in place; a zero vector is left as is.
func normalize(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
}

// hashString is FNV-1a over a seed and s.
func hashString(seed uint64, s string) uint64 {
	h := uint64(14695981039346656037) ^ seed*1099511628211
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix(h)
}

func hashPair(a, b string) uint64 { return hashString(hashString(2, a), b) }

// mix spreads FNV's low-entropy high bits (murmur3's finaliser).
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}
