package httpserver

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/todo-app/todo/internal/todo"
)

// readyTimeout bounds one readiness probe's call to ping.
const readyTimeout = time.Second

// RegisterHealthRoutes adds GET /healthz and GET /readyz to app. /healthz
// returns 200 whenever the process serves requests. /readyz returns 200 when
// ping succeeds within one second, and otherwise a 503 problem whose body
// omits the cause, which goes to logger at Warn.
func RegisterHealthRoutes(app *fiber.App, ping func(context.Context) error, logger *slog.Logger) {
	app.Get("/healthz", func(c *fiber.Ctx) error {
		return c.JSON(fiber.Map{"status": "ok"})
	})

	app.Get("/readyz", func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(c.UserContext(), readyTimeout)
		defer cancel()

		if err := ping(ctx); err != nil {
			logger.Warn("readiness check failed", "err", err.Error())
			return todo.Errorf(todo.EUNAVAILABLE, "The database is unreachable.")
		}
		return c.JSON(fiber.Map{"status": "ok"})
	})
}
