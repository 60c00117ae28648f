package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/todo-app/todo/backend/auth/authtest"
	"github.com/todo-app/todo/backend/todo/authclient"
	"github.com/todo-app/todo/backend/todo/httpapi"
	"github.com/todo-app/todo/backend/todo/store"
	"github.com/todo-app/todo/internal/pgtest"
	"github.com/todo-app/todo/internal/todo"
)

// stack is the to-do API wired to the real auth service on one database.
type stack struct {
	auth *authtest.Service
	url  string
}

func startStack(t *testing.T) stack {
	t.Helper()
	db := pgtest.NewMigrated(t)
	auth := authtest.Start(t, db.AuthURL, authtest.Options{TokenTTL: time.Hour})
	return stack{auth: auth, url: startAPI(t, db.TodoURL, auth.URL, 2*time.Second)}
}

func startAPI(t *testing.T, dsn, authURL string, timeout time.Duration) string {
	t.Helper()
	client, err := authclient.New(authURL, timeout)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	app := httpapi.NewApp(httpapi.Config{
		Store:  store.New(pgtest.OpenBun(t, dsn)),
		Auth:   client,
		Logger: pgtest.Logger(),
	})
	return authtest.Serve(t, app)
}

// user is a logged-in caller of the API.
type user struct {
	t     *testing.T
	api   string
	token string
}

func (s stack) newUser(t *testing.T, prefix string) user {
	t.Helper()
	return user{t: t, api: s.url, token: s.auth.NewUser(t, prefix).Token}
}

func (u user) call(method, path string, body any, headers ...string) authtest.Response {
	u.t.Helper()
	headers = append([]string{"Authorization", "Bearer " + u.token}, headers...)
	return authtest.Call(u.t, method, u.api+path, body, headers...)
}

func (u user) create(title string) todo.Todo {
	u.t.Helper()
	r := u.call(http.MethodPost, "/todos", todo.NewTodo{Title: title})
	if r.Status != http.StatusCreated {
		u.t.Fatalf("create %q: status %d, body %s", title, r.Status, r.Body)
	}
	var item todo.Todo
	r.JSON(u.t, &item)
	return item
}

func (u user) list() []todo.Todo {
	u.t.Helper()
	r := u.call(http.MethodGet, "/todos", nil)
	if r.Status != http.StatusOK {
		u.t.Fatalf("list: status %d, body %s", r.Status, r.Body)
	}
	var items []todo.Todo
	r.JSON(u.t, &items)
	return items
}

func path(id int64) string { return "/todos/" + strconv.FormatInt(id, 10) }

func TestCRUD(t *testing.T) {
	s := startStack(t)
	alice := s.newUser(t, "alice")

	if items := alice.list(); len(items) != 0 {
		t.Fatalf("new user lists %d to-dos, want 0", len(items))
	}
	if r := alice.call(http.MethodGet, "/todos", nil); strings.TrimSpace(string(r.Body)) != "[]" {
		t.Errorf("empty list body = %s, want []", r.Body)
	}

	r := alice.call(http.MethodPost, "/todos", todo.NewTodo{Title: "  buy milk \t"})
	if r.Status != http.StatusCreated {
		t.Fatalf("create: status %d, body %s", r.Status, r.Body)
	}
	var created todo.Todo
	r.JSON(t, &created)
	if got, want := r.Header.Get("Location"), path(created.ID); got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	if created.Title != "buy milk" || created.Completed {
		t.Errorf("created %+v, want trimmed title and completed false", created)
	}
	if created.CreatedAt.IsZero() || !created.UpdatedAt.Equal(created.CreatedAt) {
		t.Errorf("timestamps created_at %s, updated_at %s", created.CreatedAt, created.UpdatedAt)
	}
	if !strings.Contains(string(r.Body), `"created_at":"`) || !strings.Contains(string(r.Body), "Z\"") {
		t.Errorf("body %s lacks RFC 3339 UTC times", r.Body)
	}

	r = alice.call(http.MethodGet, path(created.ID), nil)
	if r.Status != http.StatusOK {
		t.Fatalf("get: status %d", r.Status)
	}
	var fetched todo.Todo
	r.JSON(t, &fetched)
	if fetched != created {
		t.Errorf("get returned %+v, want %+v", fetched, created)
	}

	r = alice.call(http.MethodPatch, path(created.ID), map[string]any{"title": "buy oat milk", "completed": true})
	if r.Status != http.StatusOK {
		t.Fatalf("patch: status %d, body %s", r.Status, r.Body)
	}
	var patched todo.Todo
	r.JSON(t, &patched)
	if patched.Title != "buy oat milk" || !patched.Completed || patched.CreatedAt != created.CreatedAt {
		t.Errorf("patched %+v", patched)
	}
	if patched.UpdatedAt.Before(created.UpdatedAt) {
		t.Errorf("updated_at went back from %s to %s", created.UpdatedAt, patched.UpdatedAt)
	}

	if r := alice.call(http.MethodDelete, path(created.ID), nil); r.Status != http.StatusNoContent {
		t.Fatalf("delete: status %d", r.Status)
	}
	for _, method := range []string{http.MethodGet, http.MethodDelete} {
		r := alice.call(method, path(created.ID), nil)
		if r.Status != http.StatusNotFound {
			t.Errorf("%s after delete: status %d, want 404", method, r.Status)
		}
		r.Problem(t)
	}
	if r := alice.call(http.MethodPatch, path(created.ID), map[string]any{"completed": false}); r.Status != http.StatusNotFound {
		t.Errorf("PATCH after delete: status %d, want 404", r.Status)
	}
	if items := alice.list(); len(items) != 0 {
		t.Errorf("list after delete has %d items", len(items))
	}
}

func TestPatchChangesOnlySentFields(t *testing.T) {
	s := startStack(t)
	u := s.newUser(t, "patcher")
	item := u.create("original")

	steps := []struct {
		body          string
		wantTitle     string
		wantCompleted bool
	}{
		{`{"completed":true}`, "original", true},
		{`{"title":"renamed"}`, "renamed", true},
		{`{"completed":false}`, "renamed", false},
		{`{"title":"again"}`, "again", false},
		{`{"completed":false}`, "again", false},
	}
	for i, step := range steps {
		r := u.call(http.MethodPatch, path(item.ID), step.body, "Content-Type", "application/json")
		if r.Status != http.StatusOK {
			t.Fatalf("step %d %s: status %d, body %s", i, step.body, r.Status, r.Body)
		}
		var got todo.Todo
		u.call(http.MethodGet, path(item.ID), nil).JSON(t, &got)
		if got.Title != step.wantTitle || got.Completed != step.wantCompleted {
			t.Errorf("step %d %s: stored %q completed=%v, want %q completed=%v",
				i, step.body, got.Title, got.Completed, step.wantTitle, step.wantCompleted)
		}
	}
}

func TestTitlesRoundTrip(t *testing.T) {
	s := startStack(t)
	u := s.newUser(t, "unicode")

	titles := []string{
		"emoji 😀👩‍👩‍👧 and flags 🇳🇴",
		"עברית מימין לשמאל",
		"العربية",
		"<script>alert('x')</script>",
		`'; DROP TABLE todo.todos; --`,
		`quotes " and \ backslash`,
		"%s %d {{.}} ${HOME}",
		"e\u0301 combining",
		strings.Repeat("é", todo.MaxTitleLen),
		strings.Repeat("😀", todo.MaxTitleLen),
	}
	for _, title := range titles {
		created := u.create(title)
		if created.Title != title {
			t.Errorf("create returned %q, want %q", created.Title, title)
		}
		var fetched todo.Todo
		u.call(http.MethodGet, path(created.ID), nil).JSON(t, &fetched)
		if fetched.Title != title {
			t.Errorf("stored %q, want %q", fetched.Title, title)
		}
	}
}

func TestCreateRejectsBadInput(t *testing.T) {
	s := startStack(t)
	u := s.newUser(t, "badinput")

	cases := []struct {
		name        string
		body        string
		contentType string
		status      int
		field       string
	}{
		{"empty title", `{"title":""}`, "application/json", 400, "title"},
		{"blank title", `{"title":"   \t\n "}`, "application/json", 400, "title"},
		{"missing title", `{}`, "application/json", 400, "title"},
		{"null title", `{"title":null}`, "application/json", 400, "title"},
		{"number title", `{"title":42}`, "application/json", 400, "title"},
		{"too long title", `{"title":"` + strings.Repeat("a", todo.MaxTitleLen+1) + `"}`, "application/json", 400, "title"},
		{"newline inside", `{"title":"a\nb"}`, "application/json", 400, "title"},
		{"nul inside", `{"title":"a\u0000b"}`, "application/json", 400, "title"},
		{"escape inside", `{"title":"a\u001b[31mred"}`, "application/json", 400, "title"},
		{"delete char", `{"title":"a\u007fb"}`, "application/json", 400, "title"},
		{"lone surrogate", `{"title":"a\ud800b"}`, "application/json", 400, ""},
		{"invalid UTF-8 bytes", "{\"title\":\"a\xff\xfeb\"}", "application/json", 400, ""},
		{"unknown field", `{"title":"x","user_id":1}`, "application/json", 400, "user_id"},
		{"malformed json", `{"title":"x"`, "application/json", 400, ""},
		{"string body", `"x"`, "application/json", 400, ""},
		{"wrong content type", `{"title":"x"}`, "text/plain", 415, ""},
		{"missing content type", `{"title":"x"}`, "", 415, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var headers []string
			if tc.contentType != "" {
				headers = []string{"Content-Type", tc.contentType}
			}
			r := u.call(http.MethodPost, "/todos", tc.body, headers...)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d (body %s)", r.Status, tc.status, r.Body)
			}
			p := r.Problem(t)
			if tc.field != "" {
				fields, _ := p["errors"].(map[string]any)
				if _, ok := fields[tc.field]; !ok {
					t.Errorf("errors = %v, want an entry for %q", p["errors"], tc.field)
				}
			}
		})
	}
	if n := len(u.list()); n != 0 {
		t.Errorf("list has %d to-dos after bad input, want none", n)
	}
}

func TestPatchRejectsBadInput(t *testing.T) {
	s := startStack(t)
	u := s.newUser(t, "badpatch")
	item := u.create("keep me")

	cases := []struct {
		name        string
		body        string
		contentType string
		status      int
	}{
		{"empty object", `{}`, "application/json", 400},
		{"null completed", `{"completed":null}`, "application/json", 400},
		{"string completed", `{"completed":"false"}`, "application/json", 400},
		{"number completed", `{"completed":0}`, "application/json", 400},
		{"blank title", `{"title":"  "}`, "application/json", 400},
		{"control title", `{"title":"a\u0007"}`, "application/json", 400},
		{"bad title with good completed", `{"title":"","completed":true}`, "application/json", 400},
		{"unknown field", `{"done":true}`, "application/json", 400},
		{"malformed", `{"completed":tru}`, "application/json", 400},
		{"wrong content type", `{"completed":true}`, "text/plain", 415},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := u.call(http.MethodPatch, path(item.ID), tc.body, "Content-Type", tc.contentType)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d (body %s)", r.Status, tc.status, r.Body)
			}
			r.Problem(t)
		})
	}

	var got todo.Todo
	u.call(http.MethodGet, path(item.ID), nil).JSON(t, &got)
	if got.Title != "keep me" || got.Completed {
		t.Errorf("bad patches changed the to-do to %+v", got)
	}
}

func TestBodyOverLimit(t *testing.T) {
	s := startStack(t)
	u := s.newUser(t, "big")
	request := "POST /todos HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer " + u.token +
		"\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{\"title\":\""
	answer := authtest.Raw(t, s.url, request)
	if !strings.HasPrefix(answer, "413\n") || !strings.Contains(answer, "application/problem+json") {
		t.Fatalf("answer %q, want a 413 problem", answer)
	}
}

func TestCompressedBodyIsRejected(t *testing.T) {
	s := startStack(t)
	u := s.newUser(t, "gzip")
	var compressed bytes.Buffer
	zw := gzip.NewWriter(&compressed)
	zw.Write([]byte(`{"title":"inflated"}`))
	zw.Close()

	r := u.call(http.MethodPost, "/todos", compressed.Bytes(), "Content-Type", "application/json", "Content-Encoding", "gzip")
	if r.Status != http.StatusUnsupportedMediaType {
		t.Fatalf("status %d, want 415 (body %s)", r.Status, r.Body)
	}
	r.Problem(t)
}

func TestMalformedIDsAreNotFound(t *testing.T) {
	s := startStack(t)
	u := s.newUser(t, "ids")

	// {id} is the id of a to-do that the caller owns, so a lenient parser
	// would find it. Each form gets a new to-do, because a DELETE that
	// wrongly succeeds would hide the failures of the forms after it.
	forms := []string{
		"abc", "0", "00", "-1", "+1", "1.5", "1e3", "99999999999999999999", "9223372036854775808",
		"%31", "0x1", " 1",
		"{id}x", "0{id}", "00{id}", "+{id}", "%2B{id}", "-0{id}", "{id}/", "{id}//",
	}
	for _, form := range forms {
		item := u.create("exists")
		id := strings.ReplaceAll(form, "{id}", strconv.FormatInt(item.ID, 10))
		for _, method := range []string{http.MethodGet, http.MethodPatch, http.MethodDelete} {
			r := u.call(method, "/todos/"+strings.ReplaceAll(id, " ", "%20"), `{"completed":true}`, "Content-Type", "application/json")
			if r.Status != http.StatusNotFound {
				t.Errorf("%s /todos/%s: status %d, want 404", method, id, r.Status)
				continue
			}
			r.Problem(t)
		}
	}
}

func TestUsersAreIsolated(t *testing.T) {
	s := startStack(t)
	alice := s.newUser(t, "alice")
	mallory := s.newUser(t, "mallory")
	secret := alice.create("alice's secret")

	t.Run("list", func(t *testing.T) {
		for _, item := range mallory.list() {
			if item.ID == secret.ID {
				t.Errorf("mallory's list holds alice's to-do")
			}
		}
	})

	notFound := mallory.call(http.MethodGet, "/todos/999999999", nil)
	for _, tc := range []struct {
		method string
		body   any
	}{
		{http.MethodGet, nil},
		{http.MethodPatch, map[string]any{"title": "pwned", "completed": true}},
		{http.MethodDelete, nil},
	} {
		t.Run(tc.method, func(t *testing.T) {
			r := mallory.call(tc.method, path(secret.ID), tc.body)
			if r.Status != http.StatusNotFound {
				t.Fatalf("status %d, want 404", r.Status)
			}
			got, want := r.Problem(t), notFound.Problem(t)
			delete(got, "request_id")
			delete(want, "request_id")
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("foreign id answer %v differs from missing id answer %v", got, want)
			}
		})
	}

	var after todo.Todo
	alice.call(http.MethodGet, path(secret.ID), nil).JSON(t, &after)
	if after != secret {
		t.Errorf("alice's to-do changed to %+v, want %+v", after, secret)
	}

	t.Run("user id in body is rejected", func(t *testing.T) {
		r := mallory.call(http.MethodPost, "/todos", `{"title":"x","user_id":1}`, "Content-Type", "application/json")
		if r.Status != http.StatusBadRequest {
			t.Errorf("status %d, want 400", r.Status)
		}
	})
}

func TestListOrderIsStable(t *testing.T) {
	s := startStack(t)
	u := s.newUser(t, "order")
	var want []int64
	for i := range 5 {
		want = append(want, u.create("item "+strconv.Itoa(i)).ID)
	}
	u.call(http.MethodPatch, path(want[0]), map[string]any{"completed": true})

	for range 3 {
		items := u.list()
		if len(items) != len(want) {
			t.Fatalf("list has %d items, want %d", len(items), len(want))
		}
		for i, item := range items {
			if item.ID != want[i] {
				t.Fatalf("position %d holds id %d, want %d", i, item.ID, want[i])
			}
		}
	}
}

func TestParallelCreatesLoseNothing(t *testing.T) {
	s := startStack(t)
	u := s.newUser(t, "parallel")

	const n = 100
	var wg sync.WaitGroup
	var failures atomic.Int64
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := authtest.Call(t, http.MethodPost, u.api+"/todos", todo.NewTodo{Title: "item " + strconv.Itoa(i)}, "Authorization", "Bearer "+u.token)
			if r.Status != http.StatusCreated {
				failures.Add(1)
			}
		}()
	}
	wg.Wait()
	if f := failures.Load(); f != 0 {
		t.Fatalf("%d of %d creates failed", f, n)
	}

	items := u.list()
	if len(items) != n {
		t.Fatalf("list has %d to-dos, want %d", len(items), n)
	}
	titles := map[string]bool{}
	for _, item := range items {
		titles[item.Title] = true
	}
	if len(titles) != n {
		t.Errorf("list has %d distinct titles, want %d", len(titles), n)
	}
}

func TestParallelUsersSeeOnlyTheirOwn(t *testing.T) {
	s := startStack(t)

	const users, perUser = 20, 5
	callers := make([]user, users)
	for i := range callers {
		callers[i] = s.newUser(t, "crowd"+strconv.Itoa(i))
	}

	var wg sync.WaitGroup
	errs := make(chan string, users*perUser*2)
	for i, u := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			prefix := "user" + strconv.Itoa(i) + " "
			for j := range perUser {
				r := authtest.Call(t, http.MethodPost, u.api+"/todos", todo.NewTodo{Title: prefix + strconv.Itoa(j)}, "Authorization", "Bearer "+u.token)
				if r.Status != http.StatusCreated {
					errs <- fmt.Sprintf("user %d create: status %d", i, r.Status)
				}
				r = authtest.Call(t, http.MethodGet, u.api+"/todos", nil, "Authorization", "Bearer "+u.token)
				if r.Status != http.StatusOK {
					errs <- fmt.Sprintf("user %d list: status %d", i, r.Status)
					continue
				}
				var items []todo.Todo
				r.JSON(t, &items)
				if len(items) != j+1 {
					errs <- fmt.Sprintf("user %d sees %d to-dos after %d creates", i, len(items), j+1)
				}
				for _, item := range items {
					if !strings.HasPrefix(item.Title, prefix) {
						errs <- fmt.Sprintf("user %d sees %q", i, item.Title)
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestAuthenticationFailures(t *testing.T) {
	s := startStack(t)
	u := s.newUser(t, "authn")

	cases := map[string][]string{
		"no header":      nil,
		"empty":          {"Authorization", ""},
		"basic":          {"Authorization", "Basic dXNlcjpwYXNz"},
		"bearer only":    {"Authorization", "Bearer"},
		"bearer space":   {"Authorization", "Bearer "},
		"unknown token":  {"Authorization", "Bearer " + strings.Repeat("A", len(u.token))},
		"junk token":     {"Authorization", "Bearer not-a-token"},
		"token + junk":   {"Authorization", "Bearer " + u.token + " x"},
		"overlong token": {"Authorization", "Bearer " + strings.Repeat("A", 1000)},
	}
	for name, headers := range cases {
		t.Run(name, func(t *testing.T) {
			for _, route := range []struct{ method, path string }{
				{http.MethodGet, "/todos"}, {http.MethodPost, "/todos"},
				{http.MethodGet, "/todos/1"}, {http.MethodPatch, "/todos/1"}, {http.MethodDelete, "/todos/1"},
			} {
				r := authtest.Call(t, route.method, s.url+route.path, nil, headers...)
				if r.Status != http.StatusUnauthorized {
					t.Errorf("%s %s: status %d, want 401", route.method, route.path, r.Status)
					continue
				}
				if got := r.Header.Get("WWW-Authenticate"); got != "Bearer" {
					t.Errorf("%s %s: WWW-Authenticate = %q", route.method, route.path, got)
				}
				r.Problem(t)
			}
		})
	}
}

func TestRevokedAndExpiredTokens(t *testing.T) {
	s := startStack(t)

	t.Run("revoked", func(t *testing.T) {
		u := s.newUser(t, "revoked")
		u.create("before logout")
		if r := authtest.Call(t, http.MethodPost, s.auth.URL+"/logout", nil, "Authorization", "Bearer "+u.token); r.Status != http.StatusNoContent {
			t.Fatalf("logout: status %d", r.Status)
		}
		if r := u.call(http.MethodGet, "/todos", nil); r.Status != http.StatusUnauthorized {
			t.Errorf("list after logout: status %d, want 401", r.Status)
		}
	})

	t.Run("expired", func(t *testing.T) {
		u := s.newUser(t, "expired")
		u.create("before expiry")
		s.auth.Clock.Advance(time.Hour + time.Second)
		if r := u.call(http.MethodGet, "/todos", nil); r.Status != http.StatusUnauthorized {
			t.Errorf("list after expiry: status %d, want 401", r.Status)
		}
	})
}

func TestAuthServiceOutages(t *testing.T) {
	db := pgtest.NewMigrated(t)

	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(slow.Close)

	var forwardedID atomic.Value
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		forwardedID.Store(r.Header.Get("X-Request-ID"))
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	t.Cleanup(failing.Close)

	garbled := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("{not json"))
	}))
	t.Cleanup(garbled.Close)

	forbidden := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
	}))
	t.Cleanup(forbidden.Close)

	cases := []struct {
		name    string
		authURL string
		status  int
	}{
		{"down", "http://" + closedAddr(t), http.StatusServiceUnavailable},
		{"slow", slow.URL, http.StatusServiceUnavailable},
		{"failing", failing.URL, http.StatusServiceUnavailable},
		{"garbled", garbled.URL, http.StatusServiceUnavailable},
		{"forbidden", forbidden.URL, http.StatusUnauthorized},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := startAPI(t, db.TodoURL, tc.authURL, 200*time.Millisecond)
			r := authtest.Call(t, http.MethodGet, api+"/todos", nil,
				"Authorization", "Bearer "+strings.Repeat("A", 43), "X-Request-ID", "trace-123")
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d (body %s)", r.Status, tc.status, r.Body)
			}
			p := r.Problem(t)
			if detail, _ := p["detail"].(string); strings.Contains(detail, "127.0.0.1") || strings.Contains(detail, "boom") {
				t.Errorf("detail leaks the cause: %q", detail)
			}
		})
	}

	if got, _ := forwardedID.Load().(string); got != "trace-123" {
		t.Errorf("auth service received X-Request-ID %q, want trace-123", got)
	}
}

// closedAddr returns a loopback address on which nothing listens.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestDatabaseDown(t *testing.T) {
	s := startStack(t)
	u := s.newUser(t, "dbdown")
	// Port 1 on loopback refuses connections, like a stopped PostgreSQL.
	api := startAPI(t, "postgres://todo_api@127.0.0.1:1/todo?sslmode=disable&connect_timeout=1", s.auth.URL, 2*time.Second)

	if r := authtest.Call(t, http.MethodGet, api+"/healthz", nil); r.Status != http.StatusOK {
		t.Errorf("healthz: status %d, want 200", r.Status)
	}
	for _, p := range []string{"/readyz", "/todos"} {
		r := authtest.Call(t, http.MethodGet, api+p, nil, "Authorization", "Bearer "+u.token)
		if r.Status != http.StatusServiceUnavailable {
			t.Errorf("GET %s: status %d, want 503 (body %s)", p, r.Status, r.Body)
			continue
		}
		if strings.Contains(string(r.Body), "127.0.0.1") {
			t.Errorf("GET %s: body leaks the cause: %s", p, r.Body)
		}
	}
}

func TestHealthAndUnknownRoutes(t *testing.T) {
	s := startStack(t)
	for _, p := range []string{"/healthz", "/readyz"} {
		if r := authtest.Call(t, http.MethodGet, s.url+p, nil); r.Status != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", p, r.Status)
		}
	}
	for _, p := range []string{"/", "/todo", "/todos/1/extra", "/admin", "/TODOS"} {
		r := authtest.Call(t, http.MethodGet, s.url+p, nil)
		if r.Status != http.StatusNotFound && r.Status != http.StatusUnauthorized {
			t.Errorf("GET %s: status %d, want 404", p, r.Status)
			continue
		}
		r.Problem(t)
	}
}

func TestRequestIDEcho(t *testing.T) {
	s := startStack(t)
	r := authtest.Call(t, http.MethodGet, s.url+"/healthz", nil, "X-Request-ID", "abc-123")
	if got := r.Header.Get("X-Request-ID"); got != "abc-123" {
		t.Errorf("X-Request-ID = %q, want abc-123", got)
	}
	r = authtest.Call(t, http.MethodGet, s.url+"/healthz", nil, "X-Request-ID", "bad id with spaces")
	if got := r.Header.Get("X-Request-ID"); got == "" || strings.Contains(got, " ") {
		t.Errorf("X-Request-ID = %q, want a generated id", got)
	}
}
