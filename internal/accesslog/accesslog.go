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

		status := c.Response().StatusCode()
		attrs := []slog.Attr{
			slog.String("request_id", requestid.Get(c)),
			slog.String("method", c.Method()),
			slog.String("route", c.Route().Path),
			slog.Int("status", status),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
		}
		if userID, ok := c.Locals(userKey{}).(int64); ok {
			attrs = append(attrs, slog.Int64("user_id", userID))
		}
		if err != nil {
			attrs = append(attrs, slog.String("err", err.Error()))
		}

		level := slog.LevelInfo
		switch route := c.Route().Path; {
		case status >= fiber.StatusInternalServerError:
			level = slog.LevelError
		case status == fiber.StatusOK && (route == "/healthz" || route == "/readyz"):
			level = slog.LevelDebug
		}
		logger.LogAttrs(context.Background(), level, "request", attrs...)
		return nil
	}
}
