package main

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/todo-app/todo/internal/clientip"
	"github.com/todo-app/todo/internal/logging"
)

// serveConfig is the environment of `auth serve`, read once at start-up.
type serveConfig struct {
	ListenAddr     string
	DatabaseURL    string
	TokenTTL       time.Duration
	TrustedProxies clientip.Resolver
	LogLevel       slog.Level
}

// migrateConfig is the environment of `auth migrate`.
type migrateConfig struct {
	AdminDatabaseURL string
	AuthDBPassword   string
	TodoDBPassword   string
	LogLevel         slog.Level
}

const (
	defaultListenAddr       = "127.0.0.1:5000"
	defaultDatabaseURL      = "postgres://auth_service@127.0.0.1:5432/todo?sslmode=disable"
	defaultAdminDatabaseURL = "postgres://postgres@127.0.0.1:5432/todo?sslmode=disable"
	defaultTokenTTL         = 24 * time.Hour
	// maxTokenTTL keeps a typo such as 24000h from issuing near-permanent tokens.
	maxTokenTTL = 365 * 24 * time.Hour
)

func envOr(getenv func(string) string, key, fallback string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return fallback
}

func loadServeConfig(getenv func(string) string) (serveConfig, error) {
	cfg := serveConfig{
		ListenAddr:  envOr(getenv, "LISTEN_ADDR", defaultListenAddr),
		DatabaseURL: envOr(getenv, "DATABASE_URL", defaultDatabaseURL),
		TokenTTL:    defaultTokenTTL,
	}
	var errs []error

	if v := getenv("TOKEN_TTL"); v != "" {
		ttl, err := time.ParseDuration(v)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("invalid TOKEN_TTL %q: use a Go duration such as 24h or 90m", v))
		case ttl < time.Second || ttl > maxTokenTTL:
			errs = append(errs, fmt.Errorf("invalid TOKEN_TTL %q: must be between 1s and %s", v, maxTokenTTL))
		default:
			cfg.TokenTTL = ttl
		}
	}

	resolver, err := clientip.ParseTrusted(getenv("TRUSTED_PROXIES"))
	if err != nil {
		errs = append(errs, fmt.Errorf("TRUSTED_PROXIES: %w", err))
	}
	cfg.TrustedProxies = resolver

	level, err := logging.ParseLevel(getenv("LOG_LEVEL"))
	if err != nil {
		errs = append(errs, err)
	}
	cfg.LogLevel = level

	return cfg, errors.Join(errs...)
}

func loadMigrateConfig(getenv func(string) string) (migrateConfig, error) {
	cfg := migrateConfig{
		AdminDatabaseURL: envOr(getenv, "ADMIN_DATABASE_URL", defaultAdminDatabaseURL),
		AuthDBPassword:   getenv("AUTH_DB_PASSWORD"),
		TodoDBPassword:   getenv("TODO_DB_PASSWORD"),
	}
	var errs []error
	if cfg.AuthDBPassword == "" {
		errs = append(errs, errors.New("AUTH_DB_PASSWORD is required: it becomes the password of the role auth_service"))
	}
	if cfg.TodoDBPassword == "" {
		errs = append(errs, errors.New("TODO_DB_PASSWORD is required: it becomes the password of the role todo_api"))
	}
	level, err := logging.ParseLevel(getenv("LOG_LEVEL"))
	if err != nil {
		errs = append(errs, err)
	}
	cfg.LogLevel = level
	return cfg, errors.Join(errs...)
}
