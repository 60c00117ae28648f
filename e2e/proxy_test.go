//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
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
