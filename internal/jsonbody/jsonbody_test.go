package jsonbody

import (
	"testing"

	"github.com/todo-app/todo/internal/todo"
)

func TestDecodeBytes(t *testing.T) {
	type input struct {
		Title string `json:"title"`
		Done  bool   `json:"done"`
	}
	cases := []struct {
		name      string
		body      string
		ok        bool
		wantField string
	}{
		{"object", `{"title":"x","done":true}`, true, ""},
		{"surrounding space", " \n{\"title\":\"x\"}\n ", true, ""},
		{"empty", ``, false, ""},
		{"null", `null`, false, ""},
		{"array", `[]`, false, ""},
		{"truncated", `{"title":`, false, ""},
		{"trailing object", `{"title":"x"}{}`, false, ""},
		{"trailing garbage", `{"title":"x"} x`, false, ""},
		{"unknown field", `{"titel":"x"}`, false, "titel"},
		{"wrong type", `{"title":1}`, false, "title"},
		{"wrong bool", `{"done":"yes"}`, false, "done"},
		{"invalid UTF-8", "{\"title\":\"a\xffb\"}", false, ""},
		{"surrogate pair", `{"title":"\ud83d\ude00"}`, true, ""},
		{"upper-case surrogate pair", `{"title":"\uD83D\uDE00"}`, true, ""},
		{"escaped backslash before u", `{"title":"\\ud800"}`, true, ""},
		{"lone high surrogate", `{"title":"a\ud800b"}`, false, ""},
		{"high surrogate at end", `{"title":"\ud800"}`, false, ""},
		{"lone low surrogate", `{"title":"\udc00"}`, false, ""},
		{"two high surrogates", `{"title":"\ud800\ud800"}`, false, ""},
		{"lone surrogate in key", `{"\ud800":"x"}`, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var dst input
			err := DecodeBytes([]byte(tc.body), &dst)
			if (err == nil) != tc.ok {
				t.Fatalf("DecodeBytes(%q) = %v, want ok=%v", tc.body, err, tc.ok)
			}
			if err == nil {
				return
			}
			if code := todo.ErrorCode(err); code != todo.EINVALID {
				t.Errorf("code %q, want %q", code, todo.EINVALID)
			}
			if tc.wantField != "" {
				e := err.(*todo.Error)
				if e.Fields[tc.wantField] == "" {
					t.Errorf("fields %v lack %q", e.Fields, tc.wantField)
				}
			}
		})
	}
}
