package main

import (
	"errors"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/todo-app/todo/internal/todo"
)

// loadPhase is the state of the request that loads the list.
type loadPhase int

const (
	phaseLoading loadPhase = iota
	phaseLoaded
	phaseFailed
)

// item is a to-do as the list shows it, with the state of its requests.
type item struct {
	todo.Todo
	// Confirmed is the completed flag the server last confirmed. Completed
	// shows the user's latest choice, which may still be on its way.
	Confirmed bool
	Saving    bool // a change is waiting for the server
	Adding    bool // created here, not yet stored; ID is a negative placeholder
	Reverted  bool // the last change failed and was rolled back
}

// todoList shows the signed-in user's to-dos and applies changes at once,
// confirming or rolling them back when the server responds.
type todoList struct {
	app.Compo

	Token    string
	Username string

	phase     loadPhase
	loadError string
	items     []item
	draft     string
	titleErr  string
	notices   []notice
	nextTemp  int64 // last placeholder id, counting down from -1
}

func newTodoList(token, username string) *todoList {
	return &todoList{Token: token, Username: username}
}

func (l *todoList) OnMount(ctx app.Context) {
	ctx.GetState(draftState, &l.draft)

	ctx.Handle(actionToggle, l.handleToggle)
	ctx.Handle(actionDelete, l.handleDelete)
	ctx.Handle(actionDismiss, func(ctx app.Context, a app.Action) {
		l.notices = dismissNotice(l.notices, a)
	})
	ctx.Handle(actionAdd, func(ctx app.Context, a app.Action) { l.add(ctx) })
	ctx.Handle(actionReload, func(ctx app.Context, a app.Action) { l.load(ctx) })

	l.load(ctx)
	ctx.Defer(func(ctx app.Context) { focusByID("new-title") })
}

func (l *todoList) client() apiClient {
	return newAPIClient(l.Token)
}

func (l *todoList) load(ctx app.Context) {
	l.phase = phaseLoading
	client := l.client()
	ctx.Async(func() {
		todos, err := client.listTodos()
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				if l.endSession(ctx, err) {
					return
				}
				l.phase = phaseFailed
				l.loadError = describeError("Loading your to-dos", err)
				return
			}
			l.items = make([]item, 0, len(todos))
			for _, t := range todos {
				l.items = append(l.items, item{Todo: t, Confirmed: t.Completed})
			}
			l.phase = phaseLoaded
		})
	})
}

// endSession sends the user back to the login form when err is a rejected
// token (401), and reports whether it did. The draft title is kept.
func (l *todoList) endSession(ctx app.Context, err error) bool {
	if !isUnauthorized(err) {
		return false
	}
	ctx.SetState(draftState, l.draft)
	ctx.NewAction(actionSessionEnded)
	return true
}

func (l *todoList) warn(text string) {
	l.notices = append(l.notices, makeNotice(text))
}

func (l *todoList) index(id int64) int {
	for i := range l.items {
		if l.items[i].ID == id {
			return i
		}
	}
	return -1
}

// add shows the new to-do at once and replaces it with the stored one when
// the server confirms it. Blank input does nothing.
func (l *todoList) add(ctx app.Context) {
	if strings.TrimSpace(l.draft) == "" {
		return
	}
	title, err := todo.NormalizeTitle(l.draft)
	if err != nil {
		l.titleErr = todo.ErrorMessage(err)
		return
	}

	l.nextTemp--
	tempID := l.nextTemp
	l.items = append(l.items, item{Todo: todo.Todo{ID: tempID, Title: title}, Adding: true})
	l.setDraft("")
	l.titleErr = ""
	ctx.SetState(draftState, "")

	client := l.client()
	ctx.Async(func() {
		created, err := client.createTodo(title)
		ctx.Dispatch(func(ctx app.Context) { l.addDone(ctx, tempID, title, created, err) })
	})
}

func (l *todoList) addDone(ctx app.Context, tempID int64, title string, created todo.Todo, err error) {
	i := l.index(tempID)
	if i < 0 {
		return
	}
	if err == nil {
		l.items[i] = item{Todo: created, Confirmed: created.Completed}
		return
	}

	l.items = append(l.items[:i:i], l.items[i+1:]...)
	if l.draft == "" {
		l.setDraft(title)
	}
	if l.endSession(ctx, err) {
		return
	}
	var e *apiError
	if errors.As(err, &e) && e.Fields["title"] != "" {
		l.titleErr = e.Fields["title"]
	}
	l.warn(describeError("Adding “"+shortTitle(title)+"”", err) + " The text is back in the input field.")
}

// setDraft changes the new to-do input. The DOM is written directly because
// go-app only patches the value attribute when the rendered value changes,
// and typing does not change what was rendered.
func (l *todoList) setDraft(title string) {
	l.draft = title
	if input := app.Window().GetElementByID("new-title"); input.Truthy() {
		input.Set("value", title)
	}
}

func (l *todoList) handleToggle(ctx app.Context, a app.Action) {
	id, ok := a.Value.(int64)
	if !ok {
		return
	}
	i := l.index(id)
	if i < 0 || l.items[i].Adding {
		return
	}

	it := &l.items[i]
	it.Completed = !it.Completed
	it.Reverted = false
	if !it.Saving {
		l.sendCompleted(ctx, id, it.Completed)
	}
}

// sendCompleted stores the completed flag of one to-do. Changes to one
// to-do go out one at a time, so a late response never overrides a newer
// choice.
func (l *todoList) sendCompleted(ctx app.Context, id int64, completed bool) {
	l.items[l.index(id)].Saving = true
	client := l.client()
	ctx.Async(func() {
		saved, err := client.setCompleted(id, completed)
		ctx.Dispatch(func(ctx app.Context) { l.toggleDone(ctx, id, saved, err) })
	})
}

func (l *todoList) toggleDone(ctx app.Context, id int64, saved todo.Todo, err error) {
	i := l.index(id)
	if i < 0 {
		return
	}
	it := &l.items[i]
	it.Saving = false

	switch {
	case err == nil:
		it.Confirmed = saved.Completed
		it.Title = saved.Title
		it.UpdatedAt = saved.UpdatedAt
		if it.Completed != it.Confirmed {
			l.sendCompleted(ctx, id, it.Completed)
		}
	case l.endSession(ctx, err):
		it.Completed = it.Confirmed
	case isNotFound(err):
		title := it.Title
		l.items = append(l.items[:i:i], l.items[i+1:]...)
		l.warn("“" + shortTitle(title) + "” no longer exists. It was probably deleted in another tab or device.")
	default:
		it.Completed = it.Confirmed
		it.Reverted = true
		l.warn(describeError("Saving “"+shortTitle(it.Title)+"”", err) + " The change was undone.")
	}
}

// handleDelete removes the to-do at once and puts it back in its place if
// the server fails to delete it.
func (l *todoList) handleDelete(ctx app.Context, a app.Action) {
	id, ok := a.Value.(int64)
	if !ok {
		return
	}
	i := l.index(id)
	if i < 0 || l.items[i].Adding {
		return
	}
	removed := l.items[i]
	l.items = append(l.items[:i:i], l.items[i+1:]...)
	focusAfterDelete(l.items, i)

	client := l.client()
	ctx.Async(func() {
		err := client.deleteTodo(id)
		ctx.Dispatch(func(ctx app.Context) { l.deleteDone(ctx, i, removed, err) })
	})
}

func (l *todoList) deleteDone(ctx app.Context, position int, removed item, err error) {
	if err == nil || isNotFound(err) {
		return
	}
	if l.endSession(ctx, err) {
		return
	}

	removed.Reverted = true
	removed.Saving = false
	position = min(position, len(l.items))
	l.items = append(l.items[:position:position], append([]item{removed}, l.items[position:]...)...)
	l.warn(describeError("Deleting “"+shortTitle(removed.Title)+"”", err) + " It is back in the list.")
}

// focusAfterDelete keeps keyboard focus in the list after a row disappears.
func focusAfterDelete(items []item, position int) {
	switch {
	case position < len(items):
		focusByID(toggleID(items[position].ID))
	case len(items) > 0:
		focusByID(toggleID(items[len(items)-1].ID))
	default:
		focusByID("new-title")
	}
}

func (l *todoList) Render() app.UI {
	return app.Section().Class("card todos").Aria("labelledby", "list-title").Body(
		app.H2().ID("list-title").Text("Your to-dos"),
		l.renderNewTodo(),
		newNoticeList(l.notices),
		l.renderBody(),
	)
}

func (l *todoList) renderNewTodo() app.UI {
	describedBy := "new-title-hint"
	if l.titleErr != "" {
		describedBy += " new-title-error"
	}
	return app.Div().Class("field new-todo").Body(
		app.Label().For("new-title").Text("New to-do"),
		app.Div().Class("row").Body(
			app.Input().
				ID("new-title").
				Type("text").
				Value(l.draft).
				Placeholder("What needs doing?").
				Attr("autocomplete", "off").
				MaxLength(todo.MaxTitleLen*2).
				Aria("invalid", l.titleErr != "").
				Aria("describedby", describedBy).
				OnInput(func(ctx app.Context, e app.Event) {
					l.draft = ctx.JSSrc().Get("value").String()
					l.titleErr = ""
				}).
				OnKeyDown(func(ctx app.Context, e app.Event) {
					if e.Get("key").String() == "Enter" {
						ctx.NewAction(actionAdd)
					}
				}),
			app.Button().
				ID("add").
				Class("button primary").
				Type("button").
				Text("Add").
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionAdd) }),
		),
		app.P().ID("new-title-hint").Class("hint").Text("Press Enter to add. Up to 500 characters."),
		app.If(l.titleErr != "", func() app.UI {
			return app.P().ID("new-title-error").Class("field-error").Text(l.titleErr)
		}),
	)
}

func (l *todoList) renderBody() app.UI {
	switch {
	case l.phase == phaseLoading:
		return app.P().ID("list-loading").Class("loading").Role("status").Text("Loading your to-dos…")
	case l.phase == phaseFailed:
		return app.Div().ID("list-error").Class("banner error").Role("alert").Body(
			app.P().Text(l.loadError),
			app.Button().
				ID("retry").
				Class("button").
				Type("button").
				Text("Try again").
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionReload) }),
		)
	case len(l.items) == 0:
		return app.P().ID("list-empty").Class("empty").Text("Nothing to do yet. Add your first to-do above.")
	}

	done := 0
	for _, it := range l.items {
		if it.Completed {
			done++
		}
	}
	return app.Div().Body(
		app.P().ID("list-summary").Class("summary").Text(summary(len(l.items), done)),
		app.Ul().ID("todo-list").Class("list").Body(
			app.Range(l.items).Slice(func(i int) app.UI {
				return newTodoRow(l.items[i])
			}),
		),
	)
}

func summary(total, done int) string {
	noun := "to-dos"
	if total == 1 {
		noun = "to-do"
	}
	return strconv.Itoa(total) + " " + noun + ", " + strconv.Itoa(done) + " completed"
}
