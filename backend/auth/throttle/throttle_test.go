package throttle

import (
	"strconv"
	"testing"
	"time"
)

type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time { return c.now }

func TestLimiter(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	l := New(3, time.Minute, clock.Now)

	for i := range 3 {
		if _, ok := l.Begin("k"); !ok {
			t.Fatalf("attempt %d rejected, want allowed", i+1)
		}
	}
	clock.now = clock.now.Add(20 * time.Second)
	retry, ok := l.Begin("k")
	if ok {
		t.Fatal("fourth attempt allowed, want rejected")
	}
	if retry != 40*time.Second {
		t.Errorf("retry after %s, want 40s", retry)
	}

	if _, ok := l.Begin("other"); !ok {
		t.Error("another key is throttled")
	}

	clock.now = clock.now.Add(40 * time.Second)
	if _, ok := l.Begin("k"); !ok {
		t.Error("attempt after the window rejected")
	}
}

func TestLimiterSucceedClears(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	l := New(2, time.Minute, clock.Now)
	l.Begin("k")
	l.Begin("k")
	l.Succeed("k")
	if _, ok := l.Begin("k"); !ok {
		t.Error("attempt after a success rejected")
	}
}

func TestLimiterBoundsEntries(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	l := New(2, time.Minute, clock.Now)
	l.maxEntries = 10
	for i := range 100 {
		l.Begin(strconv.Itoa(i))
	}
	if n := len(l.entries); n > 10 {
		t.Errorf("limiter holds %d entries, want at most 10", n)
	}
}
