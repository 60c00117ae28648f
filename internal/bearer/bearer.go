// Package bearer reads a bearer token from an Authorization header value
// (RFC 6750).
package bearer

import "strings"

// MaxTokenLen bounds the token accepted from a header. Real tokens are much
// shorter, and the bound keeps junk out of hashing and outgoing headers.
const MaxTokenLen = 256

// Parse returns the token of an "Authorization: Bearer <token>" value. The
// scheme is matched without regard to case. The token must be 1 to 256
// characters of the RFC 6750 token68 alphabet, which excludes spaces and
// control characters, so it is safe to forward in another header. The result
// is a copy that may outlive the request.
func Parse(header string) (string, bool) {
	scheme, token, found := strings.Cut(header, " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	if token == "" || len(token) > MaxTokenLen {
		return "", false
	}
	body := strings.TrimRight(token, "=")
	if body == "" {
		return "", false
	}
	for i := 0; i < len(body); i++ {
		if !isToken68(body[i]) {
			return "", false
		}
	}
	return strings.Clone(token), true
}

// isToken68 accepts ALPHA, DIGIT, "-", ".", "_", "~", "+" and "/". The
// token68 syntax also allows trailing "=" padding, which Parse strips first.
func isToken68(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/'
}
