package lexicon

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
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

// source is one embedded, gzip-compressed table file. A table of an
// overlay source for a language pair an earlier source already has is laid
// over that table (see data.overlays) rather than being an error.
type source struct {
	name    string
	gz      []byte
	overlay bool
}

// sources lists the embedded files. gplData is empty unless built with the
// tag lexicon_gpl; then its translations are added, and its English and
// Spanish synonym tables, improved through the translations, are laid over
// the plain ones.
func sources() []source {
	s := []source{{name: "wordnet", gz: wordnetData}, {name: "mythes-es", gz: mythesData}}
	if len(gplData) > 0 {
		s = append(s, source{name: "en-es", gz: gplData, overlay: true})
	}
	return s
}

type pair struct{ from, to lang.Lang }

// data is the decoded lexicon: one table per language pair, and for some
// pairs an overlay whose entries replace the table's for the keys it has.
type data struct {
	tables   map[pair]*table.Table
	overlays map[pair]*table.Table
}

// lookup returns the edges of stem in the from-to table, from the overlay
// when it has the stem.
func (d *data) lookup(from, to lang.Lang, stem string) []table.Edge {
	p := pair{from, to}
	if o := d.overlays[p]; o != nil {
		if es := o.Lookup(stem); len(es) > 0 {
			return es
		}
	}
	if t := d.tables[p]; t != nil {
		return t.Lookup(stem)
	}
	return nil
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
// one, and KindOf KindNone.
func Load() error {
	std.get()
	kinds.get()
	return errors.Join(std.err, kinds.err)
}

// Loaded reports whether the data has been decoded (for benchmarks/tests of
// laziness).
func Loaded() bool { return std.loaded.Load() }

func decode(srcs []source) (*data, error) {
	d := &data{tables: map[pair]*table.Table{}, overlays: map[pair]*table.Table{}}
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
			switch {
			case d.tables[p] == nil:
				d.tables[p] = t
			case s.overlay && d.overlays[p] == nil:
				d.overlays[p] = t
			default:
				return nil, fmt.Errorf("lexicon %s: a second %s-%s table", s.name, t.From, t.To)
			}
		}
	}
	return d, nil
}
