package httpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

func discard() *slog.Logger { return slog.New(slog.NewJSONHandler(io.Discard, nil)) }

func TestServeDrainsInFlightRequests(t *testing.T) {
	app := NewApp(discard())
	started := make(chan struct{})
	app.Get("/slow", func(c *fiber.Ctx) error {
		close(started)
		time.Sleep(300 * time.Millisecond)
		return c.SendString("done")
	})
	Finish(app)

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- ServeListener(ctx, app, listener, discard()) }()

	type result struct {
		status int
		body   string
		err    error
	}
	answered := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + listener.Addr().String() + "/slow")
		if err != nil {
			answered <- result{err: err}
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		answered <- result{status: resp.StatusCode, body: string(body)}
	}()

	<-started
	cancel()

	r := <-answered
	if r.err != nil || r.status != http.StatusOK || r.body != "done" {
		t.Errorf("in-flight request got %d %q %v, want 200 done", r.status, r.body, r.err)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve returned %v after shutdown, want nil", err)
	}
	if _, err := net.DialTimeout("tcp", listener.Addr().String(), time.Second); err == nil {
		t.Error("the listener still accepts connections after shutdown")
	}
}

func TestHealthcheck(t *testing.T) {
	app := NewApp(discard())
	app.Get("/healthz", func(c *fiber.Ctx) error { return c.SendString("ok") })
	Finish(app)
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go ServeListener(ctx, app, listener, discard())

	_, port, _ := net.SplitHostPort(listener.Addr().String())
	if err := Healthcheck(context.Background(), "0.0.0.0:"+port); err != nil {
		t.Errorf("Healthcheck of a wildcard address = %v, want nil", err)
	}
	if err := Healthcheck(context.Background(), "127.0.0.1:1"); err == nil {
		t.Error("Healthcheck of a closed port succeeded")
	}
	if err := Healthcheck(context.Background(), "no-port"); err == nil {
		t.Error("Healthcheck of an invalid address succeeded")
	}
}

func TestHealthRoutes(t *testing.T) {
	var pingErr error
	app := NewApp(discard())
	RegisterHealthRoutes(app, func(ctx context.Context) error {
		if _, ok := ctx.Deadline(); !ok {
			t.Error("ping got a context without a deadline")
		}
		return pingErr
	}, discard())
	Finish(app)

	get := func(path string) (int, string) {
		t.Helper()
		resp, err := app.Test(httptest.NewRequest(http.MethodGet, path, nil))
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}

	for _, path := range []string{"/healthz", "/readyz"} {
		if status, body := get(path); status != http.StatusOK || body != `{"status":"ok"}` {
			t.Errorf("GET %s with the database up: %d %s, want 200 {\"status\":\"ok\"}", path, status, body)
		}
	}

	pingErr = errors.New("dial tcp 10.0.0.5:5432: connection refused")
	if status, _ := get("/healthz"); status != http.StatusOK {
		t.Errorf("GET /healthz with the database down: status %d, want 200", status)
	}
	status, body := get("/readyz")
	if status != http.StatusServiceUnavailable {
		t.Errorf("GET /readyz with the database down: status %d, want 503", status)
	}
	if strings.Contains(body, "10.0.0.5") {
		t.Errorf("GET /readyz body leaks the cause: %s", body)
	}
}

func TestStrictRouting(t *testing.T) {
	app := NewApp(discard())
	app.Get("/items/:id", func(c *fiber.Ctx) error { return c.SendString(c.Params("id")) })
	Finish(app)

	for path, want := range map[string]int{
		"/items/1":   http.StatusOK,
		"/items/1/":  http.StatusNotFound,
		"/items/1//": http.StatusNotFound,
		"/Items/1":   http.StatusNotFound,
	} {
		resp, err := app.Test(httptest.NewRequest(http.MethodGet, path, nil))
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s: status %d, want %d", path, resp.StatusCode, want)
		}
	}
}

func TestUnknownMethodProblem(t *testing.T) {
	var logged bytes.Buffer
	app := NewApp(slog.New(slog.NewJSONHandler(&logged, nil)))
	app.Get("/items", func(c *fiber.Ctx) error { return c.SendString("ok") })
	Finish(app)

	for _, method := range []string{"FOO", "PROPFIND", "get"} {
		logged.Reset()
		req := httptest.NewRequest(method, "/items", nil)
		req.Header.Set("X-Request-ID", "client-id.1")
		resp, err := app.Test(req)
		if err != nil {
			t.Fatalf("%s /items: %v", method, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()

		if resp.StatusCode != http.StatusNotImplemented {
			t.Errorf("%s /items: status %d, want 501", method, resp.StatusCode)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("%s /items: Content-Type %q, want application/problem+json", method, ct)
		}
		if id := resp.Header.Get("X-Request-ID"); id != "client-id.1" {
			t.Errorf("%s /items: X-Request-ID %q, want the client's id", method, id)
		}
		var p struct {
			Status    int    `json:"status"`
			RequestID string `json:"request_id"`
		}
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatalf("%s /items: body %q is not JSON: %v", method, body, err)
		}
		if p.Status != http.StatusNotImplemented {
			t.Errorf("%s /items: body status %d, want 501", method, p.Status)
		}
		if p.RequestID != "client-id.1" {
			t.Errorf("%s /items: body request_id %q, want the client's id", method, p.RequestID)
		}
		if !strings.Contains(logged.String(), `"status":501`) {
			t.Errorf("%s /items: log %q, want a request line with status 501", method, logged.String())
		}
		if !strings.Contains(logged.String(), `"method":"`+method+`"`) {
			t.Errorf("%s /items: log %q, want a request line with method %s", method, logged.String(), method)
		}
	}

	resp, err := app.Test(httptest.NewRequest(http.MethodGet, "/items", nil))
	if err != nil {
		t.Fatalf("GET /items: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /items: status %d, want 200", resp.StatusCode)
	}
}
