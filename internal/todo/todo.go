// Package todo holds the domain types and input rules that the services and
// the WebAssembly client share. It imports no web framework or database
// package, so every side of the product validates input the same way.
package todo

import "time"

// Todo is one to-do item as the API sends it.
type Todo struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Completed bool      `json:"completed"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// User is an account as the API sends it. It never carries the password hash.
type User struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
}

// Session is the result of a successful login.
type Session struct {
	Token     string    `json:"token"`
	TokenType string    `json:"token_type"`
	ExpiresAt time.Time `json:"expires_at"`
	User      User      `json:"user"`
}

// Identity is the result of token validation: the user a token belongs to.
type Identity struct {
	UserID    int64     `json:"user_id"`
	Username  string    `json:"username"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Credentials is the body of a registration or login request.
type Credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// NewTodo is the body of a create request.
type NewTodo struct {
	Title string `json:"title"`
}

// TodoPatch is the body of a partial update. A nil field is left unchanged,
// so an explicit false for Completed is kept apart from an absent one.
type TodoPatch struct {
	Title     *string `json:"title,omitempty"`
	Completed *bool   `json:"completed,omitempty"`
}
