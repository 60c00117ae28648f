package loadgen

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestPercentileNearestRank(t *testing.T) {
	samples := make([]time.Duration, 100)
	for i := range samples {
		samples[i] = time.Duration(100-i) * time.Millisecond
	}

	got := Summarize(samples)

	if got.P50 != 50*time.Millisecond {
		t.Errorf("p50 = %s, want 50ms", got.P50)
	}
	if got.P99 != 99*time.Millisecond {
		t.Errorf("p99 = %s, want 99ms", got.P99)
	}
	if got.Max != 100*time.Millisecond {
		t.Errorf("max = %s, want 100ms", got.Max)
	}
}

func TestPercentileSmallSets(t *testing.T) {
	cases := []struct {
		samples []time.Duration
		p       float64
		want    time.Duration
	}{
		{[]time.Duration{7}, 50, 7},
		{[]time.Duration{7}, 99, 7},
		{[]time.Duration{1, 2}, 50, 1},
		{[]time.Duration{1, 2}, 51, 2},
		{[]time.Duration{1, 2, 3}, 99, 3},
		{[]time.Duration{1, 2, 3, 4}, 25, 1},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%v_p%v", c.samples, c.p), func(t *testing.T) {
			if got := Percentile(c.samples, c.p); got != c.want {
				t.Errorf("Percentile(%v, %v) = %v, want %v", c.samples, c.p, got, c.want)
			}
		})
	}
}

func TestSummarizeEmpty(t *testing.T) {
	if got := Summarize(nil); got != (Latency{}) {
		t.Errorf("Summarize(nil) = %+v, want zero", got)
	}
}

// connCounter records how many distinct TCP connections the server saw.
type connCounter struct {
	mu    sync.Mutex
	conns map[string]bool
}

func (c *connCounter) track(addr string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.conns[addr] = true
}

func (c *connCounter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.conns)
}

func getWorker(url string) func(int) RequestFunc {
	return func(int) RequestFunc {
		return func(uint64) (*http.Request, error) {
			return http.NewRequest(http.MethodGet, url, nil)
		}
	}
}

func TestRunKeepsConnectionsAlive(t *testing.T) {
	seen := &connCounter{conns: map[string]bool{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.track(r.RemoteAddr)
		fmt.Fprint(w, `{"ok":true}`)
	}))
	defer srv.Close()

	res, err := Run(context.Background(), Config{
		Concurrency: 4,
		Warmup:      50 * time.Millisecond,
		Duration:    200 * time.Millisecond,
		NewWorker:   getWorker(srv.URL),
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}

	if res.Requests < 10 {
		t.Errorf("requests = %d, want at least 10 in 200ms against a local server", res.Requests)
	}
	if res.Errors != 0 {
		t.Errorf("errors = %d (first: %q), want 0", res.Errors, res.FirstError)
	}
	if seen.count() > 4 {
		t.Errorf("server saw %d connections, want at most 4 for 4 workers", seen.count())
	}
	if res.Statuses[200] != res.Requests {
		t.Errorf("status 200 count = %d, want %d", res.Statuses[200], res.Requests)
	}
}

func TestRunNeverExceedsConcurrency(t *testing.T) {
	var inFlight, peak atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			old := peak.Load()
			if n <= old || peak.CompareAndSwap(old, n) {
				break
			}
		}
		time.Sleep(2 * time.Millisecond)
	}))
	defer srv.Close()

	_, err := Run(context.Background(), Config{
		Concurrency: 3,
		Duration:    300 * time.Millisecond,
		NewWorker:   getWorker(srv.URL),
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}

	if got := peak.Load(); got > 3 {
		t.Errorf("peak requests in flight = %d, want at most 3", got)
	}
	if got := peak.Load(); got < 2 {
		t.Errorf("peak requests in flight = %d, want the workers to overlap", got)
	}
}

func TestRunCountsNon2xxAsErrors(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%2 == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()

	res, err := Run(context.Background(), Config{
		Concurrency: 1,
		Duration:    300 * time.Millisecond,
		NewWorker:   getWorker(srv.URL),
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}

	if res.Errors != res.Statuses[503] {
		t.Errorf("errors = %d, want the %d responses with status 503", res.Errors, res.Statuses[503])
	}
	if res.Errors == 0 || res.Statuses[201] == 0 {
		t.Errorf("statuses = %v, want both 201 and 503", res.Statuses)
	}
	if res.FirstError != "status 503" {
		t.Errorf("first error = %q, want %q", res.FirstError, "status 503")
	}
}

func TestRunCountsTransportErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	url := srv.URL
	srv.Close()

	res, err := Run(context.Background(), Config{
		Concurrency: 2,
		Duration:    200 * time.Millisecond,
		NewWorker:   getWorker(url),
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}

	if res.Errors == 0 || res.Errors != res.Statuses[0] {
		t.Errorf("errors = %d, statuses = %v, want every request counted as a transport error", res.Errors, res.Statuses)
	}
}

func TestRunSkipsWarmup(t *testing.T) {
	var total atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		total.Add(1)
		time.Sleep(time.Millisecond)
	}))
	defer srv.Close()

	res, err := Run(context.Background(), Config{
		Concurrency: 1,
		Warmup:      100 * time.Millisecond,
		Duration:    100 * time.Millisecond,
		NewWorker:   getWorker(srv.URL),
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}

	if int64(res.Requests) >= total.Load() {
		t.Errorf("counted %d of %d requests, want the warm-up ones left out", res.Requests, total.Load())
	}
	if res.Elapsed != 100*time.Millisecond {
		t.Errorf("elapsed = %s, want the 100ms window", res.Elapsed)
	}
}

func TestRunPassesSequence(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()

	var mu sync.Mutex
	lastSeq := map[int]uint64{}
	res, err := Run(context.Background(), Config{
		Concurrency: 2,
		Duration:    300 * time.Millisecond,
		NewWorker: func(i int) RequestFunc {
			var want uint64
			return func(seq uint64) (*http.Request, error) {
				if seq != want {
					return nil, fmt.Errorf("worker %d got seq %d, want %d", i, seq, want)
				}
				want++
				mu.Lock()
				lastSeq[i] = seq
				mu.Unlock()
				return http.NewRequest(http.MethodGet, srv.URL, nil)
			}
		},
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}

	if res.Errors != 0 {
		t.Errorf("errors = %d (first: %q), want 0", res.Errors, res.FirstError)
	}
	if len(lastSeq) != 2 || lastSeq[0] == 0 || lastSeq[1] == 0 {
		t.Errorf("last sequence numbers = %v, want both workers past 0", lastSeq)
	}
}

func TestRunRejectsBadConfig(t *testing.T) {
	cases := map[string]Config{
		"zero concurrency": {Concurrency: 0, Duration: time.Second, NewWorker: getWorker("http://127.0.0.1:1")},
		"zero duration":    {Concurrency: 1, NewWorker: getWorker("http://127.0.0.1:1")},
		"negative warm-up": {Concurrency: 1, Duration: time.Second, Warmup: -time.Second, NewWorker: getWorker("http://127.0.0.1:1")},
		"no worker":        {Concurrency: 1, Duration: time.Second},
	}
	for name, cfg := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := Run(context.Background(), cfg); err == nil {
				t.Error("Run returned no error")
			}
		})
	}
}

func TestRunStopsWithContext(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()

	started := time.Now()
	_, err := Run(ctx, Config{Concurrency: 1, Duration: 10 * time.Second, NewWorker: getWorker(srv.URL)})

	if err == nil {
		t.Error("Run returned no error after its context ended")
	}
	if time.Since(started) > 2*time.Second {
		t.Errorf("Run took %s after its context ended, want a prompt stop", time.Since(started))
	}
}
