package corpus_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/internal/golden"
	"github.com/footnote-bot/footnote/lang"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// meta is what a test checks of a parsed Document besides its text.
type meta struct {
	ID, Title, Source, URL, Date string
	Language                     lang.Lang
}

func metaOf(d *corpus.Document) meta {
	return meta{ID: d.ID, Title: d.Title, Source: d.Source, URL: d.URL, Date: d.Date, Language: d.Language}
}

// parseCase is an article file, its bytes, and the metadata and text
// Parse should make of them.
type parseCase struct {
	name string
	file string
	in   string
	want meta
	text string
}

// checkParse parses tt's file, checks its metadata and text, and returns
// the document for further checks.
func checkParse(t *testing.T, tt parseCase) *corpus.Document {
	t.Helper()
	doc, err := corpus.Parse(tt.file, []byte(tt.in))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got := metaOf(doc); got != tt.want {
		t.Errorf("Parse metadata =\n %+v\nwant\n %+v", got, tt.want)
	}
	if doc.Text != tt.text {
		t.Errorf("Parse text =\n%q\nwant\n%q", doc.Text, tt.text)
	}
	return doc
}

func TestParseMarkdown(t *testing.T) {
	tests := []parseCase{
		{
			name: "front matter with every field",
			file: "articles/raid.md",
			in: `---
id: ap-raid
title: "Mexico’s president says his country is breaking diplomatic ties"
source: The Associated Press
date: 2024-04-06
language: en
---

QUITO, Ecuador — Mexico’s government ended diplomatic ties with Ecuador.

Ecuadorian police broke through the doors.
`,
			want: meta{ID: "ap-raid", Title: "Mexico’s president says his country is breaking diplomatic ties", Source: "The Associated Press", Date: "2024-04-06", Language: lang.English},
			text: "QUITO, Ecuador — Mexico’s government ended diplomatic ties with Ecuador.\n\nEcuadorian police broke through the doors.",
		},
		{
			name: "URL source fills URL and stays the source",
			file: "raid.md",
			in:   "---\ntitle: Raid\nsource: https://apnews.com/article/raid\n---\nThe embassy was raided.\n",
			want: meta{ID: "raid", Title: "Raid", Source: "https://apnews.com/article/raid", URL: "https://apnews.com/article/raid", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "url without source names the host",
			file: "raid.md",
			in:   "---\ntitle: Raid\nurl: https://www.apnews.com/article/raid\n---\nThe embassy was raided.\n",
			want: meta{ID: "raid", Title: "Raid", Source: "apnews.com", URL: "https://www.apnews.com/article/raid", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "url and source both kept",
			file: "raid.md",
			in:   "---\ntitle: Raid\nsource: AP\nurl: https://apnews.com/x\n---\nThe embassy was raided.\n",
			want: meta{ID: "raid", Title: "Raid", Source: "AP", URL: "https://apnews.com/x", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "id from the file name",
			file: "2024/04/raid-story.markdown",
			in:   "---\ntitle: Raid\n---\nThe embassy was raided.",
			want: meta{ID: "raid-story", Title: "Raid", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "unsafe id characters replaced",
			file: "raid.md",
			in:   "---\nid: \" AP story #1 / raid \"\ntitle: Raid\n---\nThe embassy was raided.",
			want: meta{ID: "AP-story-1-raid", Title: "Raid", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "numeric id and title",
			file: "raid.md",
			in:   "---\nid: 42\ntitle: 2024\n---\nThe embassy was raided.",
			want: meta{ID: "42", Title: "2024", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "title normalised",
			file: "raid.md",
			in:   "---\ntitle: \"Mexico\u00a0breaks   ties\u200b \"\n---\nThe embassy was raided.",
			want: meta{ID: "raid", Title: "Mexico breaks ties", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "no front matter: heading is the title and stays in the text",
			file: "raid.md",
			in:   "# Mexico breaks ties\n\nThe embassy was raided.\n",
			want: meta{ID: "raid", Title: "Mexico breaks ties", Language: lang.English},
			text: "Mexico breaks ties\n\nThe embassy was raided.",
		},
		{
			name: "empty front matter",
			file: "raid.md",
			in:   "---\n---\nThe embassy was raided.",
			want: meta{ID: "raid", Title: "The embassy was raided.", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "null values are empty",
			file: "raid.md",
			in:   "---\ntitle: Raid\ndate:\nsource: ~\n---\nThe embassy was raided.",
			want: meta{ID: "raid", Title: "Raid", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "unknown keys ignored",
			file: "raid.md",
			in:   "---\ntitle: Raid\ntags: [ecuador, mexico]\nauthor: {name: A}\n---\nThe embassy was raided.",
			want: meta{ID: "raid", Title: "Raid", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "front matter closed with dots",
			file: "raid.md",
			in:   "---\ntitle: Raid\n...\nThe embassy was raided.",
			want: meta{ID: "raid", Title: "Raid", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "CRLF line endings",
			file: "raid.md",
			in:   "---\r\ntitle: Raid\r\ndate: 2024-04-06\r\n---\r\nThe embassy\r\nwas raided.\r\n\r\nGlas was arrested.\r\n",
			want: meta{ID: "raid", Title: "Raid", Date: "2024-04-06", Language: lang.English},
			text: "The embassy was raided.\n\nGlas was arrested.",
		},
		{
			name: "byte order mark",
			file: "raid.md",
			in:   "\ufeff---\ntitle: Raid\n---\nThe embassy was raided.",
			want: meta{ID: "raid", Title: "Raid", Language: lang.English},
			text: "The embassy was raided.",
		},
		{
			name: "language tag from front matter",
			file: "redada.md",
			in:   "---\ntitle: Redada\nlanguage: es-MX\n---\nThe text is English but the front matter says Spanish.",
			want: meta{ID: "redada", Title: "Redada", Language: lang.Spanish},
			text: "The text is English but the front matter says Spanish.",
		},
		{
			name: "language detected without front matter",
			file: "redada.md",
			in:   "La policía de Ecuador irrumpió en la embajada de México y detuvo a Jorge Glas.",
			want: meta{ID: "redada", Title: "La policía de Ecuador irrumpió en la embajada de México y detuvo a Jorge Glas.", Language: lang.Spanish},
			text: "La policía de Ecuador irrumpió en la embajada de México y detuvo a Jorge Glas.",
		},
		{
			name: "unsupported language detected from the text",
			file: "redada.md",
			in:   "---\nlanguage: fr\n---\nLa policía de Ecuador irrumpió en la embajada de México.",
			want: meta{ID: "redada", Title: "La policía de Ecuador irrumpió en la embajada de México.", Language: lang.Spanish},
			text: "La policía de Ecuador irrumpió en la embajada de México.",
		},
		{
			name: "markdown reduced to prose",
			file: "md.md",
			in: "---\ntitle: T\n---\n" +
				"## The *raid*\n" +
				"Police **broke** into the [embassy](https://example.com/e) on `Friday`.\n" +
				"![photo](raid.jpg)\n" +
				"It was __late__ and ~~quiet~~.\n\n" +
				"> “This is not possible,”\n> Canseco said.\n\n" +
				"- Nicaragua cut ties.\n" +
				"- Honduras condemned it.\n\n" +
				"1. First point.\n\n" +
				"```\ncode that is not prose\n```\n\n" +
				"---\n\n" +
				"See [the report][1] and <b>bold</b> HTML.\n\n" +
				"[1]: https://example.com/report\n",
			want: meta{ID: "md", Title: "T", Language: lang.English},
			text: "The raid\n\n" +
				"Police broke into the embassy on Friday. It was late and quiet.\n\n" +
				"“This is not possible,” Canseco said.\n\n" +
				"- Nicaragua cut ties.\n- Honduras condemned it.\n\n" +
				"1. First point.\n\n" +
				"See the report and bold HTML.",
		},
		{
			name: "non-breaking and odd spaces normalised in the text",
			file: "raid.md",
			in:   "---\ntitle: Raid\n---\n20\u00a0drug-trafficking gangs\u202fwere named\u200b.",
			want: meta{ID: "raid", Title: "Raid", Language: lang.English},
			text: "20 drug-trafficking gangs were named.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := checkParse(t, tt)
			if doc.Path != tt.file {
				t.Errorf("Path = %q, want %q", doc.Path, tt.file)
			}
			sum := sha256.Sum256([]byte(tt.in))
			if want := hex.EncodeToString(sum[:]); doc.Hash != want {
				t.Errorf("Hash = %s, want the SHA-256 of the file's bytes %s", doc.Hash, want)
			}
		})
	}
}

// TestParseMarkdownSetextHeadings: "Title\n=====" is a level-1 heading (and
// what pandoc writes by default). mdRule knows only -, * and _, so the
// underline of = is kept as text and glued to the heading's paragraph.
func TestParseMarkdownSetextHeadings(t *testing.T) {
	in := "Mexico breaks ties with Ecuador\n===============================\n\nThe embassy was raided.\n\nReactions\n---------\n\nNicaragua cut ties.\n"
	doc, err := corpus.Parse("raid.md", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := "Mexico breaks ties with Ecuador\n\nThe embassy was raided.\n\nReactions\n\nNicaragua cut ties."
	if doc.Text != want {
		t.Errorf("Text = %q, want %q", doc.Text, want)
	}
	if doc.Title != "Mexico breaks ties with Ecuador" {
		t.Errorf("Title = %q", doc.Title)
	}
}

func TestParseDates(t *testing.T) {
	tests := []struct {
		name, date, want string
	}{
		{name: "YAML date", date: "2024-04-06", want: "2024-04-06"},
		{name: "quoted ISO date", date: `"2024-04-06"`, want: "2024-04-06"},
		{name: "YAML timestamp UTC", date: "2024-04-06T10:30:00Z", want: "2024-04-06"},
		{name: "YAML timestamp with space", date: "2024-04-06 10:30:00", want: "2024-04-06"},
		{name: "RFC 3339 keeps the local date", date: `"2024-04-06T23:30:00-05:00"`, want: "2024-04-06"},
		{name: "YAML timestamp keeps the local date", date: "2024-04-06T23:30:00-05:00", want: "2024-04-06"},
		{name: "no colon in the offset", date: `"2024-04-06T10:30:00+0200"`, want: "2024-04-06"},
		{name: "local time", date: `"2024-04-06T10:30:00"`, want: "2024-04-06"},
		{name: "fractional seconds", date: `"2024-04-06T10:30:00.123+0000"`, want: "2024-04-06"},
		{name: "slashes", date: "2024/04/06", want: "2024-04-06"},
		{name: "month name", date: "April 6, 2024", want: "2024-04-06"},
		{name: "short month name", date: "Apr 6, 2024", want: "2024-04-06"},
		{name: "day first", date: "6 April 2024", want: "2024-04-06"},
		{name: "day first short month", date: "06 Apr 2024", want: "2024-04-06"},
		{name: "RFC 1123", date: `"Sat, 06 Apr 2024 10:30:00 GMT"`, want: "2024-04-06"},
		{name: "RFC 1123 numeric zone", date: `"Sat, 06 Apr 2024 10:30:00 -0500"`, want: "2024-04-06"},
		{name: "surrounding space", date: `"  2024-04-06  "`, want: "2024-04-06"},
		{name: "empty", date: `""`, want: ""},
		{name: "null", date: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "---\ntitle: Raid\ndate: " + tt.date + "\n---\nThe embassy was raided."
			doc, err := corpus.Parse("raid.md", []byte(in))
			if err != nil {
				t.Fatalf("Parse with date %s: %v", tt.date, err)
			}
			if doc.Date != tt.want {
				t.Errorf("date %s: Date = %q, want %q", tt.date, doc.Date, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		in   string
		// is, when set, must match with errors.Is; else the message must
		// contain msg.
		is  error
		msg string
	}{
		{name: "unclosed front matter", file: "a.md", in: "---\ntitle: Raid\n\nThe embassy was raided.\n", msg: "never closed"},
		{name: "unclosed front matter in text", file: "a.txt", in: "---\ntitle: Raid\n", msg: "never closed"},
		{name: "invalid YAML", file: "a.md", in: "---\ntitle: [unclosed\n---\nThe embassy was raided.", msg: "front matter"},
		{name: "YAML tab indentation", file: "a.md", in: "---\ntitle: Raid\n\tsource: AP\n---\nThe embassy was raided.", msg: "front matter"},
		{name: "front matter is a list", file: "a.md", in: "---\n- a\n- b\n---\nThe embassy was raided.", msg: "front matter"},
		{name: "title is a map", file: "a.md", in: "---\ntitle: {a: 1}\n---\nThe embassy was raided.", msg: "title must be text"},
		{name: "date is a list", file: "a.md", in: "---\ndate: [2024, 4, 6]\n---\nThe embassy was raided.", msg: "date must be text"},
		{name: "date is a word", file: "a.md", in: "---\ndate: yesterday\n---\nThe embassy was raided.", msg: `date "yesterday" is not a date`},
		{name: "date is a year", file: "a.md", in: "---\ndate: 2024\n---\nThe embassy was raided.", msg: `date "2024" is not a date`},
		{name: "date out of range", file: "a.md", in: "---\ndate: 2024-13-45\n---\nThe embassy was raided.", msg: "is not a date"},
		{name: "binary", file: "a.md", in: "The embassy\x00was raided.", msg: "binary"},
		{name: "binary html", file: "a.html", in: "<p>\x00</p>", msg: "binary"},
		{name: "invalid UTF-8", file: "a.txt", in: "The embassy \xff\xfe was raided.", msg: "UTF-8"},
		{name: "Latin-1 text", file: "a.md", in: "L\xf3pez Obrador", msg: "UTF-8"},
		{name: "empty markdown", file: "a.md", in: "", is: corpus.ErrNoText},
		{name: "empty text", file: "a.txt", in: "", is: corpus.ErrNoText},
		{name: "empty html", file: "a.html", in: "", is: corpus.ErrNoText},
		{name: "white space only", file: "a.txt", in: " \n\t\r\n\u00a0\u2003\n", is: corpus.ErrNoText},
		{name: "front matter only", file: "a.md", in: "---\ntitle: Raid\n---\n\n", is: corpus.ErrNoText},
		{name: "code fence only", file: "a.md", in: "```\nfmt.Println()\n```\n", is: corpus.ErrNoText},
		{name: "images and rules only", file: "a.md", in: "![x](y.png)\n\n---\n\n***\n", is: corpus.ErrNoText},
		{name: "control characters only", file: "a.txt", in: "\x01\x02\x7f\x1b", is: corpus.ErrNoText},
		{name: "html without prose", file: "a.html", in: "<html><head><title>T</title><script>x()</script></head><body><nav>Home</nav><footer>f</footer></body></html>", is: corpus.ErrNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := corpus.Parse(tt.file, []byte(tt.in))
			if err == nil {
				t.Fatalf("Parse(%q) = %+v (text %q), want an error", tt.in, doc, doc.Text)
			}
			if doc != nil {
				t.Errorf("Parse returned a document with error %v", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("Parse error = %v, want %v", err, tt.is)
			}
			if tt.msg != "" && !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Parse error = %q, want it to mention %q", err, tt.msg)
			}
		})
	}
}

func TestParseOversized(t *testing.T) {
	data := make([]byte, corpus.MaxFileSize+1)
	for i := range data {
		data[i] = 'a'
	}
	if _, err := corpus.Parse("big.txt", data); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("Parse of %d bytes: error %v, want the size limit", len(data), err)
	}
	// exactly at the limit is fine
	doc, err := corpus.Parse("big.txt", data[:corpus.MaxFileSize])
	if err != nil {
		t.Fatalf("Parse of MaxFileSize bytes: %v", err)
	}
	if len(doc.Text) != corpus.MaxFileSize {
		t.Errorf("text is %d bytes, want %d", len(doc.Text), corpus.MaxFileSize)
	}
}

func TestParseText(t *testing.T) {
	tests := []parseCase{
		{
			name: "first line is the title, file name the id",
			file: "news/Embassy Raid!.txt",
			in:   "Mexico breaks ties with Ecuador\n\nPolice broke into the embassy\nlate on Friday.\n\n\n  Glas was arrested.  \n",
			want: meta{ID: "Embassy-Raid", Title: "Mexico breaks ties with Ecuador", Language: lang.English},
			text: "Mexico breaks ties with Ecuador\n\nPolice broke into the embassy late on Friday.\n\nGlas was arrested.",
		},
		{
			name: "front matter in a text file",
			file: "raid.txt",
			in:   "---\ntitle: Raid\nsource: AP\ndate: April 6, 2024\n---\nPolice broke into the embassy.\n",
			want: meta{ID: "raid", Title: "Raid", Source: "AP", Date: "2024-04-06", Language: lang.English},
			text: "Police broke into the embassy.",
		},
		{
			name: "markdown syntax kept in text files",
			file: "raid.txt",
			in:   "# Not a heading\n\n*stars* stay",
			want: meta{ID: "raid", Title: "# Not a heading", Language: lang.English},
			text: "# Not a heading\n\n*stars* stay",
		},
		{
			name: "long first line truncated for the title",
			file: "raid.txt",
			in:   strings.Repeat("word ", 60),
			want: meta{ID: "raid", Title: strings.Repeat("word ", 40)[:200] + "…", Language: lang.English},
			text: strings.TrimSpace(strings.Repeat("word ", 60)),
		},
		{
			name: "control characters dropped",
			file: "raid.txt",
			in:   "Police\x07 broke\x1b in.\f",
			want: meta{ID: "raid", Title: "Police broke in.", Language: lang.English},
			text: "Police broke in.",
		},
		{
			name: "CRLF paragraphs",
			file: "raid.txt",
			in:   "Title\r\n\r\nLine one\r\nline two.\r\n",
			want: meta{ID: "raid", Title: "Title", Language: lang.English},
			text: "Title\n\nLine one line two.",
		},
		{
			// classic Mac line ends: stripControl drops the lone \r before
			// paragraphs are found, gluing the last word of each line to
			// the first of the next ("embassylate").
			name: "CR-only line endings",
			file: "raid.txt",
			in:   "Title\r\rPolice broke into the embassy\rlate on Friday.\r",
			want: meta{ID: "raid", Title: "Title", Language: lang.English},
			text: "Title\n\nPolice broke into the embassy late on Friday.",
		},
		{
			name: "upper-case extension",
			file: "RAID.TXT",
			in:   "Police broke in.",
			want: meta{ID: "RAID", Title: "Police broke in.", Language: lang.English},
			text: "Police broke in.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkParse(t, tt)
		})
	}
}

// TestParseTextTitleIsFirstLine: a text file without front matter takes its
// title from its first line. Today the first line is joined with the lines
// under it into one paragraph first, so a headline not followed by a blank
// line swallows the first paragraph into the title, and runs into its first
// sentence in the text ("… with Ecuador Police broke into …").
func TestParseTextTitleIsFirstLine(t *testing.T) {
	in := "Mexico breaks ties with Ecuador\nPolice broke into the embassy late on Friday.\nGlas was arrested.\n"
	doc, err := corpus.Parse("raid.txt", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Mexico breaks ties with Ecuador"; doc.Title != want {
		t.Errorf("Title = %q, want %q", doc.Title, want)
	}
	if want := "Mexico breaks ties with Ecuador\n\nPolice broke into the embassy late on Friday. Glas was arrested."; doc.Text != want {
		t.Errorf("Text = %q, want %q", doc.Text, want)
	}
}

// TestParseLines: lines that are not running text keep their own line (and
// a heading its own paragraph), and lines wrapped inside a sentence are
// joined, in text and Markdown files alike.
func TestParseLines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		text string
	}{
		{
			name: "dateline and byline above the story",
			in:   "By Jane Doe\nQUITO, Ecuador (AP) —\nPolice broke into the embassy late on Friday.",
			text: "By Jane Doe\n\nQUITO, Ecuador (AP) —\n\nPolice broke into the embassy late on Friday.",
		},
		{
			name: "info box",
			in:   "Born: 10 September 1969\nOffice: Vice President, 2013–2018\nParty: Alianza PAIS",
			text: "Born: 10 September 1969\nOffice: Vice President, 2013–2018\nParty: Alianza PAIS",
		},
		{
			name: "info box lines too long for a box, each its own line",
			in: "Lugar: provincia de Norte, a unos 480 km al sur de la capital\n" +
				"Causa según el instituto: corrosión externa de la tubería, que no fue reemplazada pese a la advertencia de 2023\n" +
				"Volumen derramado: 1.650 metros cúbicos, según el informe final del instituto del 24 de abril (la empresa estimó 300)",
			text: "Lugar: provincia de Norte, a unos 480 km al sur de la capital\n" +
				"Causa según el instituto: corrosión externa de la tubería, que no fue reemplazada pese a la advertencia de 2023\n" +
				"Volumen derramado: 1.650 metros cúbicos, según el informe final del instituto del 24 de abril (la empresa estimó 300)",
		},
		{
			name: "section heading glued to the text below",
			in:   "Background and previous convictions\nGlas, who was vice president, is in prison.",
			text: "Background and previous convictions\nGlas, who was vice president, is in prison.",
		},
		{
			name: "wiki headings",
			in:   "== Background ==\nGlas sought asylum in December.\n=== Arrest ===\nPolice broke in.",
			text: "== Background ==\n\nGlas sought asylum in December.\n\n=== Arrest ===\n\nPolice broke in.",
		},
		{
			name: "list",
			in:   "The filing asks for:\n- a suspension from the UN\n- a public apology\n1. reparations",
			text: "The filing asks for:\n- a suspension from the UN\n- a public apology\n1. reparations",
		},
		{
			name: "court filing wrapped at a fixed width, capitals at line starts",
			in: "The Applicant respectfully requests the Court to adjudge and declare that the\n" +
				"Republic of Ecuador is responsible for breaches of the Vienna Convention on\n" +
				"Diplomatic Relations and of customary international law, and orders it to\n" +
				"Provide full reparation.\n",
			text: "The Applicant respectfully requests the Court to adjudge and declare that the " +
				"Republic of Ecuador is responsible for breaches of the Vienna Convention on " +
				"Diplomatic Relations and of customary international law, and orders it to " +
				"Provide full reparation.",
		},
		{
			name: "spanish wrapped in lower case",
			in:   "La sala declaró que la detención\nfue legal.\nLa defensa apelará.",
			text: "La sala declaró que la detención fue legal. La defensa apelará.",
		},
		{
			name: "caption under the text",
			in:   "Police broke in.\nJorge Glas arrives at court in Quito, on April 6, 2024 (AP Photo)",
			text: "Police broke in.\nJorge Glas arrives at court in Quito, on April 6, 2024 (AP Photo)",
		},
	}
	for _, tt := range tests {
		for _, ext := range []string{".txt", ".md"} {
			t.Run(tt.name+ext, func(t *testing.T) {
				doc, err := corpus.Parse("raid"+ext, []byte("---\ntitle: Raid\n---\n"+tt.in))
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if doc.Text != tt.text {
					t.Errorf("Parse text =\n%q\nwant\n%q", doc.Text, tt.text)
				}
			})
		}
	}
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		file string
		want meta
	}{
		{
			// <article> wins; og:title, og:site_name, article:published_time,
			// canonical link and <html lang> give the metadata.
			file: "ap_article.html",
			want: meta{
				ID:       "ap_article",
				Title:    "Mexico breaks ties with Ecuador after embassy raid",
				Source:   "AP News",
				URL:      "https://apnews.com/article/ecuador-mexico-embassy-raid",
				Date:     "2024-04-06",
				Language: lang.English,
			},
		},
		{
			// no <article>: <main>; title from <h1>, date from <time>,
			// source from og:url's host.
			file: "es_main.html",
			want: meta{
				ID:       "es_main",
				Title:    "México rompe relaciones con Ecuador",
				Source:   "example.mx",
				URL:      "https://www.example.mx/mundo/embajada-quito",
				Date:     "2024-04-06",
				Language: lang.Spanish,
			},
		},
		{
			// no <article> or <main>: <body>; title from <title>, date from
			// <meta name=date>, language detected.
			file: "body_only.html",
			want: meta{
				ID:       "body_only",
				Title:    "Embassy raid in Quito",
				Date:     "2024-04-06",
				Language: lang.English,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "html", tt.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := corpus.Parse(tt.file, data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := metaOf(doc); got != tt.want {
				t.Errorf("Parse metadata =\n %+v\nwant\n %+v", got, tt.want)
			}
			golden.Check(t, strings.TrimSuffix(path, ".html")+".golden", doc.Text+"\n", *update)
		})
	}
}

// TestParseHTMLDropsBoilerplate checks, apart from the golden files, that
// what is not prose stays out of the text.
func TestParseHTMLDropsBoilerplate(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "html", "ap_article.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := corpus.Parse("ap_article.html", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{
		"Home", "dataLayer", "color: red", "Advertisement", "By A. REPORTER", "Police outside", "Read more",
		"trackRead", "JavaScript", "Share this story", "Subscribe", "Copyright", "Site footer", "summary",
		"Mexico breaks ties", // the <h1> repeats the title
	} {
		if strings.Contains(doc.Text, gone) {
			t.Errorf("text contains %q", gone)
		}
	}
	for _, kept := range []string{
		"QUITO, Ecuador (AP) — Mexico’s government",
		"to arrest Jorge Glas, who had been residing there since December. Glas sought",
		"“This is not possible. It cannot be. This is crazy,” Roberto Canseco said.",
		"Reactions in the region",
		"It is an authoritarian act.",
		"Bárcena said a number of diplomats were hurt & shaken.",
	} {
		if !strings.Contains(doc.Text, kept) {
			t.Errorf("text lacks %q", kept)
		}
	}
}

func TestParseHTMLMetadata(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want meta
	}{
		{
			name: "og:locale gives the language",
			in:   `<html><head><meta property="og:locale" content="es_MX"></head><body><p>The text.</p></body></html>`,
			want: meta{ID: "page", Title: "The text.", Language: lang.Spanish},
		},
		{
			name: "html lang wins over og:locale",
			in:   `<html lang="en"><head><meta property="og:locale" content="es_MX"></head><body><p>El texto.</p></body></html>`,
			want: meta{ID: "page", Title: "El texto.", Language: lang.English},
		},
		{
			name: "first title meta wins",
			in:   `<head><meta name="twitter:title" content="Twitter"><meta property="og:title" content="OG"><title>Title</title></head><body><h1>H1</h1><p>Text.</p></body>`,
			want: meta{ID: "page", Title: "Twitter", Language: lang.English},
		},
		{
			name: "h1 before title element",
			in:   `<head><title>Title | Site</title></head><body><h1>Headline</h1><p>Text.</p></body>`,
			want: meta{ID: "page", Title: "Headline", Language: lang.English},
		},
		{
			name: "unreadable date dropped, not an error",
			in:   `<head><meta property="article:published_time" content="last week"></head><body><p>Text.</p></body>`,
			want: meta{ID: "page", Title: "Text.", Language: lang.English},
		},
		{
			name: "publisher meta is the source",
			in:   `<head><meta name="publisher" content="El País"><meta itemprop="datePublished" content="2024-04-06T08:00:00+02:00"></head><body><p>Text.</p></body>`,
			want: meta{ID: "page", Title: "Text.", Source: "El País", Date: "2024-04-06", Language: lang.English},
		},
		{
			name: "canonical link rel is case-insensitive",
			in:   `<head><link rel="Canonical" href="https://www.elpais.com/a"></head><body><p>Text.</p></body>`,
			want: meta{ID: "page", Title: "Text.", Source: "elpais.com", URL: "https://www.elpais.com/a", Language: lang.English},
		},
		{
			name: "fragment without html element",
			in:   `<p>Just a paragraph.</p>`,
			want: meta{ID: "page", Title: "Just a paragraph.", Language: lang.English},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := corpus.Parse("page.htm", []byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := metaOf(doc); got != tt.want {
				t.Errorf("Parse metadata =\n %+v\nwant\n %+v", got, tt.want)
			}
		})
	}
}

// TestParseHTMLHidden: hidden elements hold no article prose. The boolean
// attribute is almost always written bare (<div hidden>), with an empty
// value.
func TestParseHTMLHidden(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{name: "bare hidden attribute", in: `<article><p>Kept.</p><div hidden>Secret paywall text.</div></article>`},
		{name: "hidden=hidden", in: `<article><p>Kept.</p><div hidden="hidden">Secret paywall text.</div></article>`},
		{name: "aria-hidden", in: `<article><p>Kept.</p><div aria-hidden="true">Secret paywall text.</div></article>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := corpus.Parse("page.html", []byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if doc.Text != "Kept." {
				t.Errorf("text = %q, want %q", doc.Text, "Kept.")
			}
		})
	}
}

var validID = regexp.MustCompile(`^[\p{L}\p{N}._-]+$`)

func FuzzParse(f *testing.F) {
	names := []string{"a.md", "a.html", "a.txt", "a.htm", "a.markdown"}
	for _, file := range []string{"ap_article.html", "es_main.html", "body_only.html"} {
		data, err := os.ReadFile(filepath.Join("testdata", "html", file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(1), data)
	}
	for _, s := range []string{
		"---\ntitle: T\ndate: 2024-04-06\nsource: https://x.y/z\n---\n# H\n\nBody *x* [l](u).",
		"---\ntitle: [\n---\n",
		"---\n",
		"---\r\n...\r\nx",
		"Title\n\nBody.\n",
		"",
		"\ufeff",
		"```\n",
		"<p hidden>x</p><article><h1>T</h1><p>T</p></article>",
		"---\ndate: 99999-99-99\n---\nx",
		"---\nid: \"///\"\n---\nx",
		"Title\nBy Jane Doe\nQUITO (AP) —\nThe Applicant asks the\nCourt to rule.\n== H ==\nBorn: 1 May\n- a\n* b\n1. c\n– Sub –\n",
		"---\ntitle: T\n---\n> quoted,\n> Canseco said.\n\n- item one\n  continued\n+ item two\n\nKey: value\nOther: value\n",
	} {
		for i := range names {
			f.Add(uint8(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, ext uint8, data []byte) {
		name := names[int(ext)%len(names)]
		doc, err := corpus.Parse(name, data)
		if err != nil {
			if doc != nil {
				t.Fatalf("Parse returned a document and error %v", err)
			}
			return
		}
		if doc.Text == "" || strings.TrimSpace(doc.Text) != doc.Text {
			t.Fatalf("Text %q is empty or untrimmed", doc.Text)
		}
		if !utf8.ValidString(doc.Text) || !utf8.ValidString(doc.Title) {
			t.Fatalf("invalid UTF-8 in text %q or title %q", doc.Text, doc.Title)
		}
		if !validID.MatchString(doc.ID) {
			t.Fatalf("ID %q has unsafe characters", doc.ID)
		}
		if doc.Title == "" {
			t.Fatal("empty Title")
		}
		if doc.Language != lang.English && doc.Language != lang.Spanish {
			t.Fatalf("Language %q", doc.Language)
		}
		if doc.Date != "" && !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(doc.Date) {
			t.Fatalf("Date %q is not YYYY-MM-DD", doc.Date)
		}
		if len(doc.Hash) != 64 {
			t.Fatalf("Hash %q", doc.Hash)
		}
		checkChunks(t, doc, corpus.Split(doc))
	})
}
