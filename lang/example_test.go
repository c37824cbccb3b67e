package lang_test

import (
	"fmt"

	"github.com/footnote-bot/footnote/lang"
)

func ExampleSentences() {
	text := "“This is not possible. It cannot be. This is crazy,” Roberto Canseco said. Mr. Glas was arrested in the U.S. State Department’s view."
	for _, sp := range lang.Sentences(text) {
		fmt.Println(text[sp.Start:sp.End])
	}
	// Output:
	// “This is not possible. It cannot be. This is crazy,” Roberto Canseco said.
	// Mr. Glas was arrested in the U.S. State Department’s view.
}

func ExampleTokenize() {
	text := "Mexico’s 1,200 diplomats in the U.S. break-in"
	for _, t := range lang.Tokenize(text) {
		fmt.Printf("%s %q\n", t.Text, text[t.Start:t.End])
	}
	// Output:
	// mexico "Mexico"
	// 1200 "1,200"
	// diplomats "diplomats"
	// in "in"
	// the "the"
	// u.s "U.S"
	// break "break"
	// in "in"
}

func ExampleFold() {
	fmt.Println(lang.Fold("“López  Obrador’s”\u00a0visit"))
	// Output: "lopez obrador's" visit
}
