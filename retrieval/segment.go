package retrieval

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// segmentMagic opens every segment file; its last byte is the format's
// version.
const segmentMagic = "FNSEG\x00\x01"

// segmentDir is the folder of segments inside the data directory.
const segmentDir = "segments"

// segment is everything the index keeps for one document, saved as one
// file so that a change to one article rewrites one file: the document, its
// chunks, their vectors, their BM25 terms and the acronyms they define.
type segment struct {
	// Code fingerprints the program that parsed, chunked and stemmed the
	// document (see codeFingerprint); chunks, terms and acronyms are reused
	// only by the same program.
	Code    string
	Chunker string // segmentVersion
	// ChunksHash is chunksHash of Chunks: vectors are reused by another
	// program only when it chunks the document to the same texts.
	ChunksHash string
	EmbedderID string
	Dim        int
	Doc        *corpus.Document
	Chunks     []corpus.Chunk
	// Vectors holds len(Chunks) normalised vectors of Dim floats, row after
	// row.
	Vectors []float32
	Lex     docTerms
	// stemIDs numbers Lex.Stems in the store's stemDict; set when the
	// segment is first assembled into an index, never saved.
	stemIDs []int32
	// Acronyms counts, per folded acronym, the names the chunks spell it
	// out as.
	Acronyms map[string]map[string]int
}

// docTerms is a document's part of the BM25 index: for each stem, its
// postings (chunk ordinal within the document, term frequency), and the
// length in terms of each chunk.
type docTerms struct {
	Stems    []string
	Postings [][]posting
	Lengths  []float32
}

// hasVectors reports whether s holds a vector for every chunk, made by
// the embedder named id.
func (s *segment) hasVectors(id string) bool {
	return s.EmbedderID == id && s.Dim > 0 && len(s.Vectors) == len(s.Chunks)*s.Dim
}

// segmentName is the file a document's segment is kept in: named by a hash
// of the id, so any id makes a safe file name.
func segmentName(docID string) string {
	sum := sha256.Sum256([]byte(docID))
	return hex.EncodeToString(sum[:16]) + ".seg"
}

// encode serialises s, ending with a CRC-32 of everything before it.
func (s *segment) encode() []byte {
	e := &encoder{b: make([]byte, 0, len(s.Doc.Text)+len(s.Vectors)*4+64*len(s.Chunks)+1024)}
	e.b = append(e.b, segmentMagic...)
	e.str(s.Code)
	e.str(s.Chunker)
	e.str(s.ChunksHash)
	e.str(s.EmbedderID)
	e.uint(s.Dim)
	d := s.Doc
	for _, f := range []string{d.ID, d.Path, d.Title, d.Source, d.URL, d.Date, string(d.Language), d.Text, d.Hash} {
		e.str(f)
	}
	e.uint(len(s.Chunks))
	for i := range s.Chunks {
		c := &s.Chunks[i]
		e.str(c.ID)
		e.uint(c.Ordinal)
		e.uint(c.Start)
		e.uint(c.End)
		e.str(string(c.Language))
		// the text is the document's from Start to End; kept apart only
		// when it is not
		if c.Start <= c.End && c.End <= len(d.Text) && d.Text[c.Start:c.End] == c.Text && c.DocID == d.ID {
			e.uint(0)
		} else {
			e.uint(1)
			e.str(c.Text)
			e.str(c.DocID)
		}
		for _, spans := range [][]lang.Span{c.Sentences, c.Headings} {
			e.uint(len(spans))
			for _, sp := range spans {
				e.uint(sp.Start)
				e.uint(sp.End)
				e.uint(int(sp.Kind))
			}
		}
	}
	e.uint(len(s.Vectors))
	e.f32s(s.Vectors)
	e.uint(len(s.Lex.Stems))
	for i, st := range s.Lex.Stems {
		e.str(st)
		e.uint(len(s.Lex.Postings[i]))
		for _, p := range s.Lex.Postings[i] {
			e.uint(int(p.chunk))
			e.f32(p.tf)
		}
	}
	e.uint(len(s.Lex.Lengths))
	e.f32s(s.Lex.Lengths)
	e.uint(len(s.Acronyms))
	for acr, names := range s.Acronyms {
		e.str(acr)
		e.uint(len(names))
		for name, n := range names {
			e.str(name)
			e.uint(n)
		}
	}
	return binary.LittleEndian.AppendUint32(e.b, crc32.ChecksumIEEE(e.b))
}

// decodeSegment reads a segment that encode wrote, and checks it: its
// checksum, that every offset lies inside its text, and that its vectors
// are finite (see decoder.f32s) and of its dimension.
func decodeSegment(b []byte) (*segment, error) {
	if len(b) < len(segmentMagic)+4 || !bytes.HasPrefix(b, []byte(segmentMagic)) {
		return nil, errors.New("not a segment of this version")
	}
	body := b[:len(b)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, errors.New("checksum mismatch")
	}
	d := &decoder{b: body[len(segmentMagic):]}
	s := &segment{Code: d.str(), Chunker: d.str(), ChunksHash: d.str(), EmbedderID: d.str(), Dim: d.uint()}
	s.Doc = &corpus.Document{ID: d.str(), Path: d.str(), Title: d.str(), Source: d.str(), URL: d.str(), Date: d.str(),
		Language: lang.Lang(d.str()), Text: d.str(), Hash: d.str()}
	s.Chunks = decodeChunks(d, s.Doc)
	s.Vectors = d.f32s(d.uint())
	s.Lex = decodeTerms(d, len(s.Chunks))
	s.Acronyms = decodeAcronyms(d)
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%d bytes after the end", len(d.b))
	}
	if err := s.checkSizes(); err != nil {
		return nil, err
	}
	return s, nil
}

// decodeChunks reads doc's chunks; a chunk whose text is not kept apart is
// doc's text between its offsets.
func decodeChunks(d *decoder, doc *corpus.Document) []corpus.Chunk {
	chunks := make([]corpus.Chunk, d.count(6))
	for i := range chunks {
		c := &chunks[i]
		c.ID, c.Ordinal, c.Start, c.End, c.Language = d.str(), d.uint(), d.uint(), d.uint(), lang.Lang(d.str())
		if d.uint() == 0 {
			if c.Start > c.End || c.End > len(doc.Text) {
				d.fail(fmt.Errorf("chunk %d: offsets %d-%d outside a text of %d bytes", i, c.Start, c.End, len(doc.Text)))
				break
			}
			c.Text, c.DocID = doc.Text[c.Start:c.End], doc.ID
		} else {
			c.Text, c.DocID = d.str(), d.str()
		}
		c.Sentences = decodeSpans(d, i, c.Text)
		c.Headings = decodeSpans(d, i, c.Text)
	}
	return chunks
}

// decodeSpans reads the spans of chunk i, each inside its text; none is
// nil.
func decodeSpans(d *decoder, i int, text string) []lang.Span {
	spans := make([]lang.Span, d.count(3))
	for j := range spans {
		spans[j] = lang.Span{Start: d.uint(), End: d.uint(), Kind: lang.Kind(d.uint())}
		if spans[j].Start > spans[j].End || spans[j].End > len(text) {
			d.fail(fmt.Errorf("chunk %d: span %d-%d outside a text of %d bytes", i, spans[j].Start, spans[j].End, len(text)))
		}
	}
	if len(spans) == 0 {
		return nil
	}
	return spans
}

// decodeTerms reads a document's BM25 terms, whose postings name chunks
// below chunks.
func decodeTerms(d *decoder, chunks int) docTerms {
	var lex docTerms
	stems := d.count(2)
	lex.Stems = make([]string, stems)
	lex.Postings = make([][]posting, stems)
	for i := range stems {
		lex.Stems[i] = d.str()
		ps := make([]posting, d.count(5))
		for j := range ps {
			ps[j] = posting{chunk: int32(d.uint()), tf: d.f32()}
			if int(ps[j].chunk) >= chunks {
				d.fail(fmt.Errorf("posting of %q names chunk %d of %d", lex.Stems[i], ps[j].chunk, chunks))
			}
		}
		lex.Postings[i] = ps
	}
	lex.Lengths = d.f32s(d.uint())
	return lex
}

// decodeAcronyms reads the acronyms' counts of names.
func decodeAcronyms(d *decoder) map[string]map[string]int {
	nAcr := d.count(2)
	acrs := make(map[string]map[string]int, nAcr)
	for ; nAcr > 0 && d.err == nil; nAcr-- {
		acr := d.str()
		names := map[string]int{}
		for m := d.count(2); m > 0 && d.err == nil; m-- {
			name := d.str()
			names[name] = d.uint()
		}
		acrs[acr] = names
	}
	return acrs
}

// checkSizes reports whether a decoded segment's lengths and vectors
// agree with its chunks.
func (s *segment) checkSizes() error {
	if len(s.Lex.Lengths) != len(s.Chunks) {
		return fmt.Errorf("%d chunk lengths for %d chunks", len(s.Lex.Lengths), len(s.Chunks))
	}
	if len(s.Vectors) > 0 {
		if s.Dim <= 0 || len(s.Vectors) != len(s.Chunks)*s.Dim {
			return fmt.Errorf("%d floats for %d chunks of dimension %d", len(s.Vectors), len(s.Chunks), s.Dim)
		}
	}
	return nil
}

// readSegment reads the segment of docID under dir; a missing one is
// (nil, nil).
func readSegment(dir, docID string) (*segment, error) {
	p := filepath.Join(dir, segmentDir, segmentName(docID))
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read segment: %w", err)
	}
	s, err := decodeSegment(b)
	if err != nil {
		return nil, fmt.Errorf("segment %s: %w", p, err)
	}
	if s.Doc.ID != docID {
		return nil, fmt.Errorf("segment %s holds document %q, not %q", p, s.Doc.ID, docID)
	}
	return s, nil
}

// writeSegment saves s under dir atomically: a reader sees the old file or
// the new one. It does not sync: a segment a crash damaged fails its
// checksum and the document is indexed again.
func writeSegment(dir string, s *segment) error {
	sd := filepath.Join(dir, segmentDir)
	if err := os.MkdirAll(sd, 0o755); err != nil {
		return fmt.Errorf("create segment folder: %w", err)
	}
	tmp, err := os.CreateTemp(sd, "*.tmp")
	if err != nil {
		return fmt.Errorf("write segment of %s: %w", s.Doc.ID, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(s.encode()); err != nil {
		tmp.Close()
		return fmt.Errorf("write segment of %s: %w", s.Doc.ID, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write segment of %s: %w", s.Doc.ID, err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(sd, segmentName(s.Doc.ID))); err != nil {
		return fmt.Errorf("write segment of %s: %w", s.Doc.ID, err)
	}
	return nil
}

// removeSegment deletes a document's segment; a missing one is no error.
func removeSegment(dir, docID string) error {
	err := os.Remove(filepath.Join(dir, segmentDir, segmentName(docID)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove segment of %s: %w", docID, err)
	}
	return nil
}
