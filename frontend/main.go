// Command frontend is the to-do web client. Compiled to WebAssembly it is the
// app itself, and compiled natively it writes the static site that nginx
// serves (see generate.go).
package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Actions that components post to each other. Handlers run on the UI
// goroutine.
const (
	// actionSignedIn carries the session of a successful login.
	actionSignedIn = "signed-in"
	// actionSessionEnded is posted when the API rejects the token.
	actionSessionEnded = "session-ended"
	// actionLogout requests that the root end the session.
	actionLogout = "logout"
	// actionToggle and actionDelete carry a to-do id.
	actionToggle = "todo-toggle"
	actionDelete = "todo-delete"
	// actionDismiss carries the id of a notice to remove.
	actionDismiss = "notice-dismiss"
	// actionSubmitAuth, actionAdd and actionReload start a request. Event
	// handlers post them rather than start the request, because go-app
	// drops a dispatch whose element has been replaced. The context of an
	// event belongs to its element, and that of an action handler to the
	// component.
	actionSubmitAuth = "auth-submit"
	actionAdd        = "todo-add"
	actionReload     = "todo-reload"
)

// draftState is the go-app state key holding the unsent title of a new
// to-do, so that it survives a return to the login form.
const draftState = "todo-draft"

func main() {
	app.Route("/", func() app.Composer { return newRoot() })
	run()
}
