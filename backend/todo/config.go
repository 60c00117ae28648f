package main

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/todo-app/todo/internal/logging"
)

// config is the environment of `todo serve`, read once at start-up.
type config struct {
	ListenAddr  string
	DatabaseURL string
	AuthURL     string
	AuthTimeout time.Duration
	LogLevel    slog.Level
	PprofAddr   string // loopback address for net/http/pprof; empty turns profiling off
}

const (
	defaultListenAddr  = "127.0.0.1:5001"
	defaultDatabaseURL = "postgres://todo_api@127.0.0.1:5432/todo?sslmode=disable"
	defaultAuthURL     = "http://127.0.0.1:5000"
	defaultAuthTimeout = 2 * time.Second
)

func envOr(getenv func(string) string, key, fallback string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return fallback
}

func loadConfig(getenv func(string) string) (config, error) {
	cfg := config{
		ListenAddr:  envOr(getenv, "LISTEN_ADDR", defaultListenAddr),
		DatabaseURL: envOr(getenv, "DATABASE_URL", defaultDatabaseURL),
		AuthURL:     envOr(getenv, "AUTH_URL", defaultAuthURL),
		AuthTimeout: defaultAuthTimeout,
	}
	var errs []error

	if v := getenv("AUTH_TIMEOUT"); v != "" {
		timeout, err := time.ParseDuration(v)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("invalid AUTH_TIMEOUT %q: use a Go duration such as 2s or 500ms", v))
		case timeout <= 0 || timeout > time.Minute:
			errs = append(errs, fmt.Errorf("invalid AUTH_TIMEOUT %q: must be above 0 and at most 1m", v))
		default:
			cfg.AuthTimeout = timeout
		}
	}

	if cfg.PprofAddr = getenv("PPROF_ADDR"); cfg.PprofAddr != "" {
		if err := checkProfilerAddr(cfg.PprofAddr); err != nil {
			errs = append(errs, err)
		}
	}

	level, err := logging.ParseLevel(getenv("LOG_LEVEL"))
	if err != nil {
		errs = append(errs, err)
	}
	cfg.LogLevel = level

	return cfg, errors.Join(errs...)
}
