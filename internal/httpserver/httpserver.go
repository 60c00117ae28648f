// Package httpserver builds the Fiber app both services share, serves it until
// the context ends, and probes a running server for container health checks.
package httpserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/todo-app/todo/internal/accesslog"
	"github.com/todo-app/todo/internal/problem"
	"github.com/todo-app/todo/internal/requestid"
)

// BodyLimit is the largest request body accepted, in bytes. The largest valid
// body is a 500-character title written as JSON \u escapes, about 6 KB, so
// 64 KiB leaves room without letting a client make the server buffer much.
const BodyLimit = 64 << 10

// ShutdownTimeout bounds how long in-flight requests may drain on SIGTERM.
const ShutdownTimeout = 10 * time.Second

// App is the Fiber app type, named here so callers need not import Fiber.
type App = *fiber.App

// NewApp returns a Fiber app with the shared error handler, request ids,
// access log and a problem+json 501 for unknown request methods installed.
// Callers add their routes, then call Finish. Routing is case-sensitive and
// strict, so /todos/1/ or /login/ is an unknown route rather than another
// spelling of /todos/1 or /login.
func NewApp(logger *slog.Logger) *fiber.App {
	app := fiber.New(fiber.Config{
		BodyLimit:             BodyLimit,
		CaseSensitive:         true,
		StrictRouting:         true,
		DisableStartupMessage: true,
		ErrorHandler:          problem.Handler,
		ReadTimeout:           10 * time.Second,
		WriteTimeout:          10 * time.Second,
		IdleTimeout:           60 * time.Second,
	})
	rejectUnknownMethods(app, logger)
	app.Use(requestid.New())
	app.Use(accesslog.New(logger))
	return app
}

// Finish installs the JSON 404 for unknown routes. Call it after the last route.
func Finish(app *fiber.App) {
	app.Use(problem.NotFound)
}

// Serve listens on addr and serves app until ctx ends, then stops accepting
// connections and waits up to ShutdownTimeout for in-flight requests. A
// server that stops because ctx ended returns nil.
func Serve(ctx context.Context, app *fiber.App, addr string, logger *slog.Logger) error {
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ServeListener(ctx, app, listener, logger)
}

// ServeListener is Serve on a listener the caller opened.
func ServeListener(ctx context.Context, app *fiber.App, listener net.Listener, logger *slog.Logger) error {
	logger.Info("server started", "addr", listener.Addr().String())

	served := make(chan error, 1)
	go func() { served <- app.Listener(listener) }()

	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	logger.Info("server stopping", "drain_timeout", ShutdownTimeout.String())
	if err := app.ShutdownWithTimeout(ShutdownTimeout); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, net.ErrClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	logger.Info("server stopped")
	return nil
}

// Healthcheck GETs /healthz on the server listening at listenAddr and returns
// nil on a 200. A wildcard listen host (empty, 0.0.0.0 or ::) is probed on
// loopback.
func Healthcheck(ctx context.Context, listenAddr string) error {
	host, port, err := net.SplitHostPort(listenAddr)
	if err != nil {
		return fmt.Errorf("invalid LISTEN_ADDR %q: %w", listenAddr, err)
	}
	switch strings.Trim(host, "[]") {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	url := "http://" + net.JoinHostPort(host, port) + "/healthz"

	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health check of %s failed: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health check of %s failed: status %d", url, resp.StatusCode)
	}
	return nil
}
