package clientip

import (
	"net/netip"
	"testing"
)

func TestParseTrusted(t *testing.T) {
	for _, list := range []string{"", "10.0.0.0/8", "10.0.0.0/8, 172.16.0.0/12", "127.0.0.1", "::1,fd00::/8"} {
		if _, err := ParseTrusted(list); err != nil {
			t.Errorf("ParseTrusted(%q) = %v", list, err)
		}
	}
	for _, list := range []string{"10.0.0.0/33", "not-an-ip", "10.0.0.0/8,,x"} {
		if _, err := ParseTrusted(list); err == nil {
			t.Errorf("ParseTrusted(%q) accepted an invalid list", list)
		}
	}
}

func TestResolve(t *testing.T) {
	resolver, err := ParseTrusted("10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name      string
		peer      string
		forwarded []string
		want      string
	}{
		{"direct client", "203.0.113.5", nil, "203.0.113.5"},
		{"untrusted peer forging header", "203.0.113.5", []string{"198.51.100.1"}, "203.0.113.5"},
		{"trusted proxy", "10.0.0.2", []string{"198.51.100.1"}, "198.51.100.1"},
		{"client-sent prefix ignored", "10.0.0.2", []string{"1.1.1.1, 198.51.100.1"}, "198.51.100.1"},
		{"chain of trusted proxies", "10.0.0.2", []string{"198.51.100.1, 10.0.0.9"}, "198.51.100.1"},
		{"header lines joined", "10.0.0.2", []string{"1.1.1.1", "198.51.100.1"}, "198.51.100.1"},
		{"garbage stops walk", "10.0.0.2", []string{"198.51.100.1, junk"}, "10.0.0.2"},
		{"trusted proxy without header", "10.0.0.2", nil, "10.0.0.2"},
		{"IPv4-mapped peer", "::ffff:10.0.0.2", []string{"198.51.100.1"}, "198.51.100.1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := resolver.Resolve(netip.MustParseAddr(tc.peer), tc.forwarded)
			if got.String() != tc.want {
				t.Errorf("Resolve = %s, want %s", got, tc.want)
			}
		})
	}
}
