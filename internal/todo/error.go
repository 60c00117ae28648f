package todo

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status at the service boundary.
const (
	EINVALID      = "invalid"           // 400: the input breaks a rule
	EUNAUTHORIZED = "unauthorized"      // 401: missing, unknown, expired or revoked credentials
	ENOTFOUND     = "not_found"         // 404: no such item for this user
	ECONFLICT     = "conflict"          // 409: the item already exists
	ETOOMANY      = "too_many_requests" // 429: throttled
	EUNAVAILABLE  = "unavailable"       // 503: a dependency is down
	EINTERNAL     = "internal"          // 500: a fault whose cause is logged, never sent
)

// Error is an error that a user may see. Message is safe to send to a client,
// and Fields holds one message per invalid input field. Internal causes stay
// in ordinary wrapped errors and never reach an Error's Message.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of the first Error in err's
// chain, and a generic message for any other error.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
