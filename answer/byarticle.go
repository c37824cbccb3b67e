package answer

// ByArticle groups items (citations, or what a caller made of them) by the
// article they cite, in the order each article is first cited, so that an
// article cited three times is one group. article gives an item's document
// id, title, outlet and date: the article is the document id, else the
// other three together.
func ByArticle[T any](items []T, article func(T) (doc, title, source, date string)) [][]T {
	var out [][]T
	at := map[string]int{}
	for _, it := range items {
		key, title, source, date := article(it)
		if key == "" {
			key = title + "\x00" + source + "\x00" + date
		}
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], it)
	}
	return out
}

// CitedArticle is the article of c, for [ByArticle].
func CitedArticle(c Citation) (doc, title, source, date string) {
	return c.DocID, c.Title, c.Source, c.Date
}
