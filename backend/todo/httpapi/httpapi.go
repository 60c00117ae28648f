// Package httpapi serves the to-do API: CRUD on the caller's to-dos behind
// bearer token authentication, plus health checks.
package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/todo-app/todo/backend/todo/store"
	"github.com/todo-app/todo/internal/accesslog"
	"github.com/todo-app/todo/internal/bearer"
	"github.com/todo-app/todo/internal/httpserver"
	"github.com/todo-app/todo/internal/jsonbody"
	"github.com/todo-app/todo/internal/requestid"
	"github.com/todo-app/todo/internal/todo"
)

// Validator returns the identity behind a bearer token.
type Validator interface {
	Validate(ctx context.Context, token, requestID string) (todo.Identity, error)
}

// Config holds the dependencies of the API.
type Config struct {
	Store  *store.Store
	Auth   Validator
	Logger *slog.Logger
}

type server struct {
	Config
}

// requestTimeout bounds the database work of one request.
const requestTimeout = 5 * time.Second

// NewApp returns the Fiber app of the to-do API.
func NewApp(cfg Config) *fiber.App {
	s := &server{Config: cfg}

	app := httpserver.NewApp(cfg.Logger)
	httpserver.RegisterHealthRoutes(app, cfg.Store.Ping, cfg.Logger)

	todos := app.Group("/todos", s.authenticate)
	todos.Get("", s.list)
	todos.Post("", s.create)
	todos.Get("/:id", s.get)
	todos.Patch("/:id", s.update)
	todos.Delete("/:id", s.delete)

	httpserver.Finish(app)
	return app
}

type identityKey struct{}

var errBadToken = todo.Errorf(todo.EUNAUTHORIZED, "A valid bearer token is required.")

// authenticate lets a request through only when the auth service confirms its
// bearer token. The user id comes from that response and never from the request.
func (s *server) authenticate(c *fiber.Ctx) error {
	token, ok := bearer.Parse(c.Get(fiber.HeaderAuthorization))
	if !ok {
		return errBadToken
	}

	identity, err := s.Auth.Validate(c.UserContext(), token, requestid.Get(c))
	if err != nil {
		return err
	}
	c.Locals(identityKey{}, identity.UserID)
	accesslog.SetUser(c, identity.UserID)
	return c.Next()
}

func userID(c *fiber.Ctx) int64 {
	id, _ := c.Locals(identityKey{}).(int64)
	return id
}

var errTodoNotFound = todo.Errorf(todo.ENOTFOUND, "The to-do does not exist.")

// todoID parses the :id parameter. Only the canonical decimal form of a
// positive int64 is an id, so 01 or +1 does not name to-do 1. Every other form
// gets the same 404 as an id that does not exist.
func todoID(c *fiber.Ctx) (int64, error) {
	raw := c.Params("id")
	if raw == "" || raw[0] < '1' || raw[0] > '9' {
		return 0, errTodoNotFound
	}
	for i := 1; i < len(raw); i++ {
		if raw[i] < '0' || raw[i] > '9' {
			return 0, errTodoNotFound
		}
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return 0, errTodoNotFound
	}
	return id, nil
}

func (s *server) list(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), requestTimeout)
	defer cancel()

	todos, err := s.Store.List(ctx, userID(c))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(todos)
}

func (s *server) create(c *fiber.Ctx) error {
	var input todo.NewTodo
	if err := jsonbody.Decode(c, &input); err != nil {
		return err
	}
	title, err := todo.NormalizeTitle(input.Title)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(c.UserContext(), requestTimeout)
	defer cancel()

	item, err := s.Store.Create(ctx, userID(c), title)
	if err != nil {
		return err
	}
	c.Location("/todos/" + strconv.FormatInt(item.ID, 10))
	return c.Status(fiber.StatusCreated).JSON(item)
}

func (s *server) get(c *fiber.Ctx) error {
	id, err := todoID(c)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(c.UserContext(), requestTimeout)
	defer cancel()

	item, err := s.Store.Get(ctx, userID(c), id)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(item)
}

func (s *server) update(c *fiber.Ctx) error {
	id, err := todoID(c)
	if err != nil {
		return err
	}
	patch, err := decodePatch(c)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(c.UserContext(), requestTimeout)
	defer cancel()

	item, err := s.Store.Update(ctx, userID(c), id, patch)
	if err != nil {
		return err
	}
	return c.JSON(item)
}

// decodePatch reads a PATCH body. Each of title and completed is optional,
// at least one must be present, and an explicit null is rejected rather than
// read as absent.
func decodePatch(c *fiber.Ctx) (todo.TodoPatch, error) {
	var raw struct {
		Title     json.RawMessage `json:"title"`
		Completed json.RawMessage `json:"completed"`
	}
	if err := jsonbody.Decode(c, &raw); err != nil {
		return todo.TodoPatch{}, err
	}

	var patch todo.TodoPatch
	fields := map[string]string{}
	if raw.Title != nil {
		var title string
		if err := json.Unmarshal(raw.Title, &title); err != nil {
			fields["title"] = "Title must be a JSON string."
		} else if normalized, err := todo.NormalizeTitle(title); err != nil {
			fields["title"] = todo.ErrorMessage(err)
		} else {
			patch.Title = &normalized
		}
	}
	if raw.Completed != nil {
		var completed bool
		if err := json.Unmarshal(raw.Completed, &completed); err != nil || string(raw.Completed) == "null" {
			fields["completed"] = "Completed must be true or false."
		} else {
			patch.Completed = &completed
		}
	}

	if len(fields) > 0 {
		return todo.TodoPatch{}, &todo.Error{Code: todo.EINVALID, Message: "The request has invalid fields.", Fields: fields}
	}
	if patch.Title == nil && patch.Completed == nil {
		return todo.TodoPatch{}, todo.Errorf(todo.EINVALID, "Send title, completed or both.")
	}
	return patch, nil
}

func (s *server) delete(c *fiber.Ctx) error {
	id, err := todoID(c)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(c.UserContext(), requestTimeout)
	defer cancel()

	if err := s.Store.Delete(ctx, userID(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
