package accesslog

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
)

func TestLogLevels(t *testing.T) {
	cases := []struct {
		path  string
		level string
	}{
		{"/healthz", "DEBUG"},
		{"/readyz", "DEBUG"},
		{"/readyz?fail=1", "ERROR"},
		{"/items", "INFO"},
		{"/missing", "INFO"},
	}

	for _, tc := range cases {
		var logged bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
		app := fiber.New()
		app.Use(New(logger))
		app.Get("/healthz", func(c *fiber.Ctx) error { return c.SendString("ok") })
		app.Get("/readyz", func(c *fiber.Ctx) error {
			if c.Query("fail") != "" {
				return c.SendStatus(fiber.StatusServiceUnavailable)
			}
			return c.SendString("ok")
		})
		app.Get("/items", func(c *fiber.Ctx) error { return c.SendString("ok") })

		response, err := app.Test(httptest.NewRequest("GET", tc.path, nil))
		if err != nil {
			t.Fatalf("GET %s: %v", tc.path, err)
		}
		response.Body.Close()

		var line struct {
			Level string `json:"level"`
		}
		if err := json.Unmarshal(logged.Bytes(), &line); err != nil {
			t.Fatalf("GET %s: log %q is not one JSON line: %v", tc.path, logged.String(), err)
		}
		if line.Level != tc.level {
			t.Errorf("GET %s: logged at %s, want %s", tc.path, line.Level, tc.level)
		}
	}
}
