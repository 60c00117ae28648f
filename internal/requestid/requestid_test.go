package requestid

import (
	"strings"
	"testing"
)

func TestValid(t *testing.T) {
	for _, id := range []string{"a", "abc-123_x.y", strings.Repeat("a", MaxLen)} {
		if !Valid(id) {
			t.Errorf("Valid(%q) = false", id)
		}
	}
	for _, id := range []string{"", strings.Repeat("a", MaxLen+1), "a b", "a\r\nb", "a\"b", "é", "a/b"} {
		if Valid(id) {
			t.Errorf("Valid(%q) = true", id)
		}
	}
}

func TestGenerate(t *testing.T) {
	a, b := generate(), generate()
	if a == b || !Valid(a) {
		t.Errorf("generated ids %q and %q", a, b)
	}
}
