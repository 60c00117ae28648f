package main

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// notice is one dismissable message about a failure.
type notice struct {
	ID   int
	Text string
}

// nextNoticeID numbers notices across all components, so that one dismiss
// action never matches two of them. Only the UI goroutine touches it.
var nextNoticeID int

func makeNotice(text string) notice {
	nextNoticeID++
	return notice{ID: nextNoticeID, Text: text}
}

// dismissNotice returns notices without the one whose id the action carries.
func dismissNotice(notices []notice, a app.Action) []notice {
	id, ok := a.Value.(int)
	if !ok {
		return notices
	}
	remaining := make([]notice, 0, len(notices))
	for _, n := range notices {
		if n.ID != id {
			remaining = append(remaining, n)
		}
	}
	return remaining
}

// noticeList shows failure messages, each with its own dismiss button.
type noticeList struct {
	app.Compo

	Notices []notice
}

func newNoticeList(notices []notice) *noticeList {
	return &noticeList{Notices: notices}
}

func (l *noticeList) Render() app.UI {
	return app.Div().Class("notices").Body(
		app.Range(l.Notices).Slice(func(i int) app.UI {
			n := l.Notices[i]
			return app.Div().
				Class("notice error").
				Role("alert").
				ID("notice-"+strconv.Itoa(n.ID)).
				Body(
					app.P().Text(n.Text),
					app.Button().
						Class("button dismiss").
						Type("button").
						Aria("label", "Dismiss message: "+n.Text).
						Text("Dismiss").
						OnClick(func(ctx app.Context, e app.Event) {
							ctx.NewActionWithValue(actionDismiss, n.ID)
						}, app.EventScope(n.ID)),
				)
		}),
	)
}
