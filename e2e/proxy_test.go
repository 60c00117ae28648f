//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestCreateLocationThroughProxy checks that the Location of a new to-do,
// sent by the to-do API as /todos/{id}, names the same to-do behind nginx.
func TestCreateLocationThroughProxy(t *testing.T) {
	base := baseURL(t)
	name := "where_" + strconv.FormatInt(time.Now().UnixNano()%1_000_000_000, 36)
	credentials := map[string]string{"username": name, "password": "long enough password"}

	postJSON(t, base+"/api/auth/register", "", credentials, http.StatusCreated, nil)
	var session struct {
		Token string `json:"token"`
	}
	postJSON(t, base+"/api/auth/login", "", credentials, http.StatusOK, &session)

	var created struct {
		ID int64 `json:"id"`
	}
	header := postJSON(t, base+"/api/todos", session.Token, map[string]string{"title": "find me"}, http.StatusCreated, &created)
	want := "/api/todos/" + strconv.FormatInt(created.ID, 10)
	if got := header.Get("Location"); got != want {
		t.Fatalf("Location = %q, want %q", got, want)
	}

	request, err := http.NewRequest(http.MethodGet, base+want, nil)
	if err != nil {
		t.Fatal(err)
	}
	request.Header.Set("Authorization", "Bearer "+session.Token)
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatalf("GET %s: %v", want, err)
	}
	response.Body.Close()
	if response.StatusCode != http.StatusOK {
		t.Errorf("GET %s: status %d, want 200", want, response.StatusCode)
	}
}

// TestProxyErrorsAreProblems sends requests that nginx rejects by itself and
// expects problem+json, not nginx's HTML error page. The requests go over a
// raw socket because net/http refuses to send most of them.
func TestProxyErrorsAreProblems(t *testing.T) {
	base := baseURL(t)
	long := strings.Repeat("a", 9000)

	cases := []struct {
		name    string
		request string
		status  int
	}{
		{"NUL in path", "GET /api/todos/%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400},
		{"duplicate Authorization", "GET /api/todos HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n\r\n", 400},
		{"lower-case method", "get /api/todos HTTP/1.1\r\nHost: x\r\n\r\n", 400},
		{"missing Host", "GET /api/todos HTTP/1.1\r\n\r\n", 400},
		{"path above root", "GET /api/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400},
		{"header too large", "GET /api/todos HTTP/1.1\r\nHost: x\r\nX-Long: " + long + "\r\n\r\n", 400},
		{"cookie too large", "GET /api/todos HTTP/1.1\r\nHost: x\r\nCookie: a=" + long + "\r\n\r\n", 400},
		{"URI too long", "GET /api/todos/" + long + " HTTP/1.1\r\nHost: x\r\n\r\n", 414},
		{"TRACE", "TRACE /api/todos HTTP/1.1\r\nHost: x\r\n\r\n", 405},
		{"unknown Transfer-Encoding", "POST /api/todos HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
		{"Content-Length with chunked", "POST /api/todos HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
		{"malformed chunked body", "POST /api/todos HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n", 400},
		{"HTTP/2.0 request line", "GET /api/todos HTTP/2.0\r\nHost: x\r\n\r\n", 505},
		{"body too large on an unknown route", "POST /api/nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\n\r\n", 413},
		{"body too large on a to-do route", "POST /api/todos HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\n\r\n", 413},
		{"unknown route ending in .html", "GET /api/page.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			response, body := sendRaw(t, base, tc.request)
			if response.StatusCode != tc.status {
				t.Errorf("status %d, want %d (body %q)", response.StatusCode, tc.status, body)
			}
			if got := response.Header.Get("Content-Type"); got != "application/problem+json" {
				t.Errorf("Content-Type = %q, want application/problem+json (body %q)", got, body)
			}
			if got := response.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			var problem struct {
				Title  string `json:"title"`
				Status int    `json:"status"`
			}
			if err := json.Unmarshal(body, &problem); err != nil {
				t.Fatalf("body %q is not JSON: %v", body, err)
			}
			if problem.Status != tc.status {
				t.Errorf("problem status %d, want %d", problem.Status, tc.status)
			}
			if problem.Title == "" {
				t.Errorf("problem %q has no title", body)
			}
		})
	}
}

// TestProxySitePages checks that the error pages for the API leave the
// static site alone: the page route serves the app and a missing file gets
// nginx's own 404, not the page and not a problem.
func TestProxySitePages(t *testing.T) {
	base := baseURL(t)

	response, body := sendRaw(t, base, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	if response.StatusCode != http.StatusOK {
		t.Errorf("GET /: status %d, want 200", response.StatusCode)
	}
	if !bytes.Contains(body, []byte("<!doctype html>")) {
		t.Errorf("GET /: body does not start the app's page: %.80q", body)
	}

	for _, path := range []string{"/missing.js", "/todos", "/_problem/400"} {
		response, body := sendRaw(t, base, "GET "+path+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		if response.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, response.StatusCode)
		}
		if got := response.Header.Get("Content-Type"); strings.Contains(got, "json") {
			t.Errorf("GET %s: Content-Type = %q, want nginx's plain 404", path, got)
		}
		if bytes.Contains(body, []byte("<!doctype html>")) {
			t.Errorf("GET %s: the app's page was served for a missing file", path)
		}
	}
}

// TestNonCanonicalIDsThroughProxy checks the id forms that could name an
// existing to-do after nginx decodes the path: each must be a 404.
func TestNonCanonicalIDsThroughProxy(t *testing.T) {
	base := baseURL(t)
	name := "ids_" + strconv.FormatInt(time.Now().UnixNano()%1_000_000_000, 36)
	credentials := map[string]string{"username": name, "password": "long enough password"}
	postJSON(t, base+"/api/auth/register", "", credentials, http.StatusCreated, nil)
	var session struct {
		Token string `json:"token"`
	}
	postJSON(t, base+"/api/auth/login", "", credentials, http.StatusOK, &session)
	var created struct {
		ID int64 `json:"id"`
	}
	postJSON(t, base+"/api/todos", session.Token, map[string]string{"title": "canonical"}, http.StatusCreated, &created)
	id := strconv.FormatInt(created.ID, 10)

	get := func(path string) int {
		t.Helper()
		request, err := http.NewRequest(http.MethodGet, base+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		request.Header.Set("Authorization", "Bearer "+session.Token)
		response, err := http.DefaultClient.Do(request)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		response.Body.Close()
		return response.StatusCode
	}

	if status := get("/api/todos/" + id); status != http.StatusOK {
		t.Fatalf("GET /api/todos/%s: status %d, want 200", id, status)
	}
	for _, form := range []string{"0" + id, "%30" + id, "+" + id, "%2B" + id, id + "/", id + "%2F"} {
		path := "/api/todos/" + form
		if status := get(path); status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, status)
		}
	}
}

// sendRaw writes request as is on a new connection to base and returns the
// response with its body. The request must end the connection, either with
// Connection: close or by being an error after which nginx closes it.
func sendRaw(t *testing.T, base, request string) (*http.Response, []byte) {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatalf("connect to %s: %v", u.Host, err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatalf("send the request: %v", err)
	}

	response, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read the response: %v", err)
	}
	defer response.Body.Close()
	body, err := io.ReadAll(io.LimitReader(response.Body, 1<<20))
	if err != nil {
		t.Fatalf("read the response body: %v", err)
	}
	return response, body
}

// postJSON sends body as JSON, with a bearer token unless token is empty,
// checks the status, decodes the response into out unless it is nil and
// returns the response headers.
func postJSON(t *testing.T, url, token string, body any, status int, out any) http.Header {
	t.Helper()
	payload, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	request, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	request.Header.Set("Content-Type", "application/json")
	if token != "" {
		request.Header.Set("Authorization", "Bearer "+token)
	}
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer response.Body.Close()
	if response.StatusCode != status {
		t.Fatalf("POST %s: status %d, want %d", url, response.StatusCode, status)
	}
	if out != nil {
		if err := json.NewDecoder(response.Body).Decode(out); err != nil {
			t.Fatalf("POST %s: decode the response: %v", url, err)
		}
	}
	return response.Header
}

// TestLoginThrottleIgnoresSpoofedAddress sends failed logins, each with
// another X-Forwarded-For, from a client that is not a trusted proxy. nginx
// must ignore the header, so the auth service counts one client and throttles
// it after five failures, even for the right password.
func TestLoginThrottleIgnoresSpoofedAddress(t *testing.T) {
	base := baseURL(t)
	name := "spoof_" + strconv.FormatInt(time.Now().UnixNano()%1_000_000_000, 36)
	postJSON(t, base+"/api/auth/register", "", map[string]string{"username": name, "password": "long enough password"}, http.StatusCreated, nil)

	login := func(password, forwardedFor string) *http.Response {
		t.Helper()
		payload, err := json.Marshal(map[string]string{"username": name, "password": password})
		if err != nil {
			t.Fatal(err)
		}
		request, err := http.NewRequest(http.MethodPost, base+"/api/auth/login", bytes.NewReader(payload))
		if err != nil {
			t.Fatal(err)
		}
		request.Header.Set("Content-Type", "application/json")
		request.Header.Set("X-Forwarded-For", forwardedFor)
		response, err := http.DefaultClient.Do(request)
		if err != nil {
			t.Fatalf("POST /api/auth/login: %v", err)
		}
		response.Body.Close()
		return response
	}

	for i := 1; i <= 5; i++ {
		if r := login("wrong password", "198.51.100."+strconv.Itoa(i)); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failed login %d: status %d, want 401", i, r.StatusCode)
		}
	}
	r := login("long enough password", "198.51.100.99")
	if r.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("login after five failures from new X-Forwarded-For values: status %d, want 429", r.StatusCode)
	}
	if r.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
}
