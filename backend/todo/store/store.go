// Package store keeps to-do items in the PostgreSQL schema todo. Every
// statement filters on the owner's user id in the same statement, so one
// user can never read or change another user's items.
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

// Store reads and writes todo.todos.
type Store struct {
	db *bun.DB
}

// New returns a Store on db.
func New(db *bun.DB) *Store {
	return &Store{db: db}
}

type todoRow struct {
	bun.BaseModel `bun:"table:todo.todos,alias:t"`

	ID        int64     `bun:"id,pk,autoincrement"`
	UserID    int64     `bun:"user_id,notnull"`
	Title     string    `bun:"title,notnull"`
	Completed bool      `bun:"completed,notnull"`
	CreatedAt time.Time `bun:"created_at,nullzero,notnull,default:current_timestamp"`
	UpdatedAt time.Time `bun:"updated_at,nullzero,notnull,default:current_timestamp"`
}

func (r *todoRow) toTodo() todo.Todo {
	return todo.Todo{
		ID:        r.ID,
		Title:     r.Title,
		Completed: r.Completed,
		CreatedAt: r.CreatedAt.UTC(),
		UpdatedAt: r.UpdatedAt.UTC(),
	}
}

var errNotFound = todo.Errorf(todo.ENOTFOUND, "The to-do does not exist.")

// listSQL selects a user's to-dos. Its text is constant, so each connection
// prepares it once (see postgres.CachedStatement).
const listSQL = `SELECT id, title, completed, created_at, updated_at
FROM todo.todos WHERE user_id = $1 ORDER BY created_at ASC, id ASC`

// List returns the user's to-dos, oldest first, with ties broken by id.
// NOTE: the list is not paginated, so a user with very many to-dos gets
// them all in one response.
func (s *Store) List(ctx context.Context, userID int64) ([]todo.Todo, error) {
	rows, err := s.db.DB.QueryContext(ctx, listSQL, postgres.CachedStatement, userID)
	if err != nil {
		return nil, postgres.Wrap("select to-dos", err)
	}
	defer rows.Close()

	todos := []todo.Todo{}
	for rows.Next() {
		var item todo.Todo
		if err := rows.Scan(&item.ID, &item.Title, &item.Completed, &item.CreatedAt, &item.UpdatedAt); err != nil {
			return nil, postgres.Wrap("select to-dos", err)
		}
		item.CreatedAt = item.CreatedAt.UTC()
		item.UpdatedAt = item.UpdatedAt.UTC()
		todos = append(todos, item)
	}
	if err := rows.Err(); err != nil {
		return nil, postgres.Wrap("select to-dos", err)
	}
	return todos, nil
}

// Create inserts a to-do for the user. The title must already be normalized.
func (s *Store) Create(ctx context.Context, userID int64, title string) (todo.Todo, error) {
	row := &todoRow{UserID: userID, Title: title}
	_, err := s.db.NewInsert().Model(row).
		ExcludeColumn("id", "created_at", "updated_at").
		Returning("*").
		Exec(ctx)
	if err != nil {
		return todo.Todo{}, postgres.Wrap("insert to-do", err)
	}
	return row.toTodo(), nil
}

// Get returns the user's to-do with the given id, or an Error with code
// ENOTFOUND when the id does not exist or belongs to another user.
func (s *Store) Get(ctx context.Context, userID, id int64) (todo.Todo, error) {
	var row todoRow
	err := s.db.NewSelect().Model(&row).
		Where("id = ?", id).
		Where("user_id = ?", userID).
		Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return todo.Todo{}, errNotFound
	}
	if err != nil {
		return todo.Todo{}, postgres.Wrap("select to-do", err)
	}
	return row.toTodo(), nil
}

// Update changes the fields of patch that are not nil and sets updated_at.
// The title must already be normalized. A missing or foreign id gives an
// Error with code ENOTFOUND.
func (s *Store) Update(ctx context.Context, userID, id int64, patch todo.TodoPatch) (todo.Todo, error) {
	var row todoRow
	query := s.db.NewUpdate().Model(&row).
		Set("updated_at = now()").
		Where("id = ?", id).
		Where("user_id = ?", userID).
		Returning("*")
	if patch.Title != nil {
		query = query.Set("title = ?", *patch.Title)
	}
	if patch.Completed != nil {
		query = query.Set("completed = ?", *patch.Completed)
	}

	result, err := query.Exec(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return todo.Todo{}, errNotFound
	}
	if err != nil {
		return todo.Todo{}, postgres.Wrap("update to-do", err)
	}
	if n, err := result.RowsAffected(); err != nil {
		return todo.Todo{}, postgres.Wrap("update to-do", err)
	} else if n == 0 {
		return todo.Todo{}, errNotFound
	}
	return row.toTodo(), nil
}

// Delete removes the user's to-do, or returns an Error with code ENOTFOUND
// when the id does not exist or belongs to another user.
func (s *Store) Delete(ctx context.Context, userID, id int64) error {
	result, err := s.db.NewDelete().
		TableExpr("todo.todos").
		Where("id = ?", id).
		Where("user_id = ?", userID).
		Exec(ctx)
	if err != nil {
		return postgres.Wrap("delete to-do", err)
	}
	if n, err := result.RowsAffected(); err != nil {
		return postgres.Wrap("delete to-do", err)
	} else if n == 0 {
		return errNotFound
	}
	return nil
}

// Ping checks that PostgreSQL accepts a connection.
func (s *Store) Ping(ctx context.Context) error {
	return s.db.PingContext(ctx)
}
