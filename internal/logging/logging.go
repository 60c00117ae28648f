// Package logging builds the JSON logger that both services write to stdout.
package logging

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// ParseLevel converts a LOG_LEVEL value (debug, info, warn or error, in any
// case) to a slog level. An empty value means info, and warning is accepted
// as warn.
func ParseLevel(s string) (slog.Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "debug":
		return slog.LevelDebug, nil
	case "", "info":
		return slog.LevelInfo, nil
	case "warn", "warning":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("invalid LOG_LEVEL %q: use debug, info, warn or error", s)
}

// New returns a JSON logger writing to w at the given level, tagged with the
// service name.
func New(w io.Writer, level slog.Level, service string) *slog.Logger {
	handler := slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level})
	return slog.New(handler).With("service", service)
}
