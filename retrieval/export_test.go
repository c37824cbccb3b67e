package retrieval

// ForgetSegments drops every data directory's segments from memory, as a
// new process would start: the next Build reads them from disk.
func ForgetSegments() {
	storesMu.Lock()
	defer storesMu.Unlock()
	clear(stores)
}
