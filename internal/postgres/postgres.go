// Package postgres opens bun databases over the pgx driver and classifies
// PostgreSQL errors by SQLSTATE.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/todo-app/todo/internal/todo"
)

// SQLSTATE codes the services act on.
const (
	UniqueViolation     = "23505"
	DuplicateObject     = "42710"
	SerializationFailed = "40001"
	DeadlockDetected    = "40P01"
	InternalError       = "XX000" // among others, "tuple concurrently updated" on catalog rows
)

// PoolSize is the maximum number of open connections per service. Twenty
// stays well under PostgreSQL's default max_connections of 100 with both
// services and a migration running.
const PoolSize = 20

// Open returns a bun database for dsn over the pgx driver. It does not
// connect, so a service can start while PostgreSQL is still down. The caller
// must close the database.
func Open(dsn string) (*bun.DB, error) {
	sqldb, err := OpenSQL(dsn)
	if err != nil {
		return nil, err
	}
	return bun.NewDB(sqldb, pgdialect.New()), nil
}

// OpenSQL is Open without the bun wrapper.
//
// bun writes every argument into the SQL text, so nearly every statement is
// new to the server. pgx's default mode would prepare and cache each one,
// which costs an extra round trip per query and fills the per-connection
// statement cache. The exec mode sends each query in one round trip instead.
func OpenSQL(dsn string) (*sql.DB, error) {
	config, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("invalid database URL: %w", err) // pgx removes the password from the message
	}
	config.DefaultQueryExecMode = pgx.QueryExecModeExec
	sqldb := stdlib.OpenDB(*config)
	sqldb.SetMaxOpenConns(PoolSize)
	sqldb.SetMaxIdleConns(PoolSize)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	return sqldb, nil
}

// CachedStatement, passed before the arguments of QueryContext on the
// *sql.DB beneath bun, makes pgx prepare that query once per connection.
// Later runs skip parsing, and PostgreSQL may reuse a generic plan. It suits
// a hot query whose text is constant and whose values travel as $1, $2
// parameters. A query with values written into its text must not use it,
// because each distinct text would cost an extra round trip and a slot in
// the connection's cache.
const CachedStatement = pgx.QueryExecModeCacheStatement

// Ping checks within 5 seconds that PostgreSQL accepts a connection.
func Ping(ctx context.Context, db interface{ PingContext(context.Context) error }) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	return nil
}

// SQLState returns the SQLSTATE of the PostgreSQL error in err's chain, or "".
func SQLState(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

// Wrap adds the operation name to err. A failure to reach PostgreSQL, such
// as a refused connection or a timed-out dial, becomes an Error with code
// EUNAVAILABLE that keeps err as its cause for the log, so clients get a
// 503 rather than a 500.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	wrapped := fmt.Errorf("%s: %w", op, err)
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	if errors.As(err, &connectErr) || errors.As(err, &netErr) || errors.Is(err, driver.ErrBadConn) {
		return unavailableError{cause: wrapped}
	}
	return wrapped
}

type unavailableError struct{ cause error }

var errUnavailable = todo.Errorf(todo.EUNAVAILABLE, "The database is unreachable. Try again later.")

func (e unavailableError) Error() string   { return e.cause.Error() }
func (e unavailableError) Unwrap() []error { return []error{errUnavailable, e.cause} }

// IsUniqueViolation reports whether err is a unique constraint violation.
func IsUniqueViolation(err error) bool {
	return SQLState(err) == UniqueViolation
}
