// Package authclient asks the auth service who a bearer token belongs to.
package authclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/todo-app/todo/internal/requestid"
	"github.com/todo-app/todo/internal/todo"
)

// maxBodyBytes bounds how much of a validation response is read.
const maxBodyBytes = 64 << 10

// Client calls GET /validate on the auth service over pooled keep-alive
// connections.
type Client struct {
	validateURL string
	http        *http.Client
}

// New returns a Client for the auth service at baseURL. Each validation,
// connection set-up included, must finish within timeout.
func New(baseURL string, timeout time.Duration) (*Client, error) {
	base, err := url.Parse(baseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("invalid AUTH_URL %q: use an absolute http URL such as http://127.0.0.1:5000", baseURL)
	}

	transport := &http.Transport{
		Proxy:                 nil, // the auth service is internal, so never route through a proxy from the environment
		DialContext:           (&net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:          128,
		MaxIdleConnsPerHost:   128,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: timeout,
		TLSHandshakeTimeout:   timeout,
	}
	return &Client{
		validateURL: base.JoinPath("validate").String(),
		http:        &http.Client{Transport: transport, Timeout: timeout},
	}, nil
}

// Close drops idle connections.
func (c *Client) Close() {
	c.http.CloseIdleConnections()
}

// Validate returns the identity behind token. A 200 gives the identity, a 5xx,
// a network error or a timeout gives an Error with code EUNAVAILABLE, and
// any other status gives one with code EUNAUTHORIZED, so a failure never
// lets a request through. requestID is forwarded in X-Request-ID.
func (c *Client) Validate(ctx context.Context, token, requestID string) (todo.Identity, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.validateURL, nil)
	if err != nil {
		return todo.Identity{}, fmt.Errorf("build validation request: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	if requestid.Valid(requestID) {
		req.Header.Set(requestid.Header, requestID)
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return todo.Identity{}, unavailable(fmt.Errorf("call auth service: %w", err))
	}
	defer func() {
		// Draining lets the connection return to the pool.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBodyBytes))
		resp.Body.Close()
	}()

	switch {
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode >= http.StatusInternalServerError:
		return todo.Identity{}, unavailable(fmt.Errorf("auth service returned status %d", resp.StatusCode))
	default:
		return todo.Identity{}, todo.Errorf(todo.EUNAUTHORIZED, "A valid bearer token is required.")
	}

	var identity todo.Identity
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxBodyBytes)).Decode(&identity); err != nil {
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
