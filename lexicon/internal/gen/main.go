// Command gen builds package lexicon's embedded tables from Debian's lexical
// packages (wordnet-base, mythes-es, dict-freedict-eng-spa,
// dict-freedict-spa-eng, apertium-eng-spa) and copies their licences beside
// them. Run it with go generate ./lexicon; see the package documentation.
//
// Nothing GPL reaches the default build's files: wordnet.lex.gz is drawn
// from WordNet alone and mythes-es.lex.gz from the thesaurus alone. Every
// table that uses the GPL dictionaries (the translations, and the English
// and Spanish synonym tables improved through them) goes to en-es.lex.gz,
// which only a build with the tag lexicon_gpl embeds.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon/internal/table"
)

// maxRels is the most related words kept for one stem (lexicon.MaxRels).
const maxRels = 24

type config struct {
	wordnet, mythes, dictd, apertium, ltPrint, doc, licenses, out string
}

func main() {
	var c config
	flag.StringVar(&c.wordnet, "wordnet", "/usr/share/wordnet", "WordNet 3.0 database folder (Debian wordnet-base)")
	flag.StringVar(&c.mythes, "mythes", "/usr/share/mythes/th_es_ES_v2.dat", "Spanish MyThes thesaurus (Debian mythes-es)")
	flag.StringVar(&c.dictd, "dictd", "/usr/share/dictd", "folder of freedict-eng-spa and freedict-spa-eng (Debian dict-freedict-*)")
	flag.StringVar(&c.apertium, "apertium", "/usr/share/apertium/apertium-eng-spa", "folder of eng-spa.autobil.bin and spa-eng.autobil.bin (Debian apertium-eng-spa)")
	flag.StringVar(&c.ltPrint, "lt-print", "lt-print", "lt-print command (Debian lttoolbox-dev)")
	flag.StringVar(&c.doc, "doc", "/usr/share/doc", "folder of the packages' copyright files")
	flag.StringVar(&c.licenses, "licenses", "/usr/share/common-licenses", "folder of full licence texts")
	flag.StringVar(&c.out, "out", "data", "folder to write the tables and licences to")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(c, log); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(c config, log *slog.Logger) error {
	wn, err := readWordNet(c.wordnet)
	if err != nil {
		return fmt.Errorf("wordnet: %w", err)
	}
	en, enDerived := wn.relations()
	th, err := readMyThes(c.mythes)
	if err != nil {
		return fmt.Errorf("mythes: %w", err)
	}
	engSpa, err := readDictd(filepath.Join(c.dictd, "freedict-eng-spa"))
	if err != nil {
		return fmt.Errorf("freedict: %w", err)
	}
	spaEng, err := readDictd(filepath.Join(c.dictd, "freedict-spa-eng"))
	if err != nil {
		return fmt.Errorf("freedict: %w", err)
	}
	apEngSpa, err := readApertium(c.ltPrint, filepath.Join(c.apertium, "eng-spa.autobil.bin"))
	if err != nil {
		return fmt.Errorf("apertium: %w", err)
	}
	apSpaEng, err := readApertium(c.ltPrint, filepath.Join(c.apertium, "spa-eng.autobil.bin"))
	if err != nil {
		return fmt.Errorf("apertium: %w", err)
	}
	log.Info("read", "wordnet synsets", len(wn.synsets), "thesaurus entries", len(th),
		"freedict eng-spa", len(engSpa), "freedict spa-eng", len(spaEng),
		"apertium eng-spa", len(apEngSpa), "apertium spa-eng", len(apSpaEng))
	var enWords, esWords []string
	for _, ix := range wn.index {
		enWords = append(enWords, ix.lemma)
	}
	for _, e := range th {
		esWords = append(esWords, e.head)
		for _, syns := range e.senses {
			esWords = append(esWords, syns...)
		}
	}
	enV, esV := newVocab(lang.English, enWords), newVocab(lang.Spanish, esWords)
	enEsSrc := []trSource{
		trSource{entries: engSpa, scale: 1, check: true},
		trSource{entries: spaEng, inverse: true, scale: trInverse, check: true},
		trSource{entries: apEngSpa, scale: trApertium},
		trSource{entries: apSpaEng, inverse: true, scale: trInverse * trApertium},
	}
	esEnSrc := []trSource{
		trSource{entries: spaEng, scale: 1, check: true},
		trSource{entries: engSpa, inverse: true, scale: trInverse, check: true},
		trSource{entries: apSpaEng, scale: trApertium},
		trSource{entries: apEngSpa, inverse: true, scale: trInverse * trApertium},
	}
	enEsDirect := translations(lang.English, lang.Spanish, stemPhrase, enV, esV, enEsSrc...)
	esEnDirect := translations(lang.Spanish, lang.English, stemPhrase, esV, enV, esEnSrc...)
	enEsLemma := translations(lang.English, lang.Spanish, lemmaKey, enV, esV, enEsSrc...)
	esEnLemma := translations(lang.Spanish, lang.English, lemmaKey, esV, enV, esEnSrc...)
	// The default build's tables, each from its own source only (en is
	// read before pivot extends it).
	thRel := thesaurusRelations(th)
	enPlain := en.table(lang.English, lang.English, maxRels)
	esPlain := agree(th, thRel).table(lang.Spanish, lang.Spanish, maxRels)
	confirmed := sharesTranslation(esEnDirect, en)
	for _, s := range agreementStats(th, thRel, confirmed, 1, 2, 3) {
		log.Info("thesaurus links trusted by agreeing senses, against the dictionaries", "senses", s.Senses,
			"links", s.Links, "confirmed", s.Confirmed, "trusted", s.Trusted,
			"precision", fmt.Sprintf("%.3f", s.Precision()), "recall", fmt.Sprintf("%.3f", s.Recall()),
			"base rate", fmt.Sprintf("%.3f", ratio(s.Confirmed, s.Links)))
	}
	// The GPL build's tables: translations, and the same-language tables
	// improved through them, kept as overlays of the plain ones.
	es := confirm(thRel, esEnDirect, en)
	pivot(en, lang.English, enEsLemma, esEnLemma)
	pivot(es, lang.Spanish, esEnLemma, enEsLemma)
	carryDerived(es, esEnDirect, enEsDirect, enDerived)
	enEs := viaSynonyms(enEsDirect, en)
	esEn := viaSynonyms(esEnDirect, es)

	files := []struct {
		name   string
		tables []*table.Table
	}{
		{"wordnet.lex.gz", []*table.Table{enPlain}},
		{"mythes-es.lex.gz", []*table.Table{esPlain}},
		{"en-es.lex.gz", []*table.Table{
			enEs.table(lang.English, lang.Spanish, maxRels),
			esEn.table(lang.Spanish, lang.English, maxRels),
			overlay(en.table(lang.English, lang.English, maxRels), enPlain),
			overlay(es.table(lang.Spanish, lang.Spanish, maxRels), esPlain),
		}},
	}
	kindsPath := filepath.Join(c.out, "wordnet-kinds.txt.gz")
	n, err := writeKinds(kindsPath, wn.kinds())
	if err != nil {
		return fmt.Errorf("write %s: %w", kindsPath, err)
	}
	log.Info("wrote", "file", kindsPath, "bytes", n)
	for _, f := range files {
		path := filepath.Join(c.out, f.name)
		n, err := writeTables(path, f.tables)
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		for _, t := range f.tables {
			keys, edges := t.Len()
			log.Info("table", "file", f.name, "from", t.From, "to", t.To, "keys", keys, "edges", edges)
		}
		log.Info("wrote", "file", path, "bytes", n)
	}
	return writeLicences(c)
}

// writeTables encodes tables, gzips them (deterministically: no name, no
// time) and writes the file, returning its size.
func writeTables(path string, tables []*table.Table) (int, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	if err := table.Encode(zw, tables...); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return buf.Len(), os.WriteFile(path, buf.Bytes(), 0o644)
}

func writeLicences(c config) error {
	doc := func(pkg string) string { return filepath.Join(c.doc, pkg, "copyright") }
	full := func(name string) string { return filepath.Join(c.licenses, name) }
	ls := []struct {
		file, header, copyright, full string
		stanzas                       []string
	}{
		{"LICENSE.wordnet",
			"wordnet.lex.gz and wordnet-kinds.txt.gz are derived from WordNet 3.0\n" +
				"(Debian package wordnet-base) alone, under the WordNet licence below. They\n" +
				"are embedded in every build.",
			doc("wordnet-base"), "", []string{"Files: *"}},
		{"LICENSE.mythes-es",
			"mythes-es.lex.gz is derived from the LibreOffice Spanish thesaurus th_es_ES_v2\n" +
				"(Debian package mythes-es) alone, licensed under the LGPL 2.1. It is embedded\n" +
				"in every build. The generator that derives it is lexicon/internal/gen in this\n" +
				"repository.",
			doc("mythes-es"), full("LGPL-2.1"), []string{"Files: dictionaries/es/th_es_ANY_v2.dat"}},
		{"LICENSE.en-es",
			"en-es.lex.gz is derived from the FreeDict English-Spanish and Spanish-English\n" +
				"dictionaries (Debian packages dict-freedict-eng-spa, dict-freedict-spa-eng,\n" +
				"GPL 2 or later) and the Apertium English-Spanish bilingual dictionary\n" +
				"(Debian package apertium-eng-spa, GPL 2), combined with the WordNet and\n" +
				"thesaurus data: translations both ways, and English and Spanish synonyms\n" +
				"improved through the translations. The combination is under the GPL 2.\n" +
				"It is embedded only in a build with the tag lexicon_gpl (go build -tags\n" +
				"lexicon_gpl), and such a binary must then be distributed under the GPL 2;\n" +
				"the default build carries no GPL data. The generator that derives it is\n" +
				"lexicon/internal/gen in this repository.",
			doc("dict-freedict-eng-spa"), full("GPL-2"), []string{"Files: eng-spa/*", "Files: spa-eng/*"}},
		{"LICENSE.en-es.apertium",
			"Copyright of the Apertium English-Spanish data that en-es.lex.gz draws on\n" +
				"(full GPL 2 text in LICENSE.en-es). Embedded only with the tag lexicon_gpl.",
			doc("apertium-eng-spa"), "", []string{"Files: *"}},
	}
	for _, l := range ls {
		if err := writeLicence(filepath.Join(c.out, l.file), l.header, l.copyright, l.full, l.stanzas...); err != nil {
			return fmt.Errorf("licence %s: %w", l.file, err)
		}
	}
	return nil
}
