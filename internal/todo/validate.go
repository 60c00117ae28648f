package todo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Input limits shared by the services and the client.
const (
	MinUsernameLen = 3
	MaxUsernameLen = 32
	MinPasswordLen = 8 // counted in characters, so a short passphrase in any script is caught
	// MaxPasswordBytes bounds the work of hashing one login attempt.
	MaxPasswordBytes = 256
	// MaxTitleLen is counted in Unicode code points, not bytes.
	MaxTitleLen = 500
)

// ValidateUsername reports whether name is 3 to 32 ASCII letters, digits,
// '_', '.' or '-'. The rule keeps names unambiguous to compare without
// regard to case.
func ValidateUsername(name string) error {
	if name == "" {
		return invalidField("username", "Username is required.")
	}
	if len(name) < MinUsernameLen || len(name) > MaxUsernameLen {
		return invalidField("username", "Username must be 3 to 32 characters long.")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
		if !ok {
			return invalidField("username", "Username may contain only letters, digits, '_', '.' and '-'.")
		}
	}
	return nil
}

// ValidatePassword reports whether password has at least 8 characters and at
// most 256 bytes of valid UTF-8.
func ValidatePassword(password string) error {
	switch {
	case password == "":
		return invalidField("password", "Password is required.")
	case !utf8.ValidString(password):
		return invalidField("password", "Password must be valid UTF-8 text.")
	case utf8.RuneCountInString(password) < MinPasswordLen:
		return invalidField("password", "Password must be at least 8 characters long.")
	case len(password) > MaxPasswordBytes:
		return invalidField("password", "Password must be at most 256 bytes long.")
	}
	return nil
}

// Validate checks both fields of c and reports every problem at once.
func (c Credentials) Validate() error {
	fields := map[string]string{}
	collectField(fields, ValidateUsername(c.Username))
	collectField(fields, ValidatePassword(c.Password))
	if len(fields) > 0 {
		return &Error{Code: EINVALID, Message: "The request has invalid fields.", Fields: fields}
	}
	return nil
}

// NormalizeTitle trims surrounding white space from title and checks that the
// result holds 1 to 500 code points of valid UTF-8 with no control
// characters. It returns the trimmed title.
func NormalizeTitle(title string) (string, error) {
	if !utf8.ValidString(title) {
		return "", invalidField("title", "Title must be valid UTF-8 text.")
	}
	title = strings.TrimSpace(title)
	n := utf8.RuneCountInString(title)
	if n == 0 {
		return "", invalidField("title", "Title is required.")
	}
	if n > MaxTitleLen {
		return "", invalidField("title", "Title must be at most 500 characters long.")
	}
	if strings.IndexFunc(title, unicode.IsControl) >= 0 {
		return "", invalidField("title", "Title must not contain control characters.")
	}
	return title, nil
}

func invalidField(field, message string) *Error {
	return &Error{Code: EINVALID, Message: message, Fields: map[string]string{field: message}}
}

func collectField(fields map[string]string, err error) {
	if e, ok := err.(*Error); ok {
		for k, v := range e.Fields {
			fields[k] = v
		}
	}
}

// ValidateTitle reports whether title is acceptable after trimming, by the
// rules of NormalizeTitle.
func ValidateTitle(title string) error {
	_, err := NormalizeTitle(title)
	return err
}
