package httpserver

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/todo-app/todo/internal/accesslog"
	"github.com/todo-app/todo/internal/problem"
	"github.com/todo-app/todo/internal/requestid"
)

// maxLoggedMethodLen bounds the method written to the log, because the client
// chooses it and it may be as long as the 4 KiB request header limit.
const maxLoggedMethodLen = 32

// rejectUnknownMethods makes the app respond to a method outside its
// RequestMethods with a problem+json 501, the status that RFC 9110 gives for
// a method the server does not recognize. Without it, Fiber v2 writes a
// plain-text 400 before any middleware runs, so the response has no request
// id and the request is not logged. Methods are case-sensitive, so "get" is
// unknown.
func rejectUnknownMethods(app *fiber.App, logger *slog.Logger) {
	known := make(map[string]bool, len(app.Config().RequestMethods))
	for _, method := range app.Config().RequestMethods {
		known[method] = true
	}

	server := app.Server()
	next := server.Handler
	server.Handler = func(ctx *fasthttp.RequestCtx) {
		if known[string(ctx.Method())] {
			next(ctx)
			return
		}

		start := time.Now()
		id := requestid.FromHeader(string(ctx.Request.Header.Peek(requestid.Header)))
		p := problem.New(http.StatusNotImplemented, "The request method is not supported.")
		p.RequestID = id
		body, _ := json.Marshal(p) // Details holds strings, an int and a string map, which always marshal.

		ctx.SetStatusCode(http.StatusNotImplemented)
		ctx.SetContentType(problem.ContentType)
		ctx.Response.Header.Set(requestid.Header, id)
		ctx.SetBody(body)

		method := string(ctx.Method())
		if len(method) > maxLoggedMethodLen {
			method = method[:maxLoggedMethodLen]
		}
		// Info, not Error as for other 5xx: the client sent the method, and
		// nothing in the service failed.
		accesslog.Write(logger, slog.LevelInfo, accesslog.Entry{
			RequestID: id,
			Method:    method,
			Status:    http.StatusNotImplemented,
			Duration:  time.Since(start),
			Err:       "unknown request method",
		})
	}
}
