package authtest

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/todo-app/todo/internal/todo"
)

// Response is a finished HTTP exchange.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test on error.
func (r Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode body %q: %v", r.Body, err)
	}
}

// Problem decodes a problem+json body after checking its content type.
func (r Response) Problem(t testing.TB) map[string]any {
	t.Helper()
	if got := r.Header.Get("Content-Type"); got != "application/problem+json" {
		t.Errorf("Content-Type = %q, want application/problem+json (body %s)", got, r.Body)
	}
	var p map[string]any
	r.JSON(t, &p)
	return p
}

// Call sends a request with the given headers, alternating names and values.
// A body of type string or []byte is sent as is, and any other non-nil body is
// encoded as JSON with Content-Type application/json.
func Call(t testing.TB, method, url string, body any, headers ...string) Response {
	t.Helper()
	var reader io.Reader
	contentType := ""
	switch b := body.(type) {
	case nil:
	case string:
		reader = bytes.NewReader([]byte(b))
	case []byte:
		reader = bytes.NewReader(b)
	default:
		encoded, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		reader = bytes.NewReader(encoded)
		contentType = "application/json"
	}

	req, err := http.NewRequest(method, url, reader)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}

	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
}

// UniqueName returns a valid username with the given prefix that no other
// test uses.
func UniqueName(prefix string) string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return prefix + "_" + hex.EncodeToString(b)
}

// TestPassword is the password of users made by NewUser.
const TestPassword = "correct horse battery"

// NewUser registers a fresh user and logs in, returning the session.
func (s *Service) NewUser(t testing.TB, prefix string) todo.Session {
	t.Helper()
	name := UniqueName(prefix)
	creds := todo.Credentials{Username: name, Password: TestPassword}
	if r := Call(t, http.MethodPost, s.URL+"/register", creds); r.Status != http.StatusCreated {
		t.Fatalf("register %s: status %d, body %s", name, r.Status, r.Body)
	}
	r := Call(t, http.MethodPost, s.URL+"/login", creds)
	if r.Status != http.StatusOK {
		t.Fatalf("login %s: status %d, body %s", name, r.Status, r.Body)
	}
	var session todo.Session
	r.JSON(t, &session)
	return session
}

// Raw writes request bytes to the server at baseURL as they are and returns
// the status, headers and body of the response. It suits requests that a
// well-behaved client cannot send, and requests the server responds to before
// reading their body.
func Raw(t testing.TB, baseURL, request string) string {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(baseURL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var b strings.Builder
	fmt.Fprintf(&b, "%d\n", resp.StatusCode)
	_ = resp.Header.Write(&b)
	b.WriteString("\n")
	b.Write(body)
	return b.String()
}
