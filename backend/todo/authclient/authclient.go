// Package authclient validates bearer tokens with the auth service.
package authclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/todo-app/todo/internal/requestid"
	"github.com/todo-app/todo/internal/todo"
)

// maxBodyBytes bounds how much of a validation response is read. A longer
// body fails the call with code EUNAVAILABLE, whatever the status.
const maxBodyBytes = 64 << 10

// maxConns bounds the open connections to the auth service. A call that
// finds all of them busy waits for one until its deadline.
const maxConns = 256

// Client calls GET /validate on the auth service over pooled keep-alive
// connections. It uses fasthttp's HostClient, which reuses its request and
// response buffers, so a call allocates far less than with net/http.
type Client struct {
	validateURL string
	timeout     time.Duration
	http        *fasthttp.HostClient
}

// New returns a Client for the auth service at baseURL. Each validation,
// connection set-up and waiting for a free connection included, must finish
// within timeout.
func New(baseURL string, timeout time.Duration) (*Client, error) {
	base, err := url.Parse(baseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("invalid AUTH_URL %q: use an absolute http URL such as http://127.0.0.1:5000", baseURL)
	}

	addr := base.Host
	if base.Port() == "" {
		port := "80"
		if base.Scheme == "https" {
			port = "443"
		}
		addr = net.JoinHostPort(base.Hostname(), port)
	}
	// fasthttp reads no proxy settings from the environment, so the
	// internal auth service is always called directly.
	client := &fasthttp.HostClient{
		Addr:  addr,
		IsTLS: base.Scheme == "https",
		Dial: func(addr string) (net.Conn, error) {
			return fasthttp.DialTimeout(addr, timeout)
		},
		NoDefaultUserAgentHeader: true,
		MaxConns:                 maxConns,
		MaxIdleConnDuration:      90 * time.Second,
		ReadTimeout:              timeout,
		WriteTimeout:             timeout,
		MaxConnWaitTimeout:       timeout,
		MaxResponseBodySize:      maxBodyBytes,
	}
	return &Client{
		validateURL: base.JoinPath("validate").String(),
		timeout:     timeout,
		http:        client,
	}, nil
}

// Close drops idle connections.
func (c *Client) Close() {
	c.http.CloseIdleConnections()
}

// Validate returns the identity behind token. A 200 gives the identity. A
// 5xx, a network error, a timeout, or a 200 whose body is not an identity
// with a positive user_id gives an Error with code EUNAVAILABLE. Any other
// status gives one with code EUNAUTHORIZED, so a failure never lets a
// request through. requestID is forwarded in X-Request-ID when it is a valid
// request id.
//
// The call ends at the earlier of ctx's deadline and the client's timeout.
// NOTE: fasthttp takes no context, so cancelling ctx without a deadline
// does not stop a call that has started.
func (c *Client) Validate(ctx context.Context, token, requestID string) (todo.Identity, error) {
	if err := ctx.Err(); err != nil {
		return todo.Identity{}, unavailable(fmt.Errorf("call auth service: %w", err))
	}
	deadline := time.Now().Add(c.timeout)
	if ctxDeadline, ok := ctx.Deadline(); ok && ctxDeadline.Before(deadline) {
		deadline = ctxDeadline
	}

	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)

	req.SetRequestURI(c.validateURL)
	req.Header.SetMethod(fasthttp.MethodGet)
	req.Header.Set(fasthttp.HeaderAuthorization, "Bearer "+token)
	req.Header.Set(fasthttp.HeaderAccept, "application/json")
	if requestid.Valid(requestID) {
		req.Header.Set(requestid.Header, requestID)
	}

	if err := c.http.DoDeadline(req, resp, deadline); err != nil {
		return todo.Identity{}, unavailable(fmt.Errorf("call auth service: %w", err))
	}

	switch status := resp.StatusCode(); {
	case status == fasthttp.StatusOK:
	case status >= fasthttp.StatusInternalServerError:
		return todo.Identity{}, unavailable(fmt.Errorf("auth service returned status %d", status))
	default:
		return todo.Identity{}, todo.Errorf(todo.EUNAUTHORIZED, "A valid bearer token is required.")
	}

	var identity todo.Identity
	if err := json.Unmarshal(resp.Body(), &identity); err != nil {
		return todo.Identity{}, unavailable(fmt.Errorf("decode validation response: %w", err))
	}
	if identity.UserID <= 0 {
		return todo.Identity{}, unavailable(errors.New("validation response has no user_id"))
	}
	return identity, nil
}

// unavailableError is an EUNAVAILABLE domain error that keeps its cause for
// the log.
type unavailableError struct {
	domain *todo.Error
	cause  error
}

func (e unavailableError) Error() string   { return e.cause.Error() }
func (e unavailableError) Unwrap() []error { return []error{e.domain, e.cause} }

func unavailable(cause error) error {
	return unavailableError{
		domain: todo.Errorf(todo.EUNAVAILABLE, "The auth service is unavailable. Try again later."),
		cause:  cause,
	}
}
