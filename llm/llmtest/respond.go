package llmtest

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// errorBody is OpenAI's error envelope.
type errorBody struct {
	Error struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    *string `json:"code"`
	} `json:"error"`
}

// writeError writes an OpenAI-shaped error; an empty code is sent as null.
func writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	var b errorBody
	b.Error.Message, b.Error.Type = msg, typ
	if code != "" {
		b.Error.Code = &code
	}
	data, _ := json.Marshal(b)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

func (c *call) writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	c.update(func(r *Record) { r.Status = status })
	c.done()
	writeError(w, status, typ, code, msg)
}

// writeJSON writes v with status 200. With cut it writes only the first half
// of the body and then drops the connection.
func (c *call) writeJSON(w http.ResponseWriter, v any, cut bool) {
	data, err := json.Marshal(v)
	if err != nil {
		c.writeError(w, http.StatusInternalServerError, "server_error", "", err.Error())
		return
	}
	c.update(func(r *Record) { r.Status = http.StatusOK })
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	c.done()
	if cut {
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(data[:len(data)/2])
		_ = http.NewResponseController(w).Flush()
		panic(http.ErrAbortHandler) // the server closes the connection without logging
	}
	_, _ = w.Write(data)
}

// writeMalformed answers 200 with a JSON syntax error in the body.
func (c *call) writeMalformed(w http.ResponseWriter) {
	c.update(func(r *Record) { r.Status = http.StatusOK })
	c.done()
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"object": "list", "data": [}}}`))
}
