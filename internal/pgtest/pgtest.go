// Package pgtest gives each test a fresh, migrated PostgreSQL database on the
// server named by TEST_DATABASE_URL, which `make test` sets.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/todo-app/todo/internal/migrate"
	"github.com/todo-app/todo/internal/postgres"
	"github.com/todo-app/todo/schema"
)

// RolePassword is the password every test gives the service roles. Roles
// belong to the whole cluster, so all test databases must agree on it. The
// quotes check that migrate quotes passwords.
//
// NOTE: migrating resets the passwords of auth_service and todo_api cluster
// wide, so TEST_DATABASE_URL must name a disposable server.
const RolePassword = `te'st"pw\$1`

// Database is a fresh database with the schema applied and the roles created.
type Database struct {
	Name     string
	AdminURL string // superuser
	AuthURL  string // role auth_service
	TodoURL  string // role todo_api
}

// ServerURL returns TEST_DATABASE_URL or fails the test with what to do.
// Tests never skip for want of a database.
func ServerURL(t testing.TB) string {
	t.Helper()
	raw := os.Getenv("TEST_DATABASE_URL")
	if raw == "" {
		t.Fatal("TEST_DATABASE_URL is not set: run the tests with `make test`, which starts a throwaway " +
			"PostgreSQL from the local binaries (install them with `apt-get install postgresql`), " +
			"or set it to a superuser URL of a disposable server")
	}
	return raw
}

// NewDatabase creates an empty database, drops it when the test ends, and
// returns URLs for it without applying the schema.
func NewDatabase(t testing.TB) Database {
	t.Helper()
	server, err := url.Parse(ServerURL(t))
	if err != nil {
		t.Fatalf("invalid TEST_DATABASE_URL: %v", err)
	}

	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := "test_" + hex.EncodeToString(suffix)

	admin := open(t, server.String())
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		drop := open(t, server.String())
		defer drop.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := drop.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})

	return Database{
		Name:     name,
		AdminURL: withDatabase(server, name, nil),
		AuthURL:  withDatabase(server, name, url.UserPassword("auth_service", RolePassword)),
		TodoURL:  withDatabase(server, name, url.UserPassword("todo_api", RolePassword)),
	}
}

// NewMigrated is NewDatabase with the schema applied and the roles created.
func NewMigrated(t testing.TB) Database {
	t.Helper()
	db := NewDatabase(t)
	Migrate(t, db.AdminURL)
	return db
}

// Migrate applies the schema to the database at adminURL.
func Migrate(t testing.TB, adminURL string) {
	t.Helper()
	migrations, err := migrate.Load(schema.Migrations)
	if err != nil {
		t.Fatal(err)
	}
	sqldb := open(t, adminURL)
	defer sqldb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := migrate.Run(ctx, sqldb, migrations, Roles(), Logger()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
}

// Roles returns the service roles with the test password.
func Roles() []migrate.Role {
	return []migrate.Role{
		{Name: "auth_service", Password: RolePassword},
		{Name: "todo_api", Password: RolePassword},
	}
}

// OpenBun opens dsn as a bun database closed when the test ends.
func OpenBun(t testing.TB, dsn string) *bun.DB {
	t.Helper()
	db, err := postgres.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Logger returns a logger that discards everything, because tests check
// responses rather than log lines.
func Logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(io.Discard, nil))
}

func open(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := postgres.OpenSQL(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := postgres.Ping(context.Background(), db); err != nil {
		db.Close()
		t.Fatalf("TEST_DATABASE_URL is unreachable: %v", err)
	}
	return db
}

func withDatabase(server *url.URL, name string, user *url.Userinfo) string {
	u := *server
	u.Path = "/" + name
	if user != nil {
		u.User = user
	}
	return u.String()
}
