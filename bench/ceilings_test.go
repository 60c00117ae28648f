package main

import (
	"strings"
	"testing"
)

func TestSessionLookupHashesToken(t *testing.T) {
	// SHA-256 of "abc".
	const digest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

	got := sessionLookup(seededUser{Token: "abc"})

	if !strings.Contains(got, `s.token_hash = '\x`+digest+`'`) {
		t.Errorf("session lookup lacks the token hash:\n%s", got)
	}
}

func TestToggleTodoPicksFromConsecutiveIDs(t *testing.T) {
	got := toggleTodo(seededUser{ID: 7, TodoIDs: []int64{42, 40, 41}})

	if !strings.HasPrefix(got, "\\set id 40 + :client_id % 3\n") {
		t.Errorf("toggle script does not pick among ids 40 to 42 by client:\n%s", got)
	}
	if !strings.Contains(got, "(user_id = 7)") {
		t.Errorf("toggle script does not filter on the user:\n%s", got)
	}
}

func TestConsecutiveIDs(t *testing.T) {
	cases := []struct {
		ids  []int64
		want bool
	}{
		{[]int64{3, 1, 2}, true},
		{[]int64{1, 3}, false},
		{[]int64{5}, true},
		{nil, false},
	}
	for _, c := range cases {
		if got := consecutiveIDs(c.ids); got != c.want {
			t.Errorf("consecutiveIDs(%v) = %t, want %t", c.ids, got, c.want)
		}
	}
}

func TestCeilingScriptsCoverScenarios(t *testing.T) {
	scripts := ceilingScripts()

	for _, s := range scenarios(endpoints{Auth: "a", Todo: "t", Nginx: "n"}) {
		if _, ok := scripts[s.Ceiling]; !ok {
			t.Errorf("scenario %s names ceiling %q, which has no script", s.Name, s.Ceiling)
		}
	}
}
