package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// codec is the base protocol (Content-Length headers, then a JSON body) with
// bounds: a header line longer than the reader's buffer ends the connection,
// a body larger than maxBody is skipped without being held in memory, and a
// body that is not a JSON-RPC message does not end the connection. Both are
// turned into a malformedMethod notification, which the server logs: the
// client's next message is read as usual. (The codec of jsonrpc2 ends the
// connection on a body it cannot decode and allocates what any
// Content-Length asks for.)
type codec struct {
	maxBody int
}

// malformedMethod is the notification a message the codec could not read
// becomes.
const malformedMethod = "$/brazelint/malformedMessage"

func (codec) WriteObject(stream io.Writer, obj any) error {
	// jsonrpc2's messages marshal themselves: calling that directly spares
	// json.Marshal's second pass over what they wrote.
	var data []byte
	var err error
	if m, ok := obj.(json.Marshaler); ok {
		data, err = m.MarshalJSON()
	} else {
		data, err = json.Marshal(obj)
	}
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(stream, "Content-Length: %d\r\n\r\n", len(data)); err != nil {
		return err
	}
	_, err = stream.Write(data)
	return err
}

func (c codec) ReadObject(stream *bufio.Reader, v any) error {
	length := -1
	for {
		line, err := stream.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			return errors.New("lsp: header line too long")
		}
		if err != nil {
			return err
		}
		header := strings.TrimRight(string(line), "\r\n")
		if header == "" {
			if length < 0 {
				continue // a stray blank line between messages
			}
			break
		}
		name, value, ok := strings.Cut(header, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return errors.New("lsp: invalid Content-Length header")
			}
			length = n
		}
	}
	if length > c.maxBody {
		if _, err := io.CopyN(io.Discard, stream, int64(length)); err != nil {
			return err
		}
		return malformed(v, fmt.Sprintf("message of %d bytes skipped: the server reads messages of at most %d bytes", length, c.maxBody))
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(stream, body); err != nil {
		return err
	}
	if err := json.Unmarshal(body, v); err != nil {
		// Say what was wrong without quoting the body: it may hold a payload.
		var syntax *json.SyntaxError
		why := "not a JSON-RPC message"
		if errors.As(err, &syntax) {
			why = fmt.Sprintf("not JSON (at byte %d)", syntax.Offset)
		} else if !bytes.Contains(body, []byte(`"jsonrpc"`)) {
			why = "not a JSON-RPC 2.0 message"
		}
		return malformed(v, "message ignored: "+why)
	}
	return nil
}

// malformed decodes, into v, the notification that stands for a message the
// codec could not read.
func malformed(v any, why string) error {
	msg, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": malformedMethod, "params": map[string]string{"message": why}})
	return json.Unmarshal(msg, v)
}
