package todo

import (
	"strings"
	"testing"
)

func TestValidateUsername(t *testing.T) {
	cases := []struct {
		name  string
		input string
		ok    bool
	}{
		{"minimum length", "abc", true},
		{"maximum length", strings.Repeat("a", 32), true},
		{"all allowed symbols", "A.b_c-9", true},
		{"empty", "", false},
		{"too short", "ab", false},
		{"too long", strings.Repeat("a", 33), false},
		{"space", "ab c", false},
		{"at sign", "ab@c", false},
		{"non-ASCII letter", "josé", false},
		{"control character", "ab\x00c", false},
		{"quote", "ab'c", false},
		{"slash", "a/bc", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateUsername(tc.input)
			if (err == nil) != tc.ok {
				t.Fatalf("ValidateUsername(%q) = %v, want ok=%v", tc.input, err, tc.ok)
			}
			if err != nil && ErrorCode(err) != EINVALID {
				t.Errorf("code = %q, want %q", ErrorCode(err), EINVALID)
			}
		})
	}
}

func TestValidatePassword(t *testing.T) {
	cases := []struct {
		name  string
		input string
		ok    bool
	}{
		{"eight characters", "12345678", true},
		{"eight non-ASCII characters", "ääääääää", true},
		{"256 bytes", strings.Repeat("p", 256), true},
		{"empty", "", false},
		{"seven characters", "1234567", false},
		{"257 bytes", strings.Repeat("p", 257), false},
		{"invalid UTF-8", "abcdefgh\xff", false},
		{"130 two-byte characters", strings.Repeat("ä", 130), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidatePassword(tc.input)
			if (err == nil) != tc.ok {
				t.Fatalf("ValidatePassword(len %d) = %v, want ok=%v", len(tc.input), err, tc.ok)
			}
		})
	}
}

func TestNormalizeTitle(t *testing.T) {
	cases := []struct {
		name  string
		input string
		want  string
		ok    bool
	}{
		{"plain", "buy milk", "buy milk", true},
		{"trimmed", " \t buy milk \n", "buy milk", true},
		{"inner spaces kept", "a  b", "a  b", true},
		{"emoji", "🎉 party", "🎉 party", true},
		{"right to left", "שלום", "שלום", true},
		{"markup", "<b>x</b>", "<b>x</b>", true},
		{"500 code points", strings.Repeat("😀", 500), strings.Repeat("😀", 500), true},
		{"empty", "", "", false},
		{"only spaces", "   ", "", false},
		{"501 code points", strings.Repeat("a", 501), "", false},
		{"newline inside", "a\nb", "", false},
		{"tab inside", "a\tb", "", false},
		{"NUL", "a\x00b", "", false},
		{"DEL", "a\x7fb", "", false},
		{"C1 control", "a\u0085b", "", false},
		{"invalid UTF-8", "a\xffb", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NormalizeTitle(tc.input)
			if (err == nil) != tc.ok {
				t.Fatalf("NormalizeTitle(%q) error = %v, want ok=%v", tc.input, err, tc.ok)
			}
			if got != tc.want {
				t.Errorf("NormalizeTitle(%q) = %q, want %q", tc.input, got, tc.want)
			}
			if err != nil {
				e, isDomain := err.(*Error)
				if !isDomain || e.Fields["title"] == "" {
					t.Errorf("error %v lacks a message for field title", err)
				}
			}
			if (ValidateTitle(tc.input) == nil) != tc.ok {
				t.Errorf("ValidateTitle disagrees with NormalizeTitle")
			}
		})
	}
}

func TestCredentialsValidateReportsAllFields(t *testing.T) {
	err := Credentials{Username: "a", Password: "b"}.Validate()
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("Validate() = %v, want *Error", err)
	}
	for _, field := range []string{"username", "password"} {
		if e.Fields[field] == "" {
			t.Errorf("no message for %s in %v", field, e.Fields)
		}
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	cases := []struct {
		name        string
		err         error
		wantCode    string
		wantMessage string
	}{
		{"nil", nil, "", ""},
		{"domain", Errorf(ENOTFOUND, "gone"), ENOTFOUND, "gone"},
		{"other", errString("db password=secret"), EINTERNAL, "Internal error."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ErrorCode(tc.err); got != tc.wantCode {
				t.Errorf("ErrorCode = %q, want %q", got, tc.wantCode)
			}
			if got := ErrorMessage(tc.err); got != tc.wantMessage {
				t.Errorf("ErrorMessage = %q, want %q", got, tc.wantMessage)
			}
		})
	}
}

type errString string

func (e errString) Error() string { return string(e) }
