package password

import (
	"context"
	"strings"
	"testing"
)

var fast = Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1, SaltLen: 16, KeyLen: 32}

func TestHashAndVerify(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(fast)

	encoded, err := h.Hash(ctx, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(encoded, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q is not an argon2id PHC string with the given parameters", encoded)
	}

	if ok, err := h.Verify(ctx, "correct horse", encoded); err != nil || !ok {
		t.Errorf("Verify(right password) = %v, %v; want true", ok, err)
	}
	if ok, err := h.Verify(ctx, "correct horsE", encoded); err != nil || ok {
		t.Errorf("Verify(wrong password) = %v, %v; want false", ok, err)
	}

	again, _ := h.Hash(ctx, "correct horse")
	if again == encoded {
		t.Error("two hashes of one password are equal, so the salt is not random")
	}
}

func TestVerifyUsesStoredParameters(t *testing.T) {
	ctx := context.Background()
	old := NewHasher(Params{MemoryKiB: 128, Iterations: 2, Parallelism: 1, SaltLen: 16, KeyLen: 32})
	encoded, err := old.Hash(ctx, "password1")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := NewHasher(fast).Verify(ctx, "password1", encoded); err != nil || !ok {
		t.Errorf("a hasher with other parameters rejects an older hash: %v, %v", ok, err)
	}
}

func TestVerifyRejectsMalformedHashes(t *testing.T) {
	h := NewHasher(fast)
	for _, encoded := range []string{
		"",
		"plain",
		"$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5",
		"$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5",
		"$argon2id$v=19$m=0,t=1,p=1$c2FsdHNhbHQ$a2V5",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$!!!$a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$",
	} {
		if _, err := h.Verify(context.Background(), "x", encoded); err == nil {
			t.Errorf("Verify accepted malformed hash %q", encoded)
		}
	}
}

func TestHashRespectsCanceledContext(t *testing.T) {
	h := NewHasher(fast)
	for range cap(h.slots) {
		h.slots <- struct{}{}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "password1"); err == nil {
		t.Error("Hash ran although every slot was busy and the context was canceled")
	}
}
