package main

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// root is the page component. It owns the session, switches between the
// login form and the to-do list, and shows the connection and update
// notices.
type root struct {
	app.Compo

	started     bool // the session has been read from sessionStorage
	session     session
	lastUser    string // username to prefill after the session ends
	notice      string // explanation shown above the login form
	loggingOut  bool
	online      bool
	updateReady bool
}

func newRoot() *root {
	return &root{online: true}
}

func (r *root) OnMount(ctx app.Context) {
	r.session = loadSession()
	r.lastUser = r.session.Username
	r.online = app.Window().Get("navigator").Get("onLine").Bool()
	r.updateReady = ctx.AppUpdateAvailable()
	r.started = true

	r.watchConnection(ctx)
	r.watchWorker(ctx)

	ctx.Handle(actionSignedIn, r.handleSignedIn)
	ctx.Handle(actionSessionEnded, r.handleSessionEnded)
	ctx.Handle(actionLogout, r.handleLogout)
}

// watchConnection follows the browser's online and offline events.
func (r *root) watchConnection(ctx app.Context) {
	listen := func(event string, online bool) {
		handler := app.FuncOf(func(this app.Value, args []app.Value) any {
			ctx.Dispatch(func(ctx app.Context) { r.online = online })
			return nil
		})
		app.Window().Call("addEventListener", event, handler)
	}
	listen("online", true)
	listen("offline", false)
}

// watchWorker offers a reload when a newer service worker has taken over
// this page. go-app's own notice (OnAppUpdate) misses a worker that
// installs while the page is still loading, which is what a reload after a
// deployment does. A page that opened without a worker has nothing to
// replace.
func (r *root) watchWorker(ctx app.Context) {
	workers := app.Window().Get("navigator").Get("serviceWorker")
	if !workers.Truthy() || !workers.Get("controller").Truthy() {
		return
	}
	ownCache := "app-" + app.Getenv("GOAPP_VERSION")

	check := func() {
		ctx.Async(func() {
			keys, err := awaitPromise(app.Window().Get("caches").Call("keys"))
			if err != nil {
				return
			}
			own, others := false, false
			for i := 0; i < keys.Length(); i++ {
				name := keys.Index(i).String()
				own = own || name == ownCache
				others = others || (name != ownCache && strings.HasPrefix(name, "app-"))
			}
			if !own && others {
				ctx.Dispatch(func(ctx app.Context) { r.updateReady = true })
			}
		})
	}
	workers.Call("addEventListener", "controllerchange", app.FuncOf(func(this app.Value, args []app.Value) any {
		check()
		return nil
	}))
	check()
}

func (r *root) OnAppUpdate(ctx app.Context) {
	r.updateReady = r.updateReady || ctx.AppUpdateAvailable()
}

func (r *root) handleSignedIn(ctx app.Context, a app.Action) {
	s, ok := a.Value.(session)
	if !ok {
		return
	}
	if s.Username != r.lastUser {
		ctx.SetState(draftState, "")
	}
	r.session = s
	r.lastUser = s.Username
	r.notice = ""
}

func (r *root) handleSessionEnded(ctx app.Context, a app.Action) {
	if !r.session.signedIn() {
		return
	}
	clearSession()
	r.session = session{}
	r.notice = msgSessionEnd
}

// handleLogout revokes the token on the server, then clears the session in
// this tab. The local session is cleared even when the server cannot be
// reached, and the login form then shows that failure.
func (r *root) handleLogout(ctx app.Context, a app.Action) {
	if r.loggingOut || !r.session.signedIn() {
		return
	}
	r.loggingOut = true
	client := newAPIClient(r.session.Token)

	ctx.Async(func() {
		err := client.logout()
		ctx.Dispatch(func(ctx app.Context) {
			clearSession()
			ctx.SetState(draftState, "")
			r.loggingOut = false
			r.session = session{}
			r.lastUser = ""
			r.notice = "You have logged out."
			if err != nil && !isUnauthorized(err) {
				r.notice = describeError("Ending the session on the server", err) +
					" This tab has forgotten the session anyway."
			}
		})
	})
}

func (r *root) Render() app.UI {
	return app.Div().Class("app").Body(
		app.A().Class("skip-link").Href("#main").Text("Skip to content"),
		r.renderHeader(),
		newStatusBar(r.online, r.updateReady),
		app.Main().ID("main").Class("content").Body(r.renderContent()),
	)
}

func (r *root) renderHeader() app.UI {
	return app.Header().Class("topbar").Body(
		app.H1().Class("brand").Text("To-do"),
		app.If(r.session.signedIn(), func() app.UI {
			return app.Div().Class("account").Body(
				app.Span().Class("user").ID("current-user").Text(r.session.Username),
				app.Button().
					ID("logout").
					Class("button secondary").
					Type("button").
					Disabled(r.loggingOut).
					Text(logoutLabel(r.loggingOut)).
					OnClick(func(ctx app.Context, e app.Event) {
						ctx.NewAction(actionLogout)
					}),
			)
		}),
	)
}

func logoutLabel(busy bool) string {
	if busy {
		return "Logging out…"
	}
	return "Log out"
}

func (r *root) renderContent() app.UI {
	switch {
	case !r.started:
		return app.P().Class("loading").Text("Starting…")
	case !r.session.signedIn():
		return newAuthForm(r.lastUser, r.notice)
	default:
		return newTodoList(r.session.Token, r.session.Username)
	}
}
