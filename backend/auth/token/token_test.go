package token

import (
	"bytes"
	"crypto/sha256"
	"testing"
)

func TestNew(t *testing.T) {
	a, b := New(), New()
	if a == b {
		t.Fatal("two tokens are equal")
	}
	if len(a) != Len || !WellFormed(a) {
		t.Errorf("token %q is not well formed", a)
	}
}

func TestHash(t *testing.T) {
	sum := sha256.Sum256([]byte("abc"))
	if !bytes.Equal(Hash("abc"), sum[:]) {
		t.Error("Hash is not SHA-256")
	}
}

func TestWellFormed(t *testing.T) {
	for _, s := range []string{"", "abc", New() + "A", New()[:Len-1] + "!"} {
		if WellFormed(s) {
			t.Errorf("WellFormed(%q) = true", s)
		}
	}
}
