// Package throttle limits failed logins per username and client address.
package throttle

import (
	"sync"
	"time"
)

// Default limits: 5 failed logins per username and client address within 15
// minutes, then 429 until the 15 minutes since the first failure have passed.
// Five allows for typing mistakes, and at most 480 guesses a day per username
// and address keep online guessing of a password that passes the length rule
// hopeless.
const (
	DefaultMaxFailures = 5
	DefaultWindow      = 15 * time.Minute
	// DefaultMaxEntries bounds memory: about 100 bytes an entry, so 10 MB.
	DefaultMaxEntries = 100_000
)

// Limiter counts login attempts per key in fixed windows. It lives in one
// process, so restarts reset it and replicas count separately.
type Limiter struct {
	maxFailures int
	window      time.Duration
	maxEntries  int
	now         func() time.Time

	mu      sync.Mutex
	entries map[string]*entry
}

type entry struct {
	failures int
	first    time.Time
}

// New returns a Limiter that allows maxFailures failures per key per window.
// now is the clock, time.Now outside tests.
func New(maxFailures int, window time.Duration, now func() time.Time) *Limiter {
	return &Limiter{
		maxFailures: maxFailures,
		window:      window,
		maxEntries:  DefaultMaxEntries,
		now:         now,
		entries:     map[string]*entry{},
	}
}

// Begin records an attempt for key before its password is checked, so
// parallel attempts cannot slip past the limit. It returns ok false and the
// time until the window ends when the key has used up its attempts. Call
// Succeed after a successful login, which clears the count.
func (l *Limiter) Begin(key string) (retryAfter time.Duration, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()

	now := l.now()
	e := l.entries[key]
	if e != nil && now.Sub(e.first) >= l.window {
		delete(l.entries, key)
		e = nil
	}
	if e == nil {
		l.makeRoom(now)
		e = &entry{first: now}
		l.entries[key] = e
	}
	if e.failures >= l.maxFailures {
		return e.first.Add(l.window).Sub(now), false
	}
	e.failures++
	return 0, true
}

// Succeed clears the count of key.
func (l *Limiter) Succeed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, key)
}

// makeRoom drops expired entries when the map is full.
// NOTE: when every entry is live, an arbitrary one is dropped, so a flood of
// distinct keys can reset the count of some other key.
func (l *Limiter) makeRoom(now time.Time) {
	if len(l.entries) < l.maxEntries {
		return
	}
	for key, e := range l.entries {
		if now.Sub(e.first) >= l.window {
			delete(l.entries, key)
		}
	}
	for key := range l.entries {
		if len(l.entries) < l.maxEntries {
			break
		}
		delete(l.entries, key)
	}
}
