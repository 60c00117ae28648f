// Package accesslog writes one structured log line per HTTP request.
package accesslog

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/todo-app/todo/internal/requestid"
)

type userKey struct{}

// SetUser records the authenticated user of the request for the log line.
func SetUser(c *fiber.Ctx, userID int64) {
	c.Locals(userKey{}, userID)
}

// New returns middleware that logs request_id, method, route, status,
// duration_ms, user_id and err after each request. It calls the app's error
// handler itself so the logged status is the one sent. It logs 5xx at Error,
// a passed health check at Debug, because container health checks would
// otherwise add a line every few seconds, and everything else at Info.
// Headers and bodies are never logged, so tokens and passwords stay out of
// the log.
func New(logger *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		err := c.Next()
		if err != nil {
			if handlerErr := c.App().Config().ErrorHandler(c, err); handlerErr != nil {
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}

		entry := Entry{
			RequestID: requestid.Get(c),
			Method:    c.Method(),
			Route:     c.Route().Path,
			Status:    c.Response().StatusCode(),
			Duration:  time.Since(start),
		}
		entry.UserID, _ = c.Locals(userKey{}).(int64)
		if err != nil {
			entry.Err = err.Error()
		}

		level := slog.LevelInfo
		switch {
		case entry.Status >= fiber.StatusInternalServerError:
			level = slog.LevelError
		case entry.Status == fiber.StatusOK && (entry.Route == "/healthz" || entry.Route == "/readyz"):
			level = slog.LevelDebug
		}
		Write(logger, level, entry)
		return nil
	}
}

// Entry is one access log line. A zero UserID and an empty Err are left out.
type Entry struct {
	RequestID string
	Method    string
	Route     string
	Status    int
	Duration  time.Duration
	UserID    int64
	Err       string
}

// Write logs e as a "request" line at level. Every access log line of the
// services goes through it, so they all carry the same fields.
func Write(logger *slog.Logger, level slog.Level, e Entry) {
	attrs := []slog.Attr{
		slog.String("request_id", e.RequestID),
		slog.String("method", e.Method),
		slog.String("route", e.Route),
		slog.Int("status", e.Status),
		slog.Float64("duration_ms", float64(e.Duration.Microseconds())/1000),
	}
	if e.UserID != 0 {
		attrs = append(attrs, slog.Int64("user_id", e.UserID))
	}
	if e.Err != "" {
		attrs = append(attrs, slog.String("err", e.Err))
	}
	logger.LogAttrs(context.Background(), level, "request", attrs...)
}
