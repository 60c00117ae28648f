// Package migrate applies numbered SQL migrations and creates the service
// roles, holding a PostgreSQL advisory lock so that two processes migrating
// one database at once apply each migration exactly once.
package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/todo-app/todo/internal/postgres"
)

// lockKey is the advisory lock id taken while migrating. Advisory locks are
// scoped to one database, so migrations of different databases never wait
// for each other.
const lockKey int64 = 0x746f646f6d6967 // "todomig" in ASCII

// Role is a login role to create or update before the migrations run, so
// their GRANT statements can name it.
type Role struct {
	Name     string
	Password string
}

// Migration is one numbered SQL file.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

var fileName = regexp.MustCompile(`^(\d{3})_[a-z0-9_]+\.sql$`)

// Load reads every NNN_name.sql file at the root of fsys in version order.
// Two files with one version are an error.
func Load(fsys fs.FS) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}

	var migrations []Migration
	for _, entry := range entries {
		match := fileName.FindStringSubmatch(entry.Name())
		if entry.IsDir() || match == nil {
			continue
		}
		version, _ := strconv.Atoi(match[1])
		body, err := fs.ReadFile(fsys, entry.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", entry.Name(), err)
		}
		migrations = append(migrations, Migration{Version: version, Name: path.Base(entry.Name()), SQL: string(body)})
	}

	slices.SortFunc(migrations, func(a, b Migration) int { return a.Version - b.Version })
	for i := 1; i < len(migrations); i++ {
		if migrations[i].Version == migrations[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s share version %d", migrations[i-1].Name, migrations[i].Name, migrations[i].Version)
		}
	}
	return migrations, nil
}

// Run creates or updates roles, then applies the migrations not yet recorded
// in public.schema_migrations, all in one transaction under the advisory
// lock. Roles belong to the whole cluster, so migrating two databases of one
// cluster at once can collide on them. Such a collision is retried up to
// five times.
func Run(ctx context.Context, db *sql.DB, migrations []Migration, roles []Role, logger *slog.Logger) error {
	const attempts = 5
	var err error
	for attempt := 1; attempt <= attempts; attempt++ {
		err = runOnce(ctx, db, migrations, roles, logger)
		if err == nil || !retryable(err) {
			return err
		}
		logger.Warn("migration collided with a concurrent one, retrying", "attempt", attempt, "err", err.Error())
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt) * 100 * time.Millisecond):
		}
	}
	return err
}

func retryable(err error) bool {
	switch postgres.SQLState(err) {
	case postgres.UniqueViolation, postgres.DuplicateObject, postgres.SerializationFailed,
		postgres.DeadlockDetected, postgres.InternalError:
		return true
	}
	return false
}

func runOnce(ctx context.Context, db *sql.DB, migrations []Migration, roles []Role, logger *slog.Logger) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit

	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey); err != nil {
		return fmt.Errorf("take migration lock: %w", err)
	}

	for _, role := range roles {
		if err := ensureRole(ctx, tx, role); err != nil {
			return err
		}
	}

	applied, err := appliedVersions(ctx, tx)
	if err != nil {
		return err
	}
	for _, m := range migrations {
		if applied[m.Version] {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("apply migration %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO public.schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
			return fmt.Errorf("record migration %s: %w", m.Name, err)
		}
		logger.Info("migration applied", "version", m.Version, "name", m.Name)
	}

	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migrations: %w", err)
	}
	return nil
}

func appliedVersions(ctx context.Context, tx *sql.Tx) (map[int]bool, error) {
	const createTable = `CREATE TABLE IF NOT EXISTS public.schema_migrations (
		version    integer PRIMARY KEY,
		name       text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`
	if _, err := tx.ExecContext(ctx, createTable); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}

	rows, err := tx.QueryContext(ctx, `SELECT version FROM public.schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()

	applied := map[int]bool{}
	for rows.Next() {
		var version int
		if err := rows.Scan(&version); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		applied[version] = true
	}
	return applied, rows.Err()
}

// ensureRole creates the role or resets its password. PostgreSQL's format()
// quotes the name (%I) and the password (%L) on the server, so no value is
// spliced into SQL by hand. The role gets LOGIN and nothing else: no
// superuser, database or role creation rights.
func ensureRole(ctx context.Context, tx *sql.Tx, role Role) error {
	if role.Password == "" {
		return fmt.Errorf("role %s needs a non-empty password", role.Name)
	}

	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, role.Name).Scan(&exists); err != nil {
		return fmt.Errorf("look up role %s: %w", role.Name, err)
	}

	template := `CREATE ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD %L`
	if exists {
		template = `ALTER ROLE %I WITH LOGIN PASSWORD %L`
	}
	var statement string
	if err := tx.QueryRowContext(ctx, `SELECT format($1::text, $2::text, $3::text)`, template, role.Name, role.Password).Scan(&statement); err != nil {
		return fmt.Errorf("quote role %s: %w", role.Name, err)
	}
	if _, err := tx.ExecContext(ctx, statement); err != nil {
		return fmt.Errorf("create or update role %s: %w", role.Name, err)
	}
	return nil
}
