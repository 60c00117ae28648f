// Package jsonbody decodes JSON request bodies strictly, turning every kind
// of bad input into an error that the problem handler maps to 400 or 415.
package jsonbody

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/todo-app/todo/internal/todo"
)

// checkContentType returns fiber.ErrUnsupportedMediaType unless the request
// declares application/json, with an optional UTF-8 charset.
func checkContentType(c *fiber.Ctx) error {
	mediaType, params, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	if err != nil || mediaType != fiber.MIMEApplicationJSON {
		return fiber.ErrUnsupportedMediaType
	}
	if charset, ok := params["charset"]; ok && !strings.EqualFold(charset, "utf-8") {
		return fiber.ErrUnsupportedMediaType
	}
	return nil
}

// Decode checks the content type, then decodes the body as exactly one JSON
// object into dst. Unknown fields, trailing data, invalid UTF-8, escapes of
// unpaired surrogates and type mismatches are rejected with a 400 that names
// the problem but never echoes the input. A compressed body gets a 415,
// because inflating it could exceed the body limit many times over. Strings
// in dst are copies, so they may outlive the handler.
func Decode(c *fiber.Ctx, dst any) error {
	if err := checkContentType(c); err != nil {
		return err
	}
	if encoding := c.Get(fiber.HeaderContentEncoding); encoding != "" && !strings.EqualFold(encoding, "identity") {
		return fiber.ErrUnsupportedMediaType
	}
	// Request().Body() is the body as received, while c.Body() would inflate it.
	return DecodeBytes(c.Request().Body(), dst)
}

// DecodeBytes is Decode without the content type check.
func DecodeBytes(body []byte, dst any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return todo.Errorf(todo.EINVALID, "The request body is empty; send a JSON object.")
	}
	// encoding/json would silently turn invalid UTF-8 into U+FFFD.
	if !utf8.Valid(body) {
		return todo.Errorf(todo.EINVALID, "The request body must be valid UTF-8.")
	}
	if hasLoneSurrogate(body) {
		return todo.Errorf(todo.EINVALID, "The request body has an unpaired UTF-16 surrogate escape. Send valid Unicode text.")
	}
	if body[0] != '{' {
		return todo.Errorf(todo.EINVALID, "The request body must be a JSON object.")
	}

	decoder := json.NewDecoder(bytes.NewReader(body))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(dst); err != nil {
		return describe(err)
	}
	if _, err := decoder.Token(); !errors.Is(err, io.EOF) {
		return todo.Errorf(todo.EINVALID, "The request body must hold a single JSON object.")
	}
	return nil
}

// hasLoneSurrogate reports whether body has a \u escape of a UTF-16
// surrogate that is not a high surrogate followed by a low one.
// encoding/json would silently decode it as U+FFFD, so two different
// passwords could hash alike and a title would not come back as sent.
// Backslashes outside strings are a syntax error that the decoder reports.
func hasLoneSurrogate(body []byte) bool {
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' {
			continue
		}
		r, ok := unicodeEscape(body, i)
		if !ok {
			i++ // skip the escaped character, which may itself be a backslash
			continue
		}
		if !utf16.IsSurrogate(r) {
			i += 5
			continue
		}
		if r >= 0xDC00 {
			return true
		}
		low, ok := unicodeEscape(body, i+6)
		if !ok || low < 0xDC00 || low > 0xDFFF {
			return true
		}
		i += 11
	}
	return false
}

// unicodeEscape decodes the \uXXXX escape that starts at body[i], if any.
func unicodeEscape(body []byte, i int) (rune, bool) {
	if i+6 > len(body) || body[i] != '\\' || body[i+1] != 'u' {
		return 0, false
	}
	n, err := strconv.ParseUint(string(body[i+2:i+6]), 16, 16)
	if err != nil {
		return 0, false
	}
	return rune(n), true
}

func describe(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		message := fmt.Sprintf("Field %q must be a JSON %s.", typeErr.Field, jsonKind(typeErr.Type.Kind().String()))
		return &todo.Error{Code: todo.EINVALID, Message: message, Fields: map[string]string{typeErr.Field: message}}
	}

	// encoding/json reports an unknown field only in its message text, as
	// `json: unknown field "name"`.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		field, unquoteErr := unquote(name)
		if unquoteErr == nil && len(field) <= 64 {
			message := "Unknown field."
			return &todo.Error{Code: todo.EINVALID, Message: fmt.Sprintf("Unknown field %q.", field), Fields: map[string]string{field: message}}
		}
		return todo.Errorf(todo.EINVALID, "The request body has an unknown field.")
	}

	return todo.Errorf(todo.EINVALID, "The request body is not valid JSON.")
}

func unquote(s string) (string, error) {
	var field string
	err := json.Unmarshal([]byte(s), &field)
	return field, err
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "int", "int64", "int32", "float64", "uint", "uint64":
		return "number"
	}
	return "value of another type"
}
