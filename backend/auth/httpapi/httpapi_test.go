package httpapi_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/todo-app/todo/backend/auth/authtest"
	"github.com/todo-app/todo/backend/auth/httpapi"
	"github.com/todo-app/todo/backend/auth/password"
	"github.com/todo-app/todo/backend/auth/store"
	"github.com/todo-app/todo/backend/auth/throttle"
	"github.com/todo-app/todo/internal/clientip"
	"github.com/todo-app/todo/internal/pgtest"
	"github.com/todo-app/todo/internal/postgres"
	"github.com/todo-app/todo/internal/todo"
)

type fixture struct {
	*authtest.Service
	db pgtest.Database
}

func start(t *testing.T, opts authtest.Options) fixture {
	t.Helper()
	db := pgtest.NewMigrated(t)
	return fixture{Service: authtest.Start(t, db.AuthURL, opts), db: db}
}

func creds(name, pw string) todo.Credentials {
	return todo.Credentials{Username: name, Password: pw}
}

func bearer(token string) []string {
	return []string{"Authorization", "Bearer " + token}
}

func TestRegisterAndLogin(t *testing.T) {
	f := start(t, authtest.Options{})
	name := authtest.UniqueName("Alice")

	r := authtest.Call(t, http.MethodPost, f.URL+"/register", creds(name, "password1"))
	if r.Status != http.StatusCreated {
		t.Fatalf("register: status %d, body %s", r.Status, r.Body)
	}
	var user todo.User
	r.JSON(t, &user)
	if user.ID <= 0 || user.Username != name {
		t.Errorf("register returned %+v, want a positive id and username %q", user, name)
	}
	if bytes.Contains(r.Body, []byte("password")) {
		t.Errorf("register answer mentions the password: %s", r.Body)
	}

	before := f.Clock.Now()
	r = authtest.Call(t, http.MethodPost, f.URL+"/login", creds(strings.ToUpper(name), "password1"))
	if r.Status != http.StatusOK {
		t.Fatalf("login with other letter case: status %d, body %s", r.Status, r.Body)
	}
	var session todo.Session
	r.JSON(t, &session)
	if session.TokenType != "Bearer" {
		t.Errorf("token_type = %q, want Bearer", session.TokenType)
	}
	if len(session.Token) < 22 {
		t.Errorf("token %q is shorter than 128 bits in base64", session.Token)
	}
	if session.User != user {
		t.Errorf("login user = %+v, want %+v", session.User, user)
	}
	wantExpiry := before.Add(24 * time.Hour)
	if d := session.ExpiresAt.Sub(wantExpiry); d < -time.Second || d > time.Second {
		t.Errorf("expires_at = %s, want about %s", session.ExpiresAt, wantExpiry)
	}
	if got := r.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", got)
	}

	r = authtest.Call(t, http.MethodGet, f.URL+"/validate", nil, bearer(session.Token)...)
	if r.Status != http.StatusOK {
		t.Fatalf("validate: status %d, body %s", r.Status, r.Body)
	}
	var identity todo.Identity
	r.JSON(t, &identity)
	if identity.UserID != user.ID || identity.Username != name || !identity.ExpiresAt.Equal(session.ExpiresAt) {
		t.Errorf("validate returned %+v, want user %d %q expiring %s", identity, user.ID, name, session.ExpiresAt)
	}
}

func TestTokensStoredOnlyAsHashes(t *testing.T) {
	f := start(t, authtest.Options{})
	session := f.NewUser(t, "hash")

	db := pgtest.OpenBun(t, f.db.AdminURL)
	var stored []byte
	var issued, expires time.Time
	err := db.QueryRow(`SELECT token_hash, issued_at, expires_at FROM auth.sessions WHERE user_id = ?`, session.User.ID).
		Scan(&stored, &issued, &expires)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(session.Token))
	if !bytes.Equal(stored, sum[:]) {
		t.Errorf("stored token_hash is not the SHA-256 of the token")
	}
	if bytes.Contains(stored, []byte(session.Token)) {
		t.Errorf("the token itself is stored")
	}
	if got := expires.Sub(issued); got != 24*time.Hour {
		t.Errorf("expires_at - issued_at = %s, want 24h", got)
	}

	var hash string
	if err := db.QueryRow(`SELECT password_hash FROM auth.users WHERE id = ?`, session.User.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$") {
		t.Errorf("password_hash = %q, want an argon2id PHC string", hash)
	}
	if strings.Contains(hash, authtest.TestPassword) {
		t.Errorf("password_hash contains the password")
	}
}

func TestRegisterConflictIgnoresCase(t *testing.T) {
	f := start(t, authtest.Options{})
	name := authtest.UniqueName("bob")

	if r := authtest.Call(t, http.MethodPost, f.URL+"/register", creds(name, "password1")); r.Status != http.StatusCreated {
		t.Fatalf("first register: status %d", r.Status)
	}
	r := authtest.Call(t, http.MethodPost, f.URL+"/register", creds(strings.ToUpper(name), "password2"))
	if r.Status != http.StatusConflict {
		t.Fatalf("second register: status %d, want 409 (body %s)", r.Status, r.Body)
	}
	if p := r.Problem(t); p["status"] != float64(409) || p["type"] != "about:blank" {
		t.Errorf("problem = %v", p)
	}
}

func TestParallelRegistrationsOfOneName(t *testing.T) {
	f := start(t, authtest.Options{})

	for round := range 5 {
		name := authtest.UniqueName("race" + strconv.Itoa(round))
		statuses := make([]int, 2)
		var wg sync.WaitGroup
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = authtest.Call(t, http.MethodPost, f.URL+"/register", creds(name, "password1")).Status
			}()
		}
		wg.Wait()

		created, conflicts := 0, 0
		for _, s := range statuses {
			switch s {
			case http.StatusCreated:
				created++
			case http.StatusConflict:
				conflicts++
			}
		}
		if created != 1 || conflicts != 1 {
			t.Errorf("round %d: statuses %v, want one 201 and one 409", round, statuses)
		}
	}
}

func TestStoreDetectsConflictBySQLState(t *testing.T) {
	db := pgtest.NewMigrated(t)
	st := store.New(pgtest.OpenBun(t, db.AuthURL))
	name := authtest.UniqueName("state")
	ctx := context.Background()

	if _, err := st.CreateUser(ctx, name, "x"); err != nil {
		t.Fatal(err)
	}
	_, err := st.CreateUser(ctx, strings.ToUpper(name), "x")
	if code := todo.ErrorCode(err); code != todo.ECONFLICT {
		t.Fatalf("second insert: code %q (err %v), want %q", code, err, todo.ECONFLICT)
	}

	// The raw insert shows which SQLSTATE the store maps.
	raw := pgtest.OpenBun(t, db.AuthURL)
	_, err = raw.Exec(`INSERT INTO auth.users (username, password_hash) VALUES (?, 'x')`, strings.ToLower(name))
	if !postgres.IsUniqueViolation(err) {
		t.Errorf("raw duplicate insert: SQLSTATE %q, want 23505", postgres.SQLState(err))
	}
}

func TestRegisterRejectsBadInput(t *testing.T) {
	f := start(t, authtest.Options{})
	long := strings.Repeat("a", 33)

	cases := []struct {
		name        string
		body        string
		contentType string
		status      int
		field       string
	}{
		{"short username", `{"username":"ab","password":"password1"}`, "application/json", 400, "username"},
		{"long username", `{"username":"` + long + `","password":"password1"}`, "application/json", 400, "username"},
		{"space in username", `{"username":"a b c","password":"password1"}`, "application/json", 400, "username"},
		{"unicode username", `{"username":"jos\u00e9","password":"password1"}`, "application/json", 400, "username"},
		{"sql in username", `{"username":"x' OR '1'='1","password":"password1"}`, "application/json", 400, "username"},
		{"short password", `{"username":"carol_1","password":"1234567"}`, "application/json", 400, "password"},
		{"long password", `{"username":"carol_1","password":"` + strings.Repeat("p", 257) + `"}`, "application/json", 400, "password"},
		{"missing fields", `{}`, "application/json", 400, "username"},
		{"number username", `{"username":5,"password":"password1"}`, "application/json", 400, "username"},
		{"unknown field", `{"username":"carol_1","password":"password1","admin":true}`, "application/json", 400, "admin"},
		{"malformed json", `{"username":`, "application/json", 400, ""},
		{"array body", `[1,2]`, "application/json", 400, ""},
		{"empty body", ``, "application/json", 400, ""},
		{"trailing data", `{"username":"carol_1","password":"password1"} {}`, "application/json", 400, ""},
		{"text content type", `{"username":"carol_1","password":"password1"}`, "text/plain", 415, ""},
		{"form content type", `username=carol_1`, "application/x-www-form-urlencoded", 415, ""},
		{"no content type", `{"username":"carol_1","password":"password1"}`, "", 415, ""},
		{"latin1 charset", `{"username":"carol_1","password":"password1"}`, "application/json; charset=latin1", 415, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			headers := []string{}
			if tc.contentType != "" {
				headers = append(headers, "Content-Type", tc.contentType)
			}
			r := authtest.Call(t, http.MethodPost, f.URL+"/register", tc.body, headers...)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d (body %s)", r.Status, tc.status, r.Body)
			}
			p := r.Problem(t)
			if p["status"] != float64(tc.status) {
				t.Errorf("problem status = %v, want %d", p["status"], tc.status)
			}
			if tc.field != "" {
				fields, _ := p["errors"].(map[string]any)
				if _, ok := fields[tc.field]; !ok {
					t.Errorf("errors = %v, want an entry for %q", p["errors"], tc.field)
				}
			}
		})
	}
}

func TestRegisterAcceptsCharsetUTF8(t *testing.T) {
	f := start(t, authtest.Options{})
	body := `{"username":"` + authtest.UniqueName("cs") + `","password":"password1"}`
	r := authtest.Call(t, http.MethodPost, f.URL+"/register", body, "Content-Type", "application/json; charset=UTF-8")
	if r.Status != http.StatusCreated {
		t.Fatalf("status %d, body %s", r.Status, r.Body)
	}
}

func TestBodyOverLimit(t *testing.T) {
	f := start(t, authtest.Options{})
	request := "POST /register HTTP/1.1\r\nHost: auth\r\nContent-Type: application/json\r\n" +
		"Content-Length: 100000\r\n\r\n{\"username\":"
	answer := authtest.Raw(t, f.URL, request)
	if !strings.HasPrefix(answer, "413\n") {
		t.Fatalf("answer %q, want status 413", answer)
	}
	if !strings.Contains(answer, "Content-Type: application/problem+json") {
		t.Errorf("answer %q is not problem+json", answer)
	}
}

func TestUnknownRouteIsJSON404(t *testing.T) {
	f := start(t, authtest.Options{})
	for _, path := range []string{"/nope", "/register/extra", "/../etc/passwd", "/validate%00"} {
		r := authtest.Call(t, http.MethodGet, f.URL+path, nil)
		if r.Status != http.StatusNotFound && r.Status != http.StatusMethodNotAllowed {
			t.Errorf("GET %s: status %d, want 404 or 405", path, r.Status)
			continue
		}
		r.Problem(t)
	}
}

func TestLoginFailuresLookAlike(t *testing.T) {
	counter := &countingHasher{Hasher: password.NewHasher(authtest.FastParams)}
	f := start(t, authtest.Options{Hasher: counter})
	known := f.NewUser(t, "known")

	wrong := authtest.Call(t, http.MethodPost, f.URL+"/login", creds(known.User.Username, "wrong password"))
	counter.verifies.Store(0)
	unknown := authtest.Call(t, http.MethodPost, f.URL+"/login", creds(authtest.UniqueName("ghost"), "wrong password"))
	if n := counter.verifies.Load(); n != 1 {
		t.Errorf("login of an unknown user ran %d password verifications, want 1 like a known user", n)
	}
	invalidName := authtest.Call(t, http.MethodPost, f.URL+"/login", creds("x", "wrong password"))
	// PostgreSQL cannot hold a NUL in text, so a lookup of this name would fail.
	counter.verifies.Store(0)
	nulName := authtest.Call(t, http.MethodPost, f.URL+"/login", creds("kno\x00wn", "wrong password"))
	if n := counter.verifies.Load(); n != 1 {
		t.Errorf("login with a NUL in the name ran %d password verifications, want 1 like a known user", n)
	}

	for name, r := range map[string]authtest.Response{"wrong password": wrong, "unknown user": unknown, "invalid name": invalidName, "NUL in name": nulName} {
		if r.Status != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, r.Status)
		}
		p := r.Problem(t)
		delete(p, "request_id")
		if p["detail"] != "The username or password is incorrect." {
			t.Errorf("%s: detail %q", name, p["detail"])
		}
		if r.Header.Get("WWW-Authenticate") != "Bearer" {
			t.Errorf("%s: WWW-Authenticate = %q", name, r.Header.Get("WWW-Authenticate"))
		}
	}
}

type countingHasher struct {
	*password.Hasher
	verifies atomic.Int64
}

func (h *countingHasher) Verify(ctx context.Context, pw, encoded string) (bool, error) {
	h.verifies.Add(1)
	return h.Hasher.Verify(ctx, pw, encoded)
}

var _ httpapi.Hasher = (*countingHasher)(nil)

func TestLoginThrottle(t *testing.T) {
	f := start(t, authtest.Options{TrustedProxies: "127.0.0.1/32"})
	victim := f.NewUser(t, "victim")
	name := victim.User.Username
	fromA := []string{"X-Forwarded-For", "203.0.113.7"}

	for i := range throttle.DefaultMaxFailures {
		r := authtest.Call(t, http.MethodPost, f.URL+"/login", creds(name, "wrong password"), fromA...)
		if r.Status != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d, want 401", i+1, r.Status)
		}
	}

	r := authtest.Call(t, http.MethodPost, f.URL+"/login", creds(name, authtest.TestPassword), fromA...)
	if r.Status != http.StatusTooManyRequests {
		t.Fatalf("after %d failures: status %d, want 429", throttle.DefaultMaxFailures, r.Status)
	}
	retry, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if err != nil || retry <= 0 || retry > int(throttle.DefaultWindow/time.Second) {
		t.Errorf("Retry-After = %q, want seconds within the window", r.Header.Get("Retry-After"))
	}
	r.Problem(t)

	t.Run("other letter case is the same key", func(t *testing.T) {
		r := authtest.Call(t, http.MethodPost, f.URL+"/login", creds(strings.ToUpper(name), authtest.TestPassword), fromA...)
		if r.Status != http.StatusTooManyRequests {
			t.Errorf("status %d, want 429", r.Status)
		}
	})
	t.Run("other address is not throttled", func(t *testing.T) {
		r := authtest.Call(t, http.MethodPost, f.URL+"/login", creds(name, authtest.TestPassword), "X-Forwarded-For", "198.51.100.9")
		if r.Status != http.StatusOK {
			t.Errorf("status %d, want 200", r.Status)
		}
	})
	t.Run("window end lifts the limit", func(t *testing.T) {
		f.Clock.Advance(throttle.DefaultWindow)
		r := authtest.Call(t, http.MethodPost, f.URL+"/login", creds(name, authtest.TestPassword), fromA...)
		if r.Status != http.StatusOK {
			t.Errorf("status %d, want 200", r.Status)
		}
	})
}

func TestLoginThrottleIgnoresUntrustedForwardedFor(t *testing.T) {
	f := start(t, authtest.Options{})
	name := f.NewUser(t, "spoof").User.Username

	for i := range throttle.DefaultMaxFailures {
		spoofed := []string{"X-Forwarded-For", "192.0.2." + strconv.Itoa(i+1)}
		authtest.Call(t, http.MethodPost, f.URL+"/login", creds(name, "wrong password"), spoofed...)
	}
	r := authtest.Call(t, http.MethodPost, f.URL+"/login", creds(name, "wrong password"), "X-Forwarded-For", "192.0.2.99")
	if r.Status != http.StatusTooManyRequests {
		t.Fatalf("status %d, want 429: a client must not escape the limit by sending X-Forwarded-For", r.Status)
	}
}

func TestParallelFailuresStayWithinLimit(t *testing.T) {
	f := start(t, authtest.Options{})
	name := f.NewUser(t, "burst").User.Username

	var unauthorized atomic.Int64
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if authtest.Call(t, http.MethodPost, f.URL+"/login", creds(name, "wrong password")).Status == http.StatusUnauthorized {
				unauthorized.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := unauthorized.Load(); n != throttle.DefaultMaxFailures {
		t.Errorf("%d of 20 parallel wrong logins were checked, want %d", n, throttle.DefaultMaxFailures)
	}
}

func TestLogoutRevokesToken(t *testing.T) {
	f := start(t, authtest.Options{})
	session := f.NewUser(t, "leaver")
	other := f.NewUser(t, "stayer")

	r := authtest.Call(t, http.MethodPost, f.URL+"/logout", nil, bearer(session.Token)...)
	if r.Status != http.StatusNoContent {
		t.Fatalf("logout: status %d, body %s", r.Status, r.Body)
	}
	if r := authtest.Call(t, http.MethodGet, f.URL+"/validate", nil, bearer(session.Token)...); r.Status != http.StatusUnauthorized {
		t.Errorf("validate after logout: status %d, want 401", r.Status)
	}
	if r := authtest.Call(t, http.MethodPost, f.URL+"/logout", nil, bearer(session.Token)...); r.Status != http.StatusUnauthorized {
		t.Errorf("second logout: status %d, want 401", r.Status)
	}
	if r := authtest.Call(t, http.MethodGet, f.URL+"/validate", nil, bearer(other.Token)...); r.Status != http.StatusOK {
		t.Errorf("another user's token after logout: status %d, want 200", r.Status)
	}
}

func TestTokenExpires(t *testing.T) {
	f := start(t, authtest.Options{TokenTTL: time.Hour})
	session := f.NewUser(t, "expiring")

	f.Clock.Advance(59 * time.Minute)
	if r := authtest.Call(t, http.MethodGet, f.URL+"/validate", nil, bearer(session.Token)...); r.Status != http.StatusOK {
		t.Fatalf("before expiry: status %d, want 200", r.Status)
	}
	f.Clock.Advance(time.Minute)
	if r := authtest.Call(t, http.MethodGet, f.URL+"/validate", nil, bearer(session.Token)...); r.Status != http.StatusUnauthorized {
		t.Errorf("at expiry: status %d, want 401", r.Status)
	}
	if r := authtest.Call(t, http.MethodPost, f.URL+"/logout", nil, bearer(session.Token)...); r.Status != http.StatusUnauthorized {
		t.Errorf("logout at expiry: status %d, want 401", r.Status)
	}
}

func TestValidateRejectsBadTokens(t *testing.T) {
	f := start(t, authtest.Options{})
	session := f.NewUser(t, "validator")
	flipped := []byte(session.Token)
	flipped[0] ^= 1

	cases := map[string][]string{
		"no header":        nil,
		"empty bearer":     {"Authorization", "Bearer "},
		"basic scheme":     {"Authorization", "Basic " + session.Token},
		"no scheme":        {"Authorization", session.Token},
		"unknown token":    bearer(strings.Repeat("A", len(session.Token))),
		"altered token":    bearer(string(flipped)),
		"short token":      bearer("abc"),
		"sql in token":     bearer("x'OR'1'='1"),
		"two tokens":       {"Authorization", "Bearer " + session.Token + " " + session.Token},
		"token with comma": bearer(session.Token + ","),
	}
	for name, headers := range cases {
		t.Run(name, func(t *testing.T) {
			r := authtest.Call(t, http.MethodGet, f.URL+"/validate", nil, headers...)
			if r.Status != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", r.Status)
			}
			if got := r.Header.Get("WWW-Authenticate"); got != "Bearer" {
				t.Errorf("WWW-Authenticate = %q, want Bearer", got)
			}
			r.Problem(t)
		})
	}

	if r := authtest.Call(t, http.MethodGet, f.URL+"/validate", nil, "Authorization", "bearer "+session.Token); r.Status != http.StatusOK {
		t.Errorf("lower-case scheme: status %d, want 200", r.Status)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	f := start(t, authtest.Options{})
	for _, path := range []string{"/healthz", "/readyz"} {
		if r := authtest.Call(t, http.MethodGet, f.URL+path, nil); r.Status != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", path, r.Status)
		}
	}
}

func TestReadinessFailsWithoutDatabase(t *testing.T) {
	// Port 1 on loopback refuses connections, like a stopped PostgreSQL.
	db, err := postgres.Open("postgres://auth_service@127.0.0.1:1/todo?sslmode=disable&connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })

	app, err := httpapi.NewApp(httpapi.Config{
		Store:    store.New(db),
		Hasher:   password.NewHasher(authtest.FastParams),
		Limiter:  throttle.New(5, time.Minute, time.Now),
		Resolver: clientip.Resolver{},
		TokenTTL: time.Hour,
		Logger:   pgtest.Logger(),
	})
	if err != nil {
		t.Fatal(err)
	}
	url := authtest.Serve(t, app)

	if r := authtest.Call(t, http.MethodGet, url+"/healthz", nil); r.Status != http.StatusOK {
		t.Errorf("healthz: status %d, want 200", r.Status)
	}
	r := authtest.Call(t, http.MethodGet, url+"/readyz", nil)
	if r.Status != http.StatusServiceUnavailable {
		t.Fatalf("readyz: status %d, want 503", r.Status)
	}
	r.Problem(t)

	r = authtest.Call(t, http.MethodPost, url+"/register", creds("dbdown_user", "password1"))
	if r.Status != http.StatusServiceUnavailable {
		t.Fatalf("register with the database down: status %d, want 503", r.Status)
	}
	p := r.Problem(t)
	if detail, _ := p["detail"].(string); strings.Contains(detail, "127.0.0.1") || strings.Contains(detail, "connect") {
		t.Errorf("503 detail leaks the cause: %q", detail)
	}
}

func TestShippedHashParameters(t *testing.T) {
	f := start(t, authtest.Options{Hasher: password.NewHasher(password.DefaultParams)})
	session := f.NewUser(t, "cost")

	var hash string
	db := pgtest.OpenBun(t, f.db.AdminURL)
	if err := db.QueryRow(`SELECT password_hash FROM auth.users WHERE id = ?`, session.User.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("password_hash = %q, want the default parameters m=19456,t=2,p=1", hash)
	}
}
