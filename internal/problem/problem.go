// Package problem turns handler errors into application/problem+json
// responses (RFC 9457) with one stable shape for both services.
package problem

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/todo-app/todo/internal/requestid"
	"github.com/todo-app/todo/internal/todo"
)

// ContentType is the media type of every error body.
const ContentType = "application/problem+json"

// Details is an error body. Type is always "about:blank", so Title is the
// standard phrase for Status. Errors holds one message per invalid field and
// appears only on validation failures.
type Details struct {
	Type      string            `json:"type"`
	Title     string            `json:"title"`
	Status    int               `json:"status"`
	Detail    string            `json:"detail"`
	Errors    map[string]string `json:"errors,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
}

// statusByCode maps domain error codes to HTTP status codes.
var statusByCode = map[string]int{
	todo.EINVALID:      http.StatusBadRequest,
	todo.EUNAUTHORIZED: http.StatusUnauthorized,
	todo.ENOTFOUND:     http.StatusNotFound,
	todo.ECONFLICT:     http.StatusConflict,
	todo.ETOOMANY:      http.StatusTooManyRequests,
	todo.EUNAVAILABLE:  http.StatusServiceUnavailable,
	todo.EINTERNAL:     http.StatusInternalServerError,
}

// detailByStatus holds the client message for errors raised by Fiber itself,
// whose own text may echo the request path.
var detailByStatus = map[int]string{
	http.StatusBadRequest:                  "The request is malformed.",
	http.StatusNotFound:                    "The requested resource does not exist.",
	http.StatusMethodNotAllowed:            "The method is not allowed on this resource.",
	http.StatusRequestTimeout:              "The request took too long to arrive.",
	http.StatusRequestEntityTooLarge:       "The request body is too large.",
	http.StatusUnsupportedMediaType:        "The request body must be application/json.",
	http.StatusRequestHeaderFieldsTooLarge: "The request headers are too large.",
	http.StatusServiceUnavailable:          "The service is temporarily unavailable.",
}

const internalDetail = "An internal error occurred. Try again later."

// Handler is the Fiber ErrorHandler of both services. Domain errors keep
// their message, Fiber errors get a fixed message for their status, and any
// other error becomes a generic 500. It does not log: the access log records
// the cause of every error that reaches it.
func Handler(c *fiber.Ctx, err error) error {
	p := FromError(err)
	p.RequestID = requestid.Get(c)
	return send(c, p)
}

// FromError builds the response body for err.
func FromError(err error) Details {
	var domainErr *todo.Error
	if errors.As(err, &domainErr) {
		status, ok := statusByCode[domainErr.Code]
		if !ok || status == http.StatusInternalServerError {
			return New(http.StatusInternalServerError, internalDetail)
		}
		p := New(status, domainErr.Message)
		p.Errors = domainErr.Fields
		return p
	}

	var fiberErr *fiber.Error
	if errors.As(err, &fiberErr) && fiberErr.Code < http.StatusInternalServerError {
		detail, ok := detailByStatus[fiberErr.Code]
		if !ok {
			detail = http.StatusText(fiberErr.Code) + "."
		}
		return New(fiberErr.Code, detail)
	}

	return New(http.StatusInternalServerError, internalDetail)
}

// New returns a body for status with the given detail.
func New(status int, detail string) Details {
	title := http.StatusText(status)
	if title == "" {
		title = "Error"
	}
	return Details{Type: "about:blank", Title: title, Status: status, Detail: detail}
}

// send writes p as the response.
func send(c *fiber.Ctx, p Details) error {
	if p.Status == http.StatusUnauthorized {
		c.Set(fiber.HeaderWWWAuthenticate, "Bearer")
	}
	c.Status(p.Status)
	return c.JSON(p, ContentType)
}

// NotFound is the last handler of each app, so an unknown route gets a JSON 404.
func NotFound(c *fiber.Ctx) error {
	return fiber.ErrNotFound
}
