package authclient_test

import (
	"context"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/todo-app/todo/backend/todo/authclient"
	"github.com/todo-app/todo/internal/todo"
)

const validToken = "good-token"

// serveAuth starts a Fiber app on a loopback port and returns its base URL.
func serveAuth(tb testing.TB, handler fiber.Handler) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/validate", handler)
	go func() { _ = app.Listener(ln) }()
	tb.Cleanup(func() { _ = app.Shutdown() })
	return "http://" + ln.Addr().String()
}

// validate responds like the auth service: 200 with an identity for
// validToken, 401 for anything else.
func validate(c *fiber.Ctx) error {
	if c.Get(fiber.HeaderAuthorization) != "Bearer "+validToken {
		return c.SendStatus(fiber.StatusUnauthorized)
	}
	return c.JSON(todo.Identity{UserID: 7, Username: "alice", ExpiresAt: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)})
}

func newClient(tb testing.TB, baseURL string, timeout time.Duration) *authclient.Client {
	tb.Helper()
	client, err := authclient.New(baseURL, timeout)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(client.Close)
	return client
}

func TestValidateReturnsIdentity(t *testing.T) {
	var requestID atomic.Value
	url := serveAuth(t, func(c *fiber.Ctx) error {
		requestID.Store(strings.Clone(c.Get("X-Request-ID")))
		return validate(c)
	})
	client := newClient(t, url, time.Second)

	identity, err := client.Validate(context.Background(), validToken, "trace-1")
	if err != nil {
		t.Fatal(err)
	}
	if identity.UserID != 7 || identity.Username != "alice" {
		t.Errorf("identity = %+v, want user 7 alice", identity)
	}
	if got, _ := requestID.Load().(string); got != "trace-1" {
		t.Errorf("auth service received X-Request-ID %q, want trace-1", got)
	}

	if _, err := client.Validate(context.Background(), "other", ""); todo.ErrorCode(err) != todo.EUNAUTHORIZED {
		t.Errorf("unknown token: err %v, want code %s", err, todo.EUNAUTHORIZED)
	}
}

func TestValidateRejectsOversizedBody(t *testing.T) {
	url := serveAuth(t, func(c *fiber.Ctx) error {
		return c.SendString(`{"user_id":1,"username":"` + strings.Repeat("a", 128<<10) + `"}`)
	})
	client := newClient(t, url, time.Second)

	if _, err := client.Validate(context.Background(), validToken, ""); todo.ErrorCode(err) != todo.EUNAVAILABLE {
		t.Errorf("err %v, want code %s", err, todo.EUNAVAILABLE)
	}
}

func TestValidateHonoursContextDeadline(t *testing.T) {
	url := serveAuth(t, func(c *fiber.Ctx) error {
		time.Sleep(time.Second)
		return validate(c)
	})
	client := newClient(t, url, 5*time.Second)

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := client.Validate(ctx, validToken, "")
	if todo.ErrorCode(err) != todo.EUNAVAILABLE {
		t.Errorf("err %v, want code %s", err, todo.EUNAVAILABLE)
	}
	if elapsed := time.Since(start); elapsed > 900*time.Millisecond {
		t.Errorf("Validate returned after %s, want about 100ms", elapsed)
	}
}

// BenchmarkValidate measures one validation round trip against a local
// Fiber server that responds like the auth service without a database.
func BenchmarkValidate(b *testing.B) {
	client := newClient(b, serveAuth(b, validate), 2*time.Second)
	b.ReportAllocs()
	b.SetParallelism(8) // with GOMAXPROCS 2 or more, at least 16 calls in flight
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := client.Validate(context.Background(), validToken, "bench-request"); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
