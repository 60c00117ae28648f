package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// statusBar shows the offline notice and the offer to load a new version.
type statusBar struct {
	app.Compo

	Online      bool
	UpdateReady bool
}

func newStatusBar(online, updateReady bool) *statusBar {
	return &statusBar{Online: online, UpdateReady: updateReady}
}

func (s *statusBar) Render() app.UI {
	return app.Div().Class("status-bar").Aria("live", "polite").Body(
		app.If(!s.Online, func() app.UI {
			return app.P().ID("offline-notice").Class("banner offline").Text(
				"You are offline. The app still opens, but your to-dos cannot be loaded or saved until the connection returns.")
		}),
		app.If(s.UpdateReady, func() app.UI {
			return app.Div().ID("update-notice").Class("banner update").Body(
				app.Span().Text("A new version of the app is ready."),
				app.Button().
					ID("reload").
					Class("button").
					Type("button").
					Text("Reload now").
					OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
			)
		}),
	)
}
