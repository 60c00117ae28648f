package main

import (
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/todo-app/todo/internal/todo"
)

// authForm logs a user in, or registers a new account and then logs in.
type authForm struct {
	app.Compo

	// InitialUsername prefills the username field, for example after the
	// session of that user has ended.
	InitialUsername string
	// Notice explains why the form is shown, such as an ended session.
	Notice string

	registering bool
	username    string
	password    string
	fieldErrors map[string]string
	notices     []notice
	busy        bool
	retryAt     time.Time // end of the wait that a 429 asked for
	noticeSeen  bool      // the user has submitted since Notice appeared
}

func newAuthForm(username, notice string) *authForm {
	return &authForm{InitialUsername: username, Notice: notice}
}

func (f *authForm) OnMount(ctx app.Context) {
	f.username = f.InitialUsername
	ctx.Handle(actionDismiss, func(ctx app.Context, a app.Action) {
		f.notices = dismissNotice(f.notices, a)
	})
	ctx.Handle(actionSubmitAuth, func(ctx app.Context, a app.Action) { f.submit(ctx) })
	ctx.Defer(func(ctx app.Context) {
		focusByID(f.firstFieldID())
	})
}

func (f *authForm) firstFieldID() string {
	if f.username != "" {
		return "password"
	}
	return "username"
}

func (f *authForm) submit(ctx app.Context) {
	if f.busy {
		return
	}
	creds := todo.Credentials{Username: f.username, Password: f.password}
	f.fieldErrors = f.checkInput(creds)
	if len(f.fieldErrors) > 0 {
		focusFirstError(f.fieldErrors)
		return
	}

	f.busy = true
	f.notices = nil
	f.noticeSeen = true
	registering := f.registering

	ctx.Async(func() {
		client := newAPIClient("")
		var err error
		if registering {
			err = client.register(creds)
		}
		var login todo.Session
		if err == nil {
			login, err = client.login(creds)
		}
		ctx.Dispatch(func(ctx app.Context) { f.finish(ctx, login, err) })
	})
}

// checkInput catches what the shared rules can catch before a request. A
// login only needs both fields, because its rules are the server's business.
func (f *authForm) checkInput(creds todo.Credentials) map[string]string {
	if f.registering {
		var e *todo.Error
		if err := creds.Validate(); errors.As(err, &e) {
			return e.Fields
		}
		return nil
	}

	fields := map[string]string{}
	if creds.Username == "" {
		fields["username"] = "Enter your username."
	}
	if creds.Password == "" {
		fields["password"] = "Enter your password."
	}
	return fields
}

func (f *authForm) finish(ctx app.Context, login todo.Session, err error) {
	f.busy = false
	if err == nil {
		f.password = ""
		ctx.NewActionWithValue(actionSignedIn, saveSession(login))
		return
	}

	var e *apiError
	if !errors.As(err, &e) {
		f.notices = append(f.notices, makeNotice(describeError(f.actionName(), err)))
		return
	}
	switch {
	case e.Status == 400 && len(e.Fields) > 0:
		f.fieldErrors = e.Fields
		focusFirstError(f.fieldErrors)
	case e.Status == 409:
		f.fieldErrors = map[string]string{"username": "This username is taken. Choose another one."}
		focusFirstError(f.fieldErrors)
	case e.Status == 401:
		f.fieldErrors = map[string]string{"password": "The username or password is wrong."}
		focusFirstError(f.fieldErrors)
	case e.Status == 429:
		f.retryAt = time.Now().Add(time.Duration(e.RetryAfter) * time.Second)
		f.tick(ctx)
	default:
		f.notices = append(f.notices, makeNotice(describeError(f.actionName(), err)))
	}
}

// tick re-renders the throttling message once a second until the wait is
// over.
func (f *authForm) tick(ctx app.Context) {
	if time.Now().After(f.retryAt) {
		return
	}
	ctx.After(time.Second, func(ctx app.Context) { f.tick(ctx) })
}

func (f *authForm) actionName() string {
	if f.registering {
		return "Creating the account"
	}
	return "Logging in"
}

func (f *authForm) switchMode(ctx app.Context, e app.Event) {
	f.registering = !f.registering
	f.fieldErrors = nil
	f.notices = nil
}

func (f *authForm) onEnter(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Enter" {
		ctx.NewAction(actionSubmitAuth)
	}
}

func (f *authForm) Render() app.UI {
	title, submitLabel, busyLabel := "Log in", "Log in", "Logging in…"
	passwordComplete := "current-password"
	if f.registering {
		title, submitLabel, busyLabel = "Create an account", "Create account", "Creating account…"
		passwordComplete = "new-password"
	}
	if f.busy {
		submitLabel = busyLabel
	}

	return app.Section().Class("card auth").Aria("labelledby", "auth-title").Body(
		app.H2().ID("auth-title").Text(title),
		app.If(f.Notice != "" && !f.noticeSeen, func() app.UI {
			return app.P().ID("auth-notice").Class("banner info").Role("status").Text(f.Notice)
		}),
		textField{
			ID: "username", Label: "Username", Value: f.username, AutoComplete: "username",
			Hint:  "3 to 32 letters, digits, '_', '.' or '-'.",
			Error: f.fieldErrors["username"],
		}.render(f.registering, func(ctx app.Context, e app.Event) {
			f.username = ctx.JSSrc().Get("value").String()
		}, f.onEnter),
		textField{
			ID: "password", Label: "Password", Value: f.password, AutoComplete: passwordComplete,
			Password: true, Hint: "At least 8 characters.",
			Error: f.fieldErrors["password"],
		}.render(f.registering, func(ctx app.Context, e app.Event) {
			f.password = ctx.JSSrc().Get("value").String()
		}, f.onEnter),
		app.If(time.Now().Before(f.retryAt), func() app.UI {
			return app.P().ID("retry-after").Class("banner warning").Role("alert").
				Text(waitMessage(int(time.Until(f.retryAt).Seconds() + 0.999)))
		}),
		newNoticeList(f.notices),
		app.Div().Class("actions").Body(
			app.Button().
				ID("submit").
				Class("button primary").
				Type("button").
				Aria("busy", f.busy).
				Text(submitLabel).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionSubmitAuth) }),
			app.Button().
				ID("switch-mode").
				Class("button link").
				Type("button").
				Text(switchLabel(f.registering)).
				OnClick(f.switchMode),
		),
	)
}

func switchLabel(registering bool) string {
	if registering {
		return "I already have an account"
	}
	return "Create an account"
}

// textField is a labelled input with an optional hint and error message,
// both tied to the input through aria-describedby.
type textField struct {
	ID, Label, Value, AutoComplete, Hint, Error string
	Password                                    bool
}

func (t textField) render(showHint bool, onInput, onKeyDown app.EventHandler) app.UI {
	inputType := "text"
	if t.Password {
		inputType = "password"
	}
	describedBy := ""
	if showHint && t.Hint != "" {
		describedBy = t.ID + "-hint"
	}
	if t.Error != "" {
		describedBy += " " + t.ID + "-error"
	}

	return app.Div().Class("field").Body(
		app.Label().For(t.ID).Text(t.Label),
		app.Input().
			ID(t.ID).
			Type(inputType).
			Name(t.ID).
			Value(t.Value).
			Attr("autocomplete", t.AutoComplete).
			Spellcheck(false).
			Attr("autocapitalize", "none").
			Aria("invalid", t.Error != "").
			Aria("describedby", describedBy).
			OnInput(onInput).
			OnKeyDown(onKeyDown),
		app.If(showHint && t.Hint != "", func() app.UI {
			return app.P().ID(t.ID + "-hint").Class("hint").Text(t.Hint)
		}),
		app.If(t.Error != "", func() app.UI {
			return app.P().ID(t.ID + "-error").Class("field-error").Text(t.Error)
		}),
	)
}

// focusByID moves keyboard focus to the element with the given id, if any.
func focusByID(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus")
	}
}

// focusFirstError focuses the first field, in form order, that has an error.
func focusFirstError(fields map[string]string) {
	for _, id := range []string{"username", "password", "new-title"} {
		if _, ok := fields[id]; ok {
			focusByID(id)
			return
		}
	}
}
