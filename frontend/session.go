package main

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/todo-app/todo/internal/todo"
)

// sessionStorage keys. The token stays in sessionStorage so that it lives
// only as long as the tab and is never shared with other tabs.
const (
	tokenKey     = "todo.token"
	usernameKey  = "todo.username"
	expiresAtKey = "todo.expires_at"
)

// session is the signed-in user as the client stores it.
type session struct {
	Token     string
	Username  string
	ExpiresAt time.Time
}

func (s session) signedIn() bool {
	return s.Token != ""
}

// loadSession reads the session of this tab, and returns the zero session
// when none is stored or the stored one has expired.
func loadSession() session {
	storage := app.Window().Get("sessionStorage")
	token := storage.Call("getItem", tokenKey)
	if !token.Truthy() {
		return session{}
	}

	s := session{Token: token.String()}
	if name := storage.Call("getItem", usernameKey); name.Truthy() {
		s.Username = name.String()
	}
	if v := storage.Call("getItem", expiresAtKey); v.Truthy() {
		if t, err := time.Parse(time.RFC3339, v.String()); err == nil {
			s.ExpiresAt = t
		}
	}
	if !s.ExpiresAt.IsZero() && time.Now().After(s.ExpiresAt) {
		clearSession()
		return session{}
	}
	return s
}

func saveSession(login todo.Session) session {
	s := session{Token: login.Token, Username: login.User.Username, ExpiresAt: login.ExpiresAt}

	storage := app.Window().Get("sessionStorage")
	storage.Call("setItem", tokenKey, s.Token)
	storage.Call("setItem", usernameKey, s.Username)
	storage.Call("setItem", expiresAtKey, s.ExpiresAt.Format(time.RFC3339))
	return s
}

// clearSession empties this tab's sessionStorage, which holds nothing but
// the session.
func clearSession() {
	app.Window().Get("sessionStorage").Call("clear")
}
