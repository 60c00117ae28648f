// Command todo is the to-do API: it serves each user's to-dos after the auth
// service has validated the request's bearer token.
//
// Usage:
//
//	todo [serve]      serve the HTTP API on LISTEN_ADDR
//	todo healthcheck  exit 0 when /healthz on LISTEN_ADDR returns 200
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/todo-app/todo/backend/todo/authclient"
	"github.com/todo-app/todo/backend/todo/httpapi"
	"github.com/todo-app/todo/backend/todo/store"
	"github.com/todo-app/todo/internal/httpserver"
	"github.com/todo-app/todo/internal/logging"
	"github.com/todo-app/todo/internal/postgres"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "todo:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	command := "serve"
	if len(args) > 1 {
		command = args[1]
	}
	if len(args) > 2 {
		return fmt.Errorf("unexpected argument %q; usage: todo [serve|healthcheck]", args[2])
	}

	switch command {
	case "serve":
		return serve(ctx, getenv, stdout)
	case "healthcheck":
		return httpserver.Healthcheck(ctx, envOr(getenv, "LISTEN_ADDR", defaultListenAddr))
	}
	return fmt.Errorf("unknown command %q; usage: todo [serve|healthcheck]", command)
}

func serve(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	logger := logging.New(stdout, cfg.LogLevel, "todo")
	if cfg.PprofAddr != "" {
		go serveProfiler(ctx, cfg.PprofAddr, logger)
	}

	auth, err := authclient.New(cfg.AuthURL, cfg.AuthTimeout)
	if err != nil {
		return err
	}
	defer auth.Close()

	db, err := postgres.Open(cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("DATABASE_URL: %w", err)
	}
	defer db.Close()
	if err := postgres.Ping(ctx, db); err != nil {
		logger.Warn("database unreachable at start-up; /readyz fails until it connects", "err", err.Error())
	}

	app := httpapi.NewApp(httpapi.Config{Store: store.New(db), Auth: auth, Logger: logger})
	return httpserver.Serve(ctx, app, cfg.ListenAddr, logger)
}
