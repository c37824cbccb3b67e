package llmtest

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"hash/fnv"
	"math"
	"net/http"
	"strings"
	"unicode"
)

type embeddingsRequest struct {
	Model          string          `json:"model"`
	Input          json.RawMessage `json:"input"`
	EncodingFormat string          `json:"encoding_format"`
	Dimensions     int             `json:"dimensions"`
}

type embeddingItem struct {
	Object    string `json:"object"`
	Index     int    `json:"index"`
	Embedding any    `json:"embedding"` // []float32, or a base64 string
}

type embeddingsResponse struct {
	Object string          `json:"object"`
	Data   []embeddingItem `json:"data"`
	Model  string          `json:"model"`
	Usage  struct {
		PromptTokens int `json:"prompt_tokens"`
		TotalTokens  int `json:"total_tokens"`
	} `json:"usage"`
}

// serveEmbeddings answers POST /v1/embeddings.
func (s *Server) serveEmbeddings(w http.ResponseWriter, r *http.Request, c *call) {
	var req embeddingsRequest
	dec := json.NewDecoder(bytes.NewReader(c.rec.Body))
	if err := dec.Decode(&req); err != nil {
		c.writeError(w, http.StatusBadRequest, "invalid_request_error", "", "malformed JSON body: "+err.Error())
		return
	}
	if req.Model == "" {
		c.writeError(w, http.StatusBadRequest, "invalid_request_error", "", "you must provide a model parameter")
		return
	}
	inputs, msg := parseInput(req.Input)
	if msg != "" {
		c.writeError(w, http.StatusBadRequest, "invalid_request_error", "", msg)
		return
	}
	if req.EncodingFormat != "" && req.EncodingFormat != "float" && req.EncodingFormat != "base64" {
		c.writeError(w, http.StatusBadRequest, "invalid_request_error", "", "encoding_format must be float or base64")
		return
	}
	c.update(func(r *Record) { r.Inputs = len(inputs) })
	c.runHook()

	f := s.nextFault(Embeddings)
	if c.applyBefore(w, f) {
		return
	}
	if f.Malformed {
		c.writeMalformed(w)
		return
	}

	dim := s.dim
	if req.Dimensions > 0 {
		dim = req.Dimensions
	}
	resp := embeddingsResponse{Object: "list", Model: req.Model, Data: make([]embeddingItem, len(inputs))}
	for i, text := range inputs {
		vec := s.embedFunc(text, dim)
		var emb any = vec
		if req.EncodingFormat == "base64" {
			buf := make([]byte, 4*len(vec))
			for j, x := range vec {
				binary.LittleEndian.PutUint32(buf[4*j:], math.Float32bits(x))
			}
			emb = base64.StdEncoding.EncodeToString(buf)
		}
		resp.Data[i] = embeddingItem{Object: "embedding", Index: i, Embedding: emb}
		resp.Usage.PromptTokens += len(words(text))
	}
	resp.Usage.TotalTokens = resp.Usage.PromptTokens
	c.writeJSON(w, resp, f.Cut)
}

// parseInput accepts a string or an array of strings, none of them empty, as
// OpenAI does; msg explains a rejection.
func parseInput(raw json.RawMessage) (inputs []string, msg string) {
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		inputs = []string{one}
	} else if err := json.Unmarshal(raw, &inputs); err != nil {
		return nil, "input must be a string or an array of strings"
	}
	if len(inputs) == 0 {
		return nil, "input must not be empty"
	}
	for _, in := range inputs {
		if in == "" {
			return nil, "'$.input' is invalid: empty string"
		}
	}
	return inputs, ""
}

// Vector is the built-in embedding: a signed, hashed bag of words, L2
// normalised. Each lower-cased word (a run of letters and digits) adds ±1 at
// a position chosen by its FNV-1a hash, so texts sharing words get a higher
// cosine similarity, and equal texts equal vectors. A text with no words is
// hashed whole.
func Vector(text string, dim int) []float32 {
	if dim <= 0 {
		dim = DefaultDimension
	}
	v := make([]float32, dim)
	ws := words(text)
	if len(ws) == 0 {
		ws = []string{text}
	}
	for _, w := range ws {
		h := fnv.New64a()
		_, _ = h.Write([]byte(w))
		sum := h.Sum64()
		sign := float32(1)
		if sum>>63 == 1 {
			sign = -1
		}
		v[sum%uint64(dim)] += sign
	}
	var norm float64
	for _, x := range v {
		norm += float64(x) * float64(x)
	}
	if norm == 0 { // every word cancelled out
		v[0] = 1
		return v
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range v {
		v[i] *= inv
	}
	return v
}

// words splits text into lower-cased runs of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
