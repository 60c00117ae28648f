package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
)

// The statements below are the SQL that the services send, with each user's
// values written in as literals. The session lookup and the list are the
// services' fixed texts, which they send as prepared statements with $1 and
// $2 parameters. The other statements are bun's output for the store
// methods. Two parts differ on purpose. pgbench would read the colons of a
// timestamp literal as variable references, so the expiry test compares
// with now() where the auth service sends the current time as $2. And the
// toggle picks the to-do and the new value with pgbench variables. pgbench
// prepares each script's statements once per connection, as the services
// do for the session lookup and the list.

// sessionLookup is the auth service's query for GET /validate: the
// session stored under the SHA-256 hash of the token, with its user.
func sessionLookup(u seededUser) string {
	sum := sha256.Sum256([]byte(u.Token))
	return fmt.Sprintf("SELECT u.id, u.username, s.expires_at "+
		"FROM auth.sessions AS s JOIN auth.users AS u ON u.id = s.user_id "+
		"WHERE s.token_hash = '\\x%s' AND s.revoked_at IS NULL AND s.expires_at > now();\n", hex.EncodeToString(sum[:]))
}

// listTodos is the to-do API's query for GET /todos.
func listTodos(u seededUser) string {
	return fmt.Sprintf("SELECT id, title, completed, created_at, updated_at "+
		"FROM todo.todos WHERE user_id = %d ORDER BY created_at ASC, id ASC;\n", u.ID)
}

// toggleTodo sets completed at random on one of the user's seeded to-dos,
// chosen by pgbench's client id. Two clients running one user's script at
// once thus rarely wait for each other's row lock, and each API worker
// likewise updates only its own user's rows. The seed creates each user's
// to-dos one after another, so their ids are consecutive.
func toggleTodo(u seededUser) string {
	first := slices.Min(u.TodoIDs)
	return fmt.Sprintf("\\set id %d + :client_id %% %d\n\\set done random(0, 1)\n", first, len(u.TodoIDs)) +
		fmt.Sprintf(`UPDATE "todo"."todos" AS "t" SET updated_at = now(), completed = (:done = 1) `+
			`WHERE (id = :id) AND (user_id = %d) RETURNING *;`+"\n", u.ID)
}

func createTodo(u seededUser) string {
	return fmt.Sprintf(`INSERT INTO "todo"."todos" ("user_id", "title", "completed") `+
		`VALUES (%d, 'Load test to-do', FALSE) RETURNING *;`+"\n", u.ID)
}

// ceilingScripts returns the pgbench script of each ceiling the scenarios
// name. Every to-do request validates its token first, so each to-do
// script starts with the session lookup.
func ceilingScripts() map[string]ceilingScript {
	return map[string]ceilingScript{
		ceilingSession: {
			Name: ceilingSession, Statements: "session lookup",
			Render: sessionLookup,
		},
		ceilingList: {
			Name: ceilingList, Statements: "session lookup, select of the user's 20 to-dos",
			Render: func(u seededUser) string { return sessionLookup(u) + listTodos(u) },
		},
		ceilingToggle: {
			Name: ceilingToggle, Statements: "session lookup, update of one to-do returning it",
			Render: func(u seededUser) string { return sessionLookup(u) + toggleTodo(u) },
		},
		ceilingCreate: {
			Name: ceilingCreate, Statements: "session lookup, insert of one to-do returning it",
			Render: func(u seededUser) string { return sessionLookup(u) + createTodo(u) },
		},
	}
}

// consecutiveIDs reports whether ids, in any order, have no gaps, which
// toggleTodo relies on.
func consecutiveIDs(ids []int64) bool {
	if len(ids) == 0 {
		return false
	}
	return slices.Max(ids)-slices.Min(ids) == int64(len(ids)-1)
}
