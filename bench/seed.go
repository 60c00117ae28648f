package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/todo-app/todo/internal/todo"
)

// seededUser is one account the load runs act as.
type seededUser struct {
	ID      int64
	Token   string
	TodoIDs []int64
}

// apiClient talks to the services directly, without nginx.
type apiClient struct {
	http    *http.Client
	authURL string
	todoURL string
}

// seedUsers registers count users, logs each in and gives each todos
// to-dos. Registration and login hash a password with argon2id, which is
// slow on purpose, so two users are signed up at a time. The to-dos are
// created one user after another, so each user's ids are consecutive.
func seedUsers(ctx context.Context, api apiClient, prefix string, count, todos int) ([]seededUser, error) {
	users := make([]seededUser, count)
	errs := make([]error, count)
	slots := make(chan struct{}, 2)

	var wg sync.WaitGroup
	for i := range count {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			users[i], errs[i] = signUp(ctx, api, fmt.Sprintf("%s%03d", prefix, i))
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	for i := range users {
		if err := addTodos(ctx, api, &users[i], todos); err != nil {
			return nil, err
		}
	}
	return users, nil
}

// signUp registers username and logs it in.
func signUp(ctx context.Context, api apiClient, username string) (seededUser, error) {
	creds := todo.Credentials{Username: username, Password: "load-test-" + username}
	if err := api.call(ctx, http.MethodPost, api.authURL+"/register", "", creds, http.StatusCreated, nil); err != nil {
		return seededUser{}, fmt.Errorf("register %s: %w", username, err)
	}

	var session todo.Session
	if err := api.call(ctx, http.MethodPost, api.authURL+"/login", "", creds, http.StatusOK, &session); err != nil {
		return seededUser{}, fmt.Errorf("log in %s: %w", username, err)
	}
	return seededUser{ID: session.User.ID, Token: session.Token}, nil
}

func addTodos(ctx context.Context, api apiClient, user *seededUser, count int) error {
	for i := range count {
		var created todo.Todo
		body := todo.NewTodo{Title: fmt.Sprintf("Seeded to-do %d", i+1)}
		if err := api.call(ctx, http.MethodPost, api.todoURL+"/todos", user.Token, body, http.StatusCreated, &created); err != nil {
			return fmt.Errorf("create to-do %d of user %d: %w", i+1, user.ID, err)
		}
		user.TodoIDs = append(user.TodoIDs, created.ID)
	}
	return nil
}

// call sends body as JSON and decodes the response into out when out is
// not nil. A status other than want is an error that quotes the response.
func (api apiClient) call(ctx context.Context, method, url, token string, body any, want int, out any) error {
	payload, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}

	resp, err := api.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("read response of %s %s: %w", method, url, err)
	}

	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: status %d, expected %d: %s", method, url, resp.StatusCode, want, bytes.TrimSpace(data))
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("decode response of %s %s: %w", method, url, err)
	}
	return nil
}
