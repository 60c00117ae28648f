// Package httpapi serves the auth service's HTTP API: registration, login,
// logout, token validation and health checks.
package httpapi

import (
	"context"
	"log/slog"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/todo-app/todo/backend/auth/store"
	"github.com/todo-app/todo/backend/auth/throttle"
	"github.com/todo-app/todo/backend/auth/token"
	"github.com/todo-app/todo/internal/accesslog"
	"github.com/todo-app/todo/internal/bearer"
	"github.com/todo-app/todo/internal/clientip"
	"github.com/todo-app/todo/internal/httpserver"
	"github.com/todo-app/todo/internal/jsonbody"
	"github.com/todo-app/todo/internal/todo"
)

// Hasher hashes passwords and checks them against stored hashes.
// *password.Hasher implements it.
type Hasher interface {
	Hash(ctx context.Context, password string) (string, error)
	Verify(ctx context.Context, password, encoded string) (bool, error)
}

// Config holds the dependencies and settings of the API.
type Config struct {
	Store    *store.Store
	Hasher   Hasher
	Limiter  *throttle.Limiter
	Resolver clientip.Resolver
	TokenTTL time.Duration
	Logger   *slog.Logger
	// Now is the clock, and nil means time.Now.
	Now func() time.Time
}

type server struct {
	Config
	// dummyHash is verified when a login names an unknown user, so that the
	// response takes as long as for a wrong password.
	dummyHash string
}

// requestTimeout bounds the database work of one request.
const requestTimeout = 5 * time.Second

// NewApp returns the Fiber app of the auth service.
func NewApp(cfg Config) (*fiber.App, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	dummyHash, err := cfg.Hasher.Hash(context.Background(), "dummy password for unknown users")
	if err != nil {
		return nil, err
	}
	s := &server{Config: cfg, dummyHash: dummyHash}

	app := httpserver.NewApp(cfg.Logger)
	app.Post("/register", s.register)
	app.Post("/login", s.login)
	app.Post("/logout", s.logout)
	app.Get("/validate", s.validate)
	httpserver.RegisterHealthRoutes(app, cfg.Store.Ping, cfg.Logger)
	httpserver.Finish(app)
	return app, nil
}

func (s *server) register(c *fiber.Ctx) error {
	var creds todo.Credentials
	if err := jsonbody.Decode(c, &creds); err != nil {
		return err
	}
	if err := creds.Validate(); err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(c.UserContext(), requestTimeout)
	defer cancel()

	hash, err := s.Hasher.Hash(ctx, creds.Password)
	if err != nil {
		return err
	}
	user, err := s.Store.CreateUser(ctx, creds.Username, hash)
	if err != nil {
		return err
	}
	accesslog.SetUser(c, user.ID)
	return c.Status(fiber.StatusCreated).JSON(user)
}

// maxLoginNameBytes bounds the name a login attempt may send. It is far
// above todo.MaxUsernameLen, so every name that breaks only the character
// rules still gets the full hashing work.
const maxLoginNameBytes = 256

var errBadLogin = todo.Errorf(todo.EUNAUTHORIZED, "The username or password is incorrect.")

func (s *server) login(c *fiber.Ctx) error {
	var creds todo.Credentials
	if err := jsonbody.Decode(c, &creds); err != nil {
		return err
	}
	// Only the shape is checked here. A name or password that could never
	// have been registered gets the same 401 as a wrong password after the
	// same hashing work, so the response reveals nothing about accounts.
	if creds.Username == "" || creds.Password == "" {
		return creds.Validate()
	}
	// Oversized input gets the 401 at once, which bounds the hashing work
	// and the throttle's keys. No account can have such a name or password,
	// so the faster response reveals nothing about accounts.
	if len(creds.Password) > todo.MaxPasswordBytes || len(creds.Username) > maxLoginNameBytes {
		return errBadLogin
	}

	key := strings.ToLower(creds.Username) + "\x00" + s.clientAddr(c).String()
	if retryAfter, ok := s.Limiter.Begin(key); !ok {
		seconds := int((retryAfter + time.Second - 1) / time.Second)
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(max(seconds, 1)))
		return todo.Errorf(todo.ETOOMANY, "Too many failed logins. Try again later.")
	}

	ctx, cancel := context.WithTimeout(c.UserContext(), requestTimeout)
	defer cancel()

	account, known, err := s.findAccount(ctx, creds.Username)
	if err != nil {
		return err
	}
	hash := account.PasswordHash
	if !known {
		hash = s.dummyHash
	}
	match, err := s.Hasher.Verify(ctx, creds.Password, hash)
	if err != nil {
		return err
	}
	if !known || !match {
		return errBadLogin
	}
	s.Limiter.Succeed(key)

	issued := s.Now().UTC().Truncate(time.Microsecond) // PostgreSQL keeps microseconds
	expires := issued.Add(s.TokenTTL)
	secret := token.New()
	if err := s.Store.CreateSession(ctx, token.Hash(secret), account.ID, issued, expires); err != nil {
		return err
	}

	accesslog.SetUser(c, account.ID)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(todo.Session{Token: secret, TokenType: "Bearer", ExpiresAt: expires, User: account.User})
}

// findAccount returns the account named username and whether it exists. A
// name that breaks the rules was never registered, so it is not looked up.
// That also keeps a NUL, which PostgreSQL rejects in text, away from the
// database.
func (s *server) findAccount(ctx context.Context, username string) (store.Account, bool, error) {
	if todo.ValidateUsername(username) != nil {
		return store.Account{}, false, nil
	}
	account, err := s.Store.FindAccount(ctx, username)
	if todo.ErrorCode(err) == todo.ENOTFOUND {
		return store.Account{}, false, nil
	}
	if err != nil {
		return store.Account{}, false, err
	}
	return account, true, nil
}

func (s *server) logout(c *fiber.Ctx) error {
	secret, ok := s.bearerToken(c)
	if !ok {
		return errBadToken
	}

	ctx, cancel := context.WithTimeout(c.UserContext(), requestTimeout)
	defer cancel()

	if err := s.Store.RevokeSession(ctx, token.Hash(secret), s.Now()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *server) validate(c *fiber.Ctx) error {
	secret, ok := s.bearerToken(c)
	if !ok {
		return errBadToken
	}

	ctx, cancel := context.WithTimeout(c.UserContext(), requestTimeout)
	defer cancel()

	identity, err := s.Store.FindSession(ctx, token.Hash(secret), s.Now())
	if err != nil {
		return err
	}
	accesslog.SetUser(c, identity.UserID)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(identity)
}

var errBadToken = todo.Errorf(todo.EUNAUTHORIZED, "A valid bearer token is required.")

// bearerToken returns the well-formed token of the Authorization header.
func (s *server) bearerToken(c *fiber.Ctx) (string, bool) {
	secret, ok := bearer.Parse(c.Get(fiber.HeaderAuthorization))
	if !ok || !token.WellFormed(secret) {
		return "", false
	}
	return secret, true
}

// clientAddr returns the client address, believing X-Forwarded-For only from
// trusted proxies.
func (s *server) clientAddr(c *fiber.Ctx) netip.Addr {
	peer, _ := netip.AddrFromSlice(c.Context().RemoteIP())
	var forwarded []string
	c.Request().Header.VisitAll(func(key, value []byte) {
		if strings.EqualFold(string(key), fiber.HeaderXForwardedFor) {
			forwarded = append(forwarded, string(value))
		}
	})
	return s.Resolver.Resolve(peer, forwarded)
}
