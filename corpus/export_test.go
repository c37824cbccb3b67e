package corpus

// Chunk sizes, for tests of Split in package corpus_test.
const (
	TargetWords = targetWords
	MaxWords    = maxWords
)
