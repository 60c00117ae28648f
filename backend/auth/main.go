// Command auth is the auth service: it registers users, issues and revokes
// session tokens and validates them for the to-do API.
//
// Usage:
//
//	auth [serve]      serve the HTTP API on LISTEN_ADDR
//	auth migrate      apply schema/ and create or update the database roles
//	auth healthcheck  exit 0 when /healthz on LISTEN_ADDR returns 200
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/todo-app/todo/backend/auth/httpapi"
	"github.com/todo-app/todo/backend/auth/password"
	"github.com/todo-app/todo/backend/auth/store"
	"github.com/todo-app/todo/backend/auth/throttle"
	"github.com/todo-app/todo/internal/httpserver"
	"github.com/todo-app/todo/internal/logging"
	"github.com/todo-app/todo/internal/migrate"
	"github.com/todo-app/todo/internal/postgres"
	"github.com/todo-app/todo/schema"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "auth:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	command := "serve"
	if len(args) > 1 {
		command = args[1]
	}
	if len(args) > 2 {
		return fmt.Errorf("unexpected argument %q; usage: auth [serve|migrate|healthcheck]", args[2])
	}

	switch command {
	case "serve":
		return serve(ctx, getenv, stdout)
	case "migrate":
		return runMigrate(ctx, getenv, stdout)
	case "healthcheck":
		return httpserver.Healthcheck(ctx, envOr(getenv, "LISTEN_ADDR", defaultListenAddr))
	}
	return fmt.Errorf("unknown command %q; usage: auth [serve|migrate|healthcheck]", command)
}

func serve(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	cfg, err := loadServeConfig(getenv)
	if err != nil {
		return err
	}
	logger := logging.New(stdout, cfg.LogLevel, "auth")

	db, err := postgres.Open(cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("DATABASE_URL: %w", err)
	}
	defer db.Close()
	if err := postgres.Ping(ctx, db); err != nil {
		logger.Warn("database unreachable at start-up; /readyz fails until it connects", "err", err.Error())
	}

	st := store.New(db)
	app, err := httpapi.NewApp(httpapi.Config{
		Store:    st,
		Hasher:   password.NewHasher(password.DefaultParams),
		Limiter:  throttle.New(throttle.DefaultMaxFailures, throttle.DefaultWindow, time.Now),
		Resolver: cfg.TrustedProxies,
		TokenTTL: cfg.TokenTTL,
		Logger:   logger,
	})
	if err != nil {
		return err
	}

	go pruneSessions(ctx, st, logger)
	return httpserver.Serve(ctx, app, cfg.ListenAddr, logger)
}

func runMigrate(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	cfg, err := loadMigrateConfig(getenv)
	if err != nil {
		return err
	}
	logger := logging.New(stdout, cfg.LogLevel, "auth")

	migrations, err := migrate.Load(schema.Migrations)
	if err != nil {
		return err
	}
	db, err := postgres.OpenSQL(cfg.AdminDatabaseURL)
	if err != nil {
		return fmt.Errorf("ADMIN_DATABASE_URL: %w", err)
	}
	defer db.Close()
	if err := postgres.Ping(ctx, db); err != nil {
		return err
	}

	roles := []migrate.Role{
		{Name: "auth_service", Password: cfg.AuthDBPassword},
		{Name: "todo_api", Password: cfg.TodoDBPassword},
	}
	if err := migrate.Run(ctx, db, migrations, roles, logger); err != nil {
		return err
	}
	logger.Info("migrations complete", "count", len(migrations))
	return nil
}
