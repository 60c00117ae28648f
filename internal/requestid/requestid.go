// Package requestid gives every request an id that appears in the logs, in
// the X-Request-ID response header and in calls to other services.
package requestid

import (
	"crypto/rand"
	"encoding/hex"

	"github.com/gofiber/fiber/v2"
)

// Header is the request and response header that carries the id.
const Header = "X-Request-ID"

// MaxLen bounds an id accepted from a client, so a caller cannot inflate logs.
const MaxLen = 64

type localsKey struct{}

// New returns middleware that keeps a well-formed incoming id and otherwise
// generates one. An id is well formed when it has 1 to 64 ASCII letters,
// digits, '.', '_' or '-', which keeps it safe in headers and logs.
func New() fiber.Handler {
	return func(c *fiber.Ctx) error {
		id := FromHeader(c.Get(Header))
		c.Locals(localsKey{}, id)
		c.Set(Header, id)
		return c.Next()
	}
}

// FromHeader returns a copy of value when it is a well-formed id, and a newly
// generated id otherwise. The copy matters because Fiber and fasthttp reuse
// the buffer that header values point into.
func FromHeader(value string) string {
	if Valid(value) {
		return string([]byte(value))
	}
	return generate()
}

// Get returns the id of the request, or "" before the middleware has run.
func Get(c *fiber.Ctx) string {
	id, _ := c.Locals(localsKey{}).(string)
	return id
}

// Valid reports whether id is acceptable as a request id.
func Valid(id string) bool {
	if id == "" || len(id) > MaxLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

func generate() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never returns an error since Go 1.24
	return hex.EncodeToString(b[:])
}
