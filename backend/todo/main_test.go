package main

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/todo-app/todo/internal/pgtest"
)

func env(values map[string]string) func(string) string {
	return func(key string) string { return values[key] }
}

func TestServeAndStop(t *testing.T) {
	db := pgtest.NewMigrated(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	serveEnv := env(map[string]string{"LISTEN_ADDR": addr, "DATABASE_URL": db.TodoURL, "AUTH_URL": "http://127.0.0.1:1"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"todo", "serve"}, serveEnv, &bytes.Buffer{}) }()

	deadline := time.Now().Add(10 * time.Second)
	for run(context.Background(), []string{"todo", "healthcheck"}, serveEnv, &bytes.Buffer{}) != nil {
		if time.Now().After(deadline) {
			t.Fatal("the server never became healthy")
		}
		time.Sleep(50 * time.Millisecond)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v after the context ended, want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the server did not stop")
	}
}

func TestConfigValues(t *testing.T) {
	for name, values := range map[string]map[string]string{
		"bad AUTH_TIMEOUT":      {"AUTH_TIMEOUT": "soon"},
		"negative AUTH_TIMEOUT": {"AUTH_TIMEOUT": "-1s"},
		"bad LOG_LEVEL":         {"LOG_LEVEL": "verbose"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := loadConfig(env(values)); err == nil {
				t.Error("loadConfig accepted an invalid value")
			}
		})
	}

	cfg, err := loadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ListenAddr != "127.0.0.1:5001" || cfg.AuthURL != "http://127.0.0.1:5000" || cfg.AuthTimeout != 2*time.Second {
		t.Errorf("defaults = %+v", cfg)
	}
	if !strings.Contains(cfg.DatabaseURL, "todo_api@") {
		t.Errorf("default DATABASE_URL %q does not use the role todo_api", cfg.DatabaseURL)
	}
}

func TestInvalidAuthURL(t *testing.T) {
	err := run(context.Background(), []string{"todo"}, env(map[string]string{"AUTH_URL": "ftp://x"}), &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "AUTH_URL") {
		t.Errorf("run with AUTH_URL ftp://x = %v, want an error naming AUTH_URL", err)
	}
}
