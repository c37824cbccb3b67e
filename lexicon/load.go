package lexicon

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon/internal/table"
)

var (
	//go:embed data/wordnet.lex.gz
	wordnetData []byte
	//go:embed data/mythes-es.lex.gz
	mythesData []byte
)

// source is one embedded, gzip-compressed table file.
type source struct {
	name string
	gz   []byte
}

// sources lists the embedded files; gplData is empty when built with
// the tag lexicon_nogpl.
func sources() []source {
	s := []source{{"wordnet", wordnetData}, {"mythes-es", mythesData}}
	if len(gplData) > 0 {
		s = append(s, source{"en-es", gplData})
	}
	return s
}

type pair struct{ from, to lang.Lang }

// data is the decoded lexicon: one table per language pair.
type data struct {
	tables map[pair]*table.Table
}

// lazy decodes its sources once, on first use.
type lazy struct {
	srcs   func() []source
	once   sync.Once
	d      *data
	err    error
	loaded atomic.Bool
}

// get decodes the sources the first time it is called and returns the
// result, nil if decoding failed.
func (z *lazy) get() *data {
	z.once.Do(func() {
		z.d, z.err = decode(z.srcs())
		z.loaded.Store(true)
	})
	return z.d
}

// std is the lexicon of the embedded files.
var std = &lazy{srcs: sources}

func load() *data { return std.get() }

// Load decodes the data now, if it has not been yet, and returns the error
// decoding met, if any: the embedded files are generated and tested, so an
// error means a broken build. Call it at start-up to pay the decoding time
// early and to log the error; Synonyms and Translations return nil after
// one.
func Load() error {
	std.get()
	return std.err
}

// Loaded reports whether the data has been decoded (for benchmarks/tests of
// laziness).
func Loaded() bool { return std.loaded.Load() }

func decode(srcs []source) (*data, error) {
	d := &data{tables: map[pair]*table.Table{}}
	for _, s := range srcs {
		zr, err := gzip.NewReader(bytes.NewReader(s.gz))
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", s.name, err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: gunzip: %w", s.name, err)
		}
		ts, err := table.Decode(raw)
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", s.name, err)
		}
		for _, t := range ts {
			p := pair{lang.Lang(t.From), lang.Lang(t.To)}
			if d.tables[p] != nil {
				return nil, fmt.Errorf("lexicon %s: a second %s-%s table", s.name, t.From, t.To)
			}
			d.tables[p] = t
		}
	}
	return d, nil
}
