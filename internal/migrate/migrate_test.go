package migrate_test

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/todo-app/todo/internal/migrate"
	"github.com/todo-app/todo/internal/pgtest"
	"github.com/todo-app/todo/internal/postgres"
	"github.com/todo-app/todo/schema"
)

func openSQL(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := postgres.OpenSQL(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func appliedCount(t *testing.T, db *sql.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM public.schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoadOrdersByVersion(t *testing.T) {
	fsys := fstest.MapFS{
		"002_second.sql": {Data: []byte("SELECT 2")},
		"001_first.sql":  {Data: []byte("SELECT 1")},
		"README.md":      {Data: []byte("not a migration")},
	}
	migrations, err := migrate.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(migrations) != 2 {
		t.Fatalf("got %d migrations, want 2", len(migrations))
	}
	if migrations[0].Version != 1 || migrations[1].Version != 2 {
		t.Errorf("versions = %d, %d; want 1, 2", migrations[0].Version, migrations[1].Version)
	}
}

func TestLoadRejectsDuplicateVersion(t *testing.T) {
	fsys := fstest.MapFS{
		"001_a.sql": {Data: []byte("SELECT 1")},
		"001_b.sql": {Data: []byte("SELECT 1")},
	}
	if _, err := migrate.Load(fsys); err == nil {
		t.Fatal("Load accepted two migrations with version 1")
	}
}

func TestRunTwiceAppliesOnce(t *testing.T) {
	db := pgtest.NewDatabase(t)
	pgtest.Migrate(t, db.AdminURL)
	pgtest.Migrate(t, db.AdminURL)

	migrations, err := migrate.Load(schema.Migrations)
	if err != nil {
		t.Fatal(err)
	}
	if got := appliedCount(t, openSQL(t, db.AdminURL)); got != len(migrations) {
		t.Errorf("schema_migrations has %d rows, want %d", got, len(migrations))
	}
}

func TestRunConcurrently(t *testing.T) {
	db := pgtest.NewDatabase(t)
	migrations, err := migrate.Load(schema.Migrations)
	if err != nil {
		t.Fatal(err)
	}

	const processes = 4
	var wg sync.WaitGroup
	errs := make(chan error, processes)
	for range processes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sqldb, err := postgres.OpenSQL(db.AdminURL)
			if err != nil {
				errs <- err
				return
			}
			defer sqldb.Close()
			errs <- migrate.Run(context.Background(), sqldb, migrations, pgtest.Roles(), pgtest.Logger())
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent migration failed: %v", err)
		}
	}

	if got := appliedCount(t, openSQL(t, db.AdminURL)); got != len(migrations) {
		t.Errorf("schema_migrations has %d rows, want %d", got, len(migrations))
	}
}

func TestRunRejectsEmptyPassword(t *testing.T) {
	db := pgtest.NewDatabase(t)
	sqldb := openSQL(t, db.AdminURL)
	roles := []migrate.Role{{Name: "auth_service", Password: ""}}
	if err := migrate.Run(context.Background(), sqldb, nil, roles, pgtest.Logger()); err == nil {
		t.Fatal("Run accepted an empty role password")
	}
}

func TestRoleSeparation(t *testing.T) {
	db := pgtest.NewMigrated(t)
	todoAPI := openSQL(t, db.TodoURL)
	authService := openSQL(t, db.AuthURL)

	denied := []struct {
		name  string
		db    *sql.DB
		query string
	}{
		{"todo_api reads auth.users", todoAPI, `SELECT count(*) FROM auth.users`},
		{"todo_api reads auth.sessions", todoAPI, `SELECT count(*) FROM auth.sessions`},
		{"todo_api creates a table", todoAPI, `CREATE TABLE todo.extra (id int)`},
		{"todo_api creates in public", todoAPI, `CREATE TABLE public.extra (id int)`},
		{"auth_service reads todo.todos", authService, `SELECT count(*) FROM todo.todos`},
		{"auth_service reads schema_migrations", authService, `SELECT count(*) FROM public.schema_migrations`},
	}
	for _, tc := range denied {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.db.Exec(tc.query)
			if got := postgres.SQLState(err); got != "42501" {
				t.Errorf("SQLSTATE = %q (err %v), want 42501 insufficient_privilege", got, err)
			}
		})
	}

	allowed := []struct {
		name  string
		db    *sql.DB
		query string
	}{
		{"todo_api reads todo.todos", todoAPI, `SELECT count(*) FROM todo.todos`},
		{"auth_service reads auth.users", authService, `SELECT count(*) FROM auth.users`},
		{"auth_service reads auth.sessions", authService, `SELECT count(*) FROM auth.sessions`},
	}
	for _, tc := range allowed {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := tc.db.Exec(tc.query); err != nil {
				t.Errorf("query failed: %v", err)
			}
		})
	}
}

func TestTodoAPIWritesWithForeignKey(t *testing.T) {
	db := pgtest.NewMigrated(t)
	authService := openSQL(t, db.AuthURL)
	todoAPI := openSQL(t, db.TodoURL)

	var userID int64
	err := authService.QueryRow(`INSERT INTO auth.users (username, password_hash) VALUES ('fk_user', 'x') RETURNING id`).Scan(&userID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := todoAPI.Exec(`INSERT INTO todo.todos (user_id, title) VALUES ($1, 'ok')`, userID); err != nil {
		t.Errorf("insert for an existing user: %v", err)
	}
	_, err = todoAPI.Exec(`INSERT INTO todo.todos (user_id, title) VALUES ($1, 'orphan')`, userID+1000)
	if got := postgres.SQLState(err); got != "23503" {
		t.Errorf("insert for a missing user: SQLSTATE %q, want 23503 foreign_key_violation", got)
	}
}
