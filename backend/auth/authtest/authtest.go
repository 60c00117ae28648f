// Package authtest runs the real auth service on a loopback port for tests of
// the auth service and of its clients.
package authtest

import (
	"context"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/todo-app/todo/backend/auth/httpapi"
	"github.com/todo-app/todo/backend/auth/password"
	"github.com/todo-app/todo/backend/auth/store"
	"github.com/todo-app/todo/backend/auth/throttle"
	"github.com/todo-app/todo/internal/clientip"
	"github.com/todo-app/todo/internal/httpserver"
	"github.com/todo-app/todo/internal/pgtest"
)

// FastParams make hashing cheap so tests can register many users. Tests of
// the shipped cost use password.DefaultParams.
var FastParams = password.Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1, SaltLen: 16, KeyLen: 32}

// Clock is a settable clock shared by the service and the test.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock at the current time.
func NewClock() *Clock { return &Clock{now: time.Now()} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Options adjust the service. Zero values take the test defaults.
type Options struct {
	Hasher         httpapi.Hasher // default: FastParams
	TokenTTL       time.Duration  // default: 24h
	TrustedProxies string         // TRUSTED_PROXIES syntax, default none
	Clock          *Clock         // default: a fresh Clock
	MaxFailures    int            // default: throttle.DefaultMaxFailures
}

// Service is a running auth service.
type Service struct {
	URL   string
	Clock *Clock
}

// Start serves the auth service on 127.0.0.1 against the database at dsn,
// which must be migrated, until the test ends.
func Start(t testing.TB, dsn string, opts Options) *Service {
	t.Helper()
	if opts.Hasher == nil {
		opts.Hasher = password.NewHasher(FastParams)
	}
	if opts.TokenTTL == 0 {
		opts.TokenTTL = 24 * time.Hour
	}
	if opts.Clock == nil {
		opts.Clock = NewClock()
	}
	if opts.MaxFailures == 0 {
		opts.MaxFailures = throttle.DefaultMaxFailures
	}
	resolver, err := clientip.ParseTrusted(opts.TrustedProxies)
	if err != nil {
		t.Fatal(err)
	}

	app, err := httpapi.NewApp(httpapi.Config{
		Store:    store.New(pgtest.OpenBun(t, dsn)),
		Hasher:   opts.Hasher,
		Limiter:  throttle.New(opts.MaxFailures, throttle.DefaultWindow, opts.Clock.Now),
		Resolver: resolver,
		TokenTTL: opts.TokenTTL,
		Logger:   pgtest.Logger(),
		Now:      opts.Clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &Service{URL: Serve(t, app), Clock: opts.Clock}
}

// Serve runs a Fiber app on a loopback port until the test ends and returns
// its base URL.
func Serve(t testing.TB, app httpserver.App) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- httpserver.ServeListener(ctx, app, listener, pgtest.Logger()) }()
	t.Cleanup(func() {
		// Tests call through http.DefaultClient, whose transport may hold a
		// connection it dialed but never used. The server counts such a
		// connection as in flight for 5 seconds, so the drain would wait for
		// it unless the client closes it first.
		http.DefaultClient.CloseIdleConnections()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server stopped with an error: %v", err)
		}
	})
	return "http://" + listener.Addr().String()
}
