package bearer

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name   string
		header string
		want   string
		ok     bool
	}{
		{"plain", "Bearer abc123", "abc123", true},
		{"lower-case scheme", "bearer abc", "abc", true},
		{"token68 alphabet", "Bearer a-b_c~d.e+f/g==", "a-b_c~d.e+f/g==", true},
		{"only padding", "Bearer ==", "", false},
		{"padding inside", "Bearer ab=c", "", false},
		{"padding at end", "Bearer abc=", "abc=", true},
		{"empty", "", "", false},
		{"scheme only", "Bearer", "", false},
		{"scheme and space", "Bearer ", "", false},
		{"basic", "Basic abc", "", false},
		{"two spaces", "Bearer  abc", "", false},
		{"two tokens", "Bearer abc def", "", false},
		{"CR LF", "Bearer abc\r\nX-Evil: 1", "", false},
		{"quote", `Bearer ab"c`, "", false},
		{"comma", "Bearer abc,", "", false},
		{"non-ASCII", "Bearer abcé", "", false},
		{"256 characters", "Bearer " + strings.Repeat("a", 256), strings.Repeat("a", 256), true},
		{"257 characters", "Bearer " + strings.Repeat("a", 257), "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Parse(tc.header)
			if ok != tc.ok {
				t.Fatalf("Parse(%q) ok = %v, want %v", tc.header, ok, tc.ok)
			}
			if ok && got != tc.want {
				t.Errorf("Parse(%q) = %q, want %q", tc.header, got, tc.want)
			}
		})
	}
}
