// Package token creates opaque session tokens and the hashes stored for them.
package token

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// byteLen is the number of random bytes in a token: 256 bits, twice the
// 128-bit minimum for a token that must not be guessed.
const byteLen = 32

// Len is the length of a token string: 32 bytes in unpadded base64url.
var Len = base64.RawURLEncoding.EncodedLen(byteLen)

// New returns a fresh token from crypto/rand, encoded as unpadded base64url.
func New() string {
	b := make([]byte, byteLen)
	_, _ = rand.Read(b) // crypto/rand.Read never returns an error since Go 1.24
	return base64.RawURLEncoding.EncodeToString(b)
}

// Hash returns the SHA-256 digest under which a token is stored. A fast hash
// suffices because the token has 256 bits of entropy, unlike a password.
func Hash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// WellFormed reports whether s could be a token from New, so a lookup of junk
// can be skipped.
func WellFormed(s string) bool {
	if len(s) != Len {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}
