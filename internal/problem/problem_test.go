package problem

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/todo-app/todo/internal/todo"
)

func TestFromError(t *testing.T) {
	cases := []struct {
		name       string
		err        error
		wantStatus int
		wantDetail string
	}{
		{"invalid", todo.Errorf(todo.EINVALID, "bad title"), 400, "bad title"},
		{"wrapped not found", fmt.Errorf("get: %w", todo.Errorf(todo.ENOTFOUND, "gone")), 404, "gone"},
		{"conflict", todo.Errorf(todo.ECONFLICT, "taken"), 409, "taken"},
		{"throttled", todo.Errorf(todo.ETOOMANY, "slow down"), 429, "slow down"},
		{"unavailable", todo.Errorf(todo.EUNAVAILABLE, "auth down"), 503, "auth down"},
		{"internal domain error hides message", todo.Errorf(todo.EINTERNAL, "secret detail"), 500, internalDetail},
		{"unknown code", todo.Errorf("weird", "secret detail"), 500, internalDetail},
		{"plain error", errors.New("pq: password authentication failed"), 500, internalDetail},
		{"fiber 404", fiber.ErrNotFound, 404, detailByStatus[404]},
		{"fiber 404 with path", fiber.NewError(404, "Cannot GET /secret"), 404, detailByStatus[404]},
		{"fiber 413", fiber.ErrRequestEntityTooLarge, 413, detailByStatus[413]},
		{"fiber 5xx", fiber.ErrBadGateway, 500, internalDetail},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := FromError(tc.err)
			if p.Status != tc.wantStatus || p.Detail != tc.wantDetail {
				t.Errorf("FromError = %d %q, want %d %q", p.Status, p.Detail, tc.wantStatus, tc.wantDetail)
			}
			if p.Type != "about:blank" || p.Title != http.StatusText(p.Status) {
				t.Errorf("type %q title %q", p.Type, p.Title)
			}
		})
	}
}

func TestFromErrorKeepsFields(t *testing.T) {
	err := &todo.Error{Code: todo.EINVALID, Message: "m", Fields: map[string]string{"title": "Title is required."}}
	if p := FromError(err); p.Errors["title"] != "Title is required." {
		t.Errorf("errors = %v", p.Errors)
	}
}
