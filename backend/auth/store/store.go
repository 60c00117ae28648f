// Package store keeps accounts and sessions in the PostgreSQL schema auth.
package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/todo-app/todo/internal/postgres"
	"github.com/todo-app/todo/internal/todo"
)

// Store reads and writes auth.users and auth.sessions.
type Store struct {
	db *bun.DB
}

// New returns a Store on db.
func New(db *bun.DB) *Store {
	return &Store{db: db}
}

type userRow struct {
	bun.BaseModel `bun:"table:auth.users,alias:u"`

	ID           int64     `bun:"id,pk,autoincrement"`
	Username     string    `bun:"username,notnull"`
	PasswordHash string    `bun:"password_hash,notnull"`
	CreatedAt    time.Time `bun:"created_at,nullzero,notnull,default:current_timestamp"`
}

type sessionRow struct {
	bun.BaseModel `bun:"table:auth.sessions,alias:s"`

	TokenHash []byte     `bun:"token_hash,pk"`
	UserID    int64      `bun:"user_id,notnull"`
	IssuedAt  time.Time  `bun:"issued_at,notnull"`
	ExpiresAt time.Time  `bun:"expires_at,notnull"`
	RevokedAt *time.Time `bun:"revoked_at"`
}

// Account is a user with the password hash, for login checks only.
type Account struct {
	todo.User
	PasswordHash string
}

// CreateUser inserts a user. A name taken in any letter case gives an Error
// with code ECONFLICT, detected by SQLSTATE 23505 on the unique index of
// lower(username).
func (s *Store) CreateUser(ctx context.Context, username, passwordHash string) (todo.User, error) {
	row := &userRow{Username: username, PasswordHash: passwordHash}
	_, err := s.db.NewInsert().Model(row).
		ExcludeColumn("id", "created_at").
		Returning("id").
		Exec(ctx)
	if postgres.IsUniqueViolation(err) {
		return todo.User{}, todo.Errorf(todo.ECONFLICT, "The username is already taken.")
	}
	if err != nil {
		return todo.User{}, postgres.Wrap("insert user", err)
	}
	return todo.User{ID: row.ID, Username: row.Username}, nil
}

// FindAccount returns the account whose name matches username without regard
// to case, or an Error with code ENOTFOUND.
func (s *Store) FindAccount(ctx context.Context, username string) (Account, error) {
	var row userRow
	err := s.db.NewSelect().Model(&row).
		Column("id", "username", "password_hash").
		Where("lower(username) = lower(?)", username).
		Limit(1).
		Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Account{}, todo.Errorf(todo.ENOTFOUND, "No such user.")
	}
	if err != nil {
		return Account{}, postgres.Wrap("select user", err)
	}
	return Account{User: todo.User{ID: row.ID, Username: row.Username}, PasswordHash: row.PasswordHash}, nil
}

// CreateSession stores a session under the hash of its token.
func (s *Store) CreateSession(ctx context.Context, tokenHash []byte, userID int64, issuedAt, expiresAt time.Time) error {
	row := &sessionRow{TokenHash: tokenHash, UserID: userID, IssuedAt: issuedAt, ExpiresAt: expiresAt}
	if _, err := s.db.NewInsert().Model(row).ExcludeColumn("revoked_at").Exec(ctx); err != nil {
		return postgres.Wrap("insert session", err)
	}
	return nil
}

// findSessionSQL is the session lookup behind every GET /validate. Its text
// is constant, so each connection prepares it once (see
// postgres.CachedStatement).
const findSessionSQL = `SELECT u.id, u.username, s.expires_at
FROM auth.sessions AS s JOIN auth.users AS u ON u.id = s.user_id
WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`

// FindSession returns the identity of the session stored under tokenHash if
// it is neither revoked nor expired at now. Otherwise it returns an Error
// with code EUNAUTHORIZED.
func (s *Store) FindSession(ctx context.Context, tokenHash []byte, now time.Time) (todo.Identity, error) {
	var identity todo.Identity
	err := s.db.DB.QueryRowContext(ctx, findSessionSQL, postgres.CachedStatement, tokenHash, now).
		Scan(&identity.UserID, &identity.Username, &identity.ExpiresAt)
	if errors.Is(err, sql.ErrNoRows) {
		return todo.Identity{}, todo.Errorf(todo.EUNAUTHORIZED, "The token is invalid, expired or revoked.")
	}
	if err != nil {
		return todo.Identity{}, postgres.Wrap("select session", err)
	}
	return identity, nil
}

// RevokeSession marks the live session stored under tokenHash as revoked at
// now. A token that is unknown, expired or already revoked gives an Error
// with code EUNAUTHORIZED.
func (s *Store) RevokeSession(ctx context.Context, tokenHash []byte, now time.Time) error {
	result, err := s.db.NewUpdate().
		Table("auth.sessions").
		Set("revoked_at = ?", now).
		Where("token_hash = ?", tokenHash).
		Where("revoked_at IS NULL").
		Where("expires_at > ?", now).
		Exec(ctx)
	if err != nil {
		return postgres.Wrap("revoke session", err)
	}
	if n, err := result.RowsAffected(); err != nil {
		return postgres.Wrap("revoke session", err)
	} else if n == 0 {
		return todo.Errorf(todo.EUNAUTHORIZED, "The token is invalid, expired or revoked.")
	}
	return nil
}

// DeleteExpiredSessions removes sessions that expired before cutoff and
// returns how many it removed.
func (s *Store) DeleteExpiredSessions(ctx context.Context, cutoff time.Time) (int64, error) {
	result, err := s.db.NewDelete().
		TableExpr("auth.sessions").
		Where("expires_at < ?", cutoff).
		Exec(ctx)
	if err != nil {
		return 0, postgres.Wrap("delete expired sessions", err)
	}
	return result.RowsAffected()
}

// Ping checks that PostgreSQL accepts a connection.
func (s *Store) Ping(ctx context.Context) error {
	return s.db.PingContext(ctx)
}
