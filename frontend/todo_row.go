package main

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// todoRow is one to-do: a checkbox labelled with the title, its save state
// and a delete button.
type todoRow struct {
	app.Compo

	Item item
}

func newTodoRow(it item) *todoRow {
	return &todoRow{Item: it}
}

func toggleID(id int64) string {
	return "todo-" + strconv.FormatInt(id, 10)
}

func (r *todoRow) Render() app.UI {
	it := r.Item
	id := toggleID(it.ID)

	class := "item"
	if it.Completed {
		class += " completed"
	}
	if it.Saving || it.Adding {
		class += " saving"
	}
	if it.Reverted {
		class += " reverted"
	}

	return app.Li().Class(class).Aria("busy", it.Saving || it.Adding).Body(
		app.Input().
			ID(id).
			Type("checkbox").
			Class("toggle").
			Checked(it.Completed).
			Disabled(it.Adding).
			OnChange(func(ctx app.Context, e app.Event) {
				ctx.NewActionWithValue(actionToggle, it.ID)
			}, app.EventScope(it.ID)),
		app.Label().For(id).Class("title").Text(it.Title),
		app.Span().Class("state").Aria("live", "polite").Text(rowState(it)),
		app.Button().
			Class("button delete").
			Type("button").
			Disabled(it.Adding).
			Aria("label", "Delete “"+it.Title+"”").
			Text("Delete").
			OnClick(func(ctx app.Context, e app.Event) {
				// The second click of a double click would land on the
				// row that moved up into this place, so it is ignored.
				if e.Get("detail").Int() > 1 {
					return
				}
				ctx.NewActionWithValue(actionDelete, it.ID)
			}, app.EventScope(it.ID)),
	)
}

// rowState returns the short text that shows whether the server has stored
// the change.
func rowState(it item) string {
	switch {
	case it.Adding:
		return "Adding…"
	case it.Saving:
		return "Saving…"
	case it.Reverted:
		return "Not saved"
	default:
		return ""
	}
}
