package main

import (
	"io"
	"net/http"
	"testing"
)

func TestTogglerAlternatesPerPass(t *testing.T) {
	users := []seededUser{{ID: 1, Token: "t1", TodoIDs: []int64{10, 11}}}
	next := toggler("http://127.0.0.1:1")(users, 0)

	want := []struct {
		path string
		body string
	}{
		{"/todos/10", `{"completed":true}`},
		{"/todos/11", `{"completed":true}`},
		{"/todos/10", `{"completed":false}`},
		{"/todos/11", `{"completed":false}`},
		{"/todos/10", `{"completed":true}`},
	}
	for seq, w := range want {
		req, err := next(uint64(seq))
		if err != nil {
			t.Fatalf("request %d: %v", seq, err)
		}
		body, _ := io.ReadAll(req.Body)

		if req.Method != http.MethodPatch {
			t.Errorf("request %d: method %s, want PATCH", seq, req.Method)
		}
		if req.URL.Path != w.path {
			t.Errorf("request %d: path %s, want %s", seq, req.URL.Path, w.path)
		}
		if string(body) != w.body {
			t.Errorf("request %d: body %s, want %s", seq, body, w.body)
		}
	}
}

func TestGetterUsesWorkersOwnUser(t *testing.T) {
	users := []seededUser{{Token: "a"}, {Token: "b"}}

	for i, want := range []string{"Bearer a", "Bearer b", "Bearer a"} {
		req, err := getter("http://127.0.0.1:1/todos")(users, i)(0)
		if err != nil {
			t.Fatalf("worker %d: %v", i, err)
		}
		if got := req.Header.Get("Authorization"); got != want {
			t.Errorf("worker %d: Authorization %q, want %q", i, got, want)
		}
	}
}

func TestScenariosCreateLast(t *testing.T) {
	all := scenarios(endpoints{Auth: "a", Todo: "t", Nginx: "n"})

	if got := all[len(all)-1].Name; got != nameCreate {
		t.Errorf("last scenario = %s, want %s so that lists keep their seeded length", got, nameCreate)
	}
	if len(all) != 5 {
		t.Errorf("scenarios = %d, want 5 with nginx", len(all))
	}
}

func TestScenariosWithoutNginx(t *testing.T) {
	for _, s := range scenarios(endpoints{Auth: "a", Todo: "t"}) {
		if s.Name == nameNginx {
			t.Error("nginx scenario present without an nginx URL")
		}
	}
}
