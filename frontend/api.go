package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/todo-app/todo/internal/todo"
)

// apiError is a failed API call. Status is the HTTP status of an error
// response, or 0 when the request got no response at all.
type apiError struct {
	Status int
	// Detail is the problem+json detail or title sent by the server.
	Detail string
	// Fields holds one message per invalid input field for a 400.
	Fields map[string]string
	// RetryAfter is the Retry-After header of a 429, in seconds.
	RetryAfter int
}

func (e *apiError) Error() string {
	if e.Status == 0 {
		return "network request failed"
	}
	return fmt.Sprintf("status %d: %s", e.Status, e.Detail)
}

// problem is the application/problem+json body the services send.
type problem struct {
	Title  string            `json:"title"`
	Detail string            `json:"detail"`
	Errors map[string]string `json:"errors"`
}

// apiClient calls the same-origin API through the browser's fetch. Each
// method blocks, so call it from ctx.Async.
type apiClient struct {
	token string
}

func newAPIClient(token string) apiClient {
	return apiClient{token: token}
}

func (c apiClient) register(creds todo.Credentials) error {
	return c.do("POST", "/api/auth/register", creds, nil)
}

func (c apiClient) login(creds todo.Credentials) (todo.Session, error) {
	var s todo.Session
	err := c.do("POST", "/api/auth/login", creds, &s)
	return s, err
}

func (c apiClient) logout() error {
	return c.do("POST", "/api/auth/logout", nil, nil)
}

func (c apiClient) listTodos() ([]todo.Todo, error) {
	var todos []todo.Todo
	err := c.do("GET", "/api/todos", nil, &todos)
	return todos, err
}

func (c apiClient) createTodo(title string) (todo.Todo, error) {
	var t todo.Todo
	err := c.do("POST", "/api/todos", todo.NewTodo{Title: title}, &t)
	return t, err
}

func (c apiClient) setCompleted(id int64, completed bool) (todo.Todo, error) {
	var t todo.Todo
	err := c.do("PATCH", "/api/todos/"+strconv.FormatInt(id, 10), todo.TodoPatch{Completed: &completed}, &t)
	return t, err
}

func (c apiClient) deleteTodo(id int64) error {
	return c.do("DELETE", "/api/todos/"+strconv.FormatInt(id, 10), nil, nil)
}

// do sends one request with a JSON body (when body is not nil) and decodes a
// JSON response into out (when out is not nil). Any status outside 2xx becomes
// an *apiError.
func (c apiClient) do(method, path string, body, out any) error {
	headers := map[string]any{"Accept": "application/json"}
	if c.token != "" {
		headers["Authorization"] = "Bearer " + c.token
	}
	init := map[string]any{
		"method":      method,
		"headers":     headers,
		"cache":       "no-store",
		"credentials": "same-origin",
		"redirect":    "error",
	}
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		headers["Content-Type"] = "application/json"
		init["body"] = string(b)
	}

	res, err := awaitPromise(app.Window().Call("fetch", path, init))
	if err != nil {
		return &apiError{}
	}
	status := res.Get("status").Int()
	text, err := awaitPromise(res.Call("text"))
	if err != nil {
		return &apiError{}
	}

	if status < 200 || status > 299 {
		return newAPIError(status, text.String(), res.Get("headers").Call("get", "Retry-After"))
	}
	if out == nil || status == 204 {
		return nil
	}
	if err := json.Unmarshal([]byte(text.String()), out); err != nil {
		return &apiError{Status: status, Detail: "The server sent a response that is not valid JSON."}
	}
	return nil
}

func newAPIError(status int, body string, retryAfter app.Value) *apiError {
	e := &apiError{Status: status}

	var p problem
	if json.Unmarshal([]byte(body), &p) == nil {
		e.Detail = p.Detail
		if e.Detail == "" {
			e.Detail = p.Title
		}
		e.Fields = p.Errors
	}

	if retryAfter.Truthy() {
		if n, err := strconv.Atoi(strings.TrimSpace(retryAfter.String())); err == nil && n > 0 {
			e.RetryAfter = n
		}
	}
	return e
}

// awaitPromise blocks until the JavaScript promise p settles and returns its
// value, or an error carrying the rejection reason.
func awaitPromise(p app.Value) (app.Value, error) {
	type outcome struct {
		value app.Value
		err   error
	}
	done := make(chan outcome, 1)

	onFulfilled := app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- outcome{value: firstArg(args)}
		return nil
	})
	defer onFulfilled.Release()
	onRejected := app.FuncOf(func(this app.Value, args []app.Value) any {
		reason := "promise rejected"
		if v := firstArg(args); v.Truthy() {
			reason = v.Call("toString").String()
		}
		done <- outcome{err: fmt.Errorf("%s", reason)}
		return nil
	})
	defer onRejected.Release()

	p.Call("then", onFulfilled, onRejected)
	o := <-done
	return o.value, o.err
}

func firstArg(args []app.Value) app.Value {
	if len(args) == 0 {
		return app.Undefined()
	}
	return args[0]
}
