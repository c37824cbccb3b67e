package lexicon

// DecodeKinds decodes the embedded kinds table afresh, for benchmarks.
func DecodeKinds() (map[string]Kind, error) { return decodeKinds(kindsData) }
