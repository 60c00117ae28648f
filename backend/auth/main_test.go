package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/todo-app/todo/internal/pgtest"
)

func env(values map[string]string) func(string) string {
	return func(key string) string { return values[key] }
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestMigrateServeAndStop(t *testing.T) {
	db := pgtest.NewDatabase(t)
	migrateEnv := env(map[string]string{
		"ADMIN_DATABASE_URL": db.AdminURL,
		"AUTH_DB_PASSWORD":   pgtest.RolePassword,
		"TODO_DB_PASSWORD":   pgtest.RolePassword,
	})
	for i := range 2 {
		var out bytes.Buffer
		if err := run(context.Background(), []string{"auth", "migrate"}, migrateEnv, &out); err != nil {
			t.Fatalf("migrate run %d: %v", i+1, err)
		}
		if strings.Contains(out.String(), pgtest.RolePassword) {
			t.Errorf("migrate logged a role password: %s", out.String())
		}
	}

	addr := freeAddr(t)
	serveEnv := env(map[string]string{"LISTEN_ADDR": addr, "DATABASE_URL": db.AuthURL, "TOKEN_TTL": "1h"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"auth"}, serveEnv, &logs) }()

	deadline := time.Now().Add(10 * time.Second)
	for run(context.Background(), []string{"auth", "healthcheck"}, serveEnv, &logs) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("the server never became healthy; logs: %s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}

	resp, err := http.Post("http://"+addr+"/register", "application/json",
		strings.NewReader(`{"username":"main_user","password":"hunter2hunter2"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("register: status %d", resp.StatusCode)
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

	logText := logs.String()
	for _, want := range []string{`"msg":"server started"`, `"msg":"server stopped"`, `"route":"/register"`, `"request_id":"`} {
		if !strings.Contains(logText, want) {
			t.Errorf("logs lack %s", want)
		}
	}
	if strings.Contains(logText, "hunter2hunter2") {
		t.Error("logs contain a password")
	}
}

func TestConfigErrors(t *testing.T) {
	cases := map[string]map[string]string{
		"bad TOKEN_TTL":       {"TOKEN_TTL": "forever"},
		"zero TOKEN_TTL":      {"TOKEN_TTL": "0s"},
		"bad TRUSTED_PROXIES": {"TRUSTED_PROXIES": "10.0.0.0/99"},
		"bad LOG_LEVEL":       {"LOG_LEVEL": "loud"},
	}
	for name, values := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := loadServeConfig(env(values)); err == nil {
				t.Error("loadServeConfig accepted an invalid value")
			}
		})
	}

	cfg, err := loadServeConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ListenAddr != "127.0.0.1:5000" || cfg.TokenTTL != 24*time.Hour || !strings.Contains(cfg.DatabaseURL, "auth_service@") {
		t.Errorf("defaults = %+v", cfg)
	}

	if _, err := loadMigrateConfig(env(nil)); err == nil || !strings.Contains(err.Error(), "AUTH_DB_PASSWORD") {
		t.Errorf("loadMigrateConfig without passwords = %v, want an error naming AUTH_DB_PASSWORD", err)
	}
}

func TestUnknownCommand(t *testing.T) {
	if err := run(context.Background(), []string{"auth", "destroy"}, env(nil), &bytes.Buffer{}); err == nil {
		t.Error("run accepted an unknown command")
	}
}
