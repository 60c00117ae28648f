package main

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/todo-app/todo/bench/loadgen"
)

// scenario is one kind of request driven at each concurrency.
type scenario struct {
	Name    string // as the report shows it
	Ceiling string // name of the pgbench ceiling, or "" when there is none
	// Build returns worker i's request source. Worker i acts as
	// users[i mod len(users)].
	Build func(users []seededUser, i int) loadgen.RequestFunc
}

// endpoints are the base URLs the scenarios target.
type endpoints struct {
	Auth  string
	Todo  string
	Nginx string
}

const (
	ceilingSession = "pgbench validate"
	ceilingList    = "pgbench list"
	ceilingToggle  = "pgbench toggle"
	ceilingCreate  = "pgbench create"
)

// Scenario names shared with the report's hop and profile sections.
const (
	nameValidate = "GET /validate (auth)"
	nameList     = "GET /todos"
	nameNginx    = "GET /api/todos (nginx)"
	nameToggle   = "PATCH /todos/{id}"
	nameCreate   = "POST /todos"
)

// scenarios lists the load runs in the order they run. Creating to-dos
// comes last because it makes every later list longer than the seeded 20.
func scenarios(e endpoints) []scenario {
	all := []scenario{
		{Name: nameValidate, Ceiling: ceilingSession, Build: getter(e.Auth + "/validate")},
		{Name: nameList, Ceiling: ceilingList, Build: getter(e.Todo + "/todos")},
	}
	if e.Nginx != "" {
		all = append(all, scenario{Name: nameNginx, Ceiling: ceilingList, Build: getter(e.Nginx + "/api/todos")})
	}
	return append(all,
		scenario{Name: nameToggle, Ceiling: ceilingToggle, Build: toggler(e.Todo)},
		scenario{Name: nameCreate, Ceiling: ceilingCreate, Build: creator(e.Todo)},
	)
}

func bearer(user seededUser) string { return "Bearer " + user.Token }

func getter(url string) func([]seededUser, int) loadgen.RequestFunc {
	return func(users []seededUser, i int) loadgen.RequestFunc {
		auth := bearer(users[i%len(users)])
		return func(uint64) (*http.Request, error) {
			req, err := http.NewRequest(http.MethodGet, url, nil)
			if err != nil {
				return nil, err
			}
			req.Header.Set("Authorization", auth)
			return req, nil
		}
	}
}

// toggler flips completed on each of the user's to-dos in turn, true on
// one pass through them and false on the next.
func toggler(base string) func([]seededUser, int) loadgen.RequestFunc {
	return func(users []seededUser, i int) loadgen.RequestFunc {
		user := users[i%len(users)]
		auth := bearer(user)
		return func(seq uint64) (*http.Request, error) {
			if len(user.TodoIDs) == 0 {
				return nil, fmt.Errorf("user %d has no to-dos to toggle", user.ID)
			}
			n := uint64(len(user.TodoIDs))
			id := user.TodoIDs[seq%n]
			body := fmt.Sprintf(`{"completed":%t}`, (seq/n)%2 == 0)
			return jsonRequest(http.MethodPatch, fmt.Sprintf("%s/todos/%d", base, id), auth, body)
		}
	}
}

func creator(base string) func([]seededUser, int) loadgen.RequestFunc {
	return func(users []seededUser, i int) loadgen.RequestFunc {
		auth := bearer(users[i%len(users)])
		return func(seq uint64) (*http.Request, error) {
			body := fmt.Sprintf(`{"title":"Load test to-do %d"}`, seq)
			return jsonRequest(http.MethodPost, base+"/todos", auth, body)
		}
	}
}

func jsonRequest(method, url, auth, body string) (*http.Request, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", auth)
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}
