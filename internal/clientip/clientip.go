// Package clientip finds the address of the client behind trusted reverse
// proxies.
package clientip

import (
	"fmt"
	"net/netip"
	"strings"
)

// Resolver believes X-Forwarded-For only from peers inside its trusted
// networks.
type Resolver struct {
	trusted []netip.Prefix
}

// ParseTrusted reads a comma-separated list of CIDRs or single addresses,
// such as a TRUSTED_PROXIES value. An empty list trusts no proxy.
func ParseTrusted(list string) (Resolver, error) {
	var r Resolver
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if !strings.Contains(item, "/") {
			addr, err := netip.ParseAddr(item)
			if err != nil {
				return Resolver{}, fmt.Errorf("invalid trusted proxy %q: use a CIDR such as 172.16.0.0/12", item)
			}
			r.trusted = append(r.trusted, netip.PrefixFrom(addr.Unmap(), addr.Unmap().BitLen()))
			continue
		}
		prefix, err := netip.ParsePrefix(item)
		if err != nil {
			return Resolver{}, fmt.Errorf("invalid trusted proxy %q: use a CIDR such as 172.16.0.0/12", item)
		}
		r.trusted = append(r.trusted, prefix.Masked())
	}
	return r, nil
}

// Resolve returns the client address for a connection from peer carrying the
// given X-Forwarded-For header values. Walking the list from the right, it
// skips trusted proxies and returns the first address that is not one. A
// peer outside the trusted networks is itself the client, whatever the
// header claims, and an unparsable entry stops the walk at the last
// trusted hop.
func (r Resolver) Resolve(peer netip.Addr, forwardedFor []string) netip.Addr {
	peer = peer.Unmap()
	if !r.isTrusted(peer) {
		return peer
	}

	var hops []string
	for _, value := range forwardedFor {
		hops = append(hops, strings.Split(value, ",")...)
	}

	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		addr, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return client
		}
		client = addr.Unmap()
		if !r.isTrusted(client) {
			return client
		}
	}
	return client
}

func (r Resolver) isTrusted(addr netip.Addr) bool {
	for _, prefix := range r.trusted {
		if prefix.Contains(addr) {
			return true
		}
	}
	return false
}
