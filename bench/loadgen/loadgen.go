// Package loadgen drives an HTTP server with a closed-loop load: a fixed
// number of workers, each sending its next request only after the previous
// response has been read in full. Connections are kept alive and reused, so the
// numbers measure request handling, not TCP set-up.
package loadgen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// RequestFunc returns the next request for one worker. Seq counts that
// worker's requests from 0, so a scenario can alternate bodies or targets.
// The generator closes the response body before it calls the function again.
type RequestFunc func(seq uint64) (*http.Request, error)

// Config describes one closed-loop run.
type Config struct {
	// Concurrency is the number of workers, and so the max number of
	// requests in flight and of open connections.
	Concurrency int

	// Warmup is run before measuring. Its requests are sent but not counted.
	Warmup time.Duration

	// Duration is the measured window that follows the warm-up.
	Duration time.Duration

	// NewWorker returns the request source of worker i, for i from 0 to
	// Concurrency-1. Each worker calls only its own function.
	NewWorker func(i int) RequestFunc

	// Client sends the requests. When nil, Run uses NewClient(Concurrency).
	Client *http.Client
}

// NewClient returns a client that keeps up to maxConns connections per host
// alive and never requests compressed responses, so the load generator spends
// no time inflating bodies.
func NewClient(maxConns int) *http.Client {
	transport := &http.Transport{
		MaxIdleConns:        maxConns,
		MaxIdleConnsPerHost: maxConns,
		MaxConnsPerHost:     maxConns,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true,
		ForceAttemptHTTP2:   false,
	}
	return &http.Client{Transport: transport, Timeout: 30 * time.Second}
}

// Result summarises the measured window of one run.
type Result struct {
	Concurrency int
	Requests    int           // requests started inside the window that got a response
	Errors      int           // of those, responses outside 2xx and transport errors
	Elapsed     time.Duration // length of the measured window
	Latency     Latency
	Statuses    map[int]int // responses by status code; 0 counts transport errors
	FirstError  string      // the first failure seen, to tell why Errors is not 0
}

// Rate returns the measured requests per second.
func (r Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Run drives the load described by cfg and returns the measured window.
// It stops by itself after Warmup+Duration, or earlier when ctx ends, in
// which case it returns ctx's error. A request in flight at the end of the
// window is waited for but not counted.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if err := cfg.check(); err != nil {
		return Result{}, err
	}
	client := cfg.Client
	if client == nil {
		client = NewClient(cfg.Concurrency)
		defer client.CloseIdleConnections()
	}

	start := time.Now()
	window := phase{from: start.Add(cfg.Warmup), to: start.Add(cfg.Warmup + cfg.Duration)}

	ctx, cancel := context.WithDeadline(ctx, window.to.Add(client.Timeout))
	defer cancel()

	tallies := make([]tally, cfg.Concurrency)
	var wg sync.WaitGroup
	for i := range cfg.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tallies[i] = runWorker(ctx, client, cfg.NewWorker(i), window)
		}()
	}
	wg.Wait()

	if err := ctx.Err(); err != nil && time.Now().Before(window.to) {
		return Result{}, fmt.Errorf("load run stopped early: %w", err)
	}
	return merge(cfg.Concurrency, cfg.Duration, tallies), nil
}

func (cfg Config) check() error {
	switch {
	case cfg.Concurrency < 1:
		return fmt.Errorf("concurrency %d is invalid: it must be at least 1", cfg.Concurrency)
	case cfg.Duration <= 0:
		return fmt.Errorf("duration %s is invalid: it must be positive", cfg.Duration)
	case cfg.Warmup < 0:
		return fmt.Errorf("warm-up %s is invalid: it must not be negative", cfg.Warmup)
	case cfg.NewWorker == nil:
		return errors.New("no request source: NewWorker is nil")
	}
	return nil
}

// phase is the measured window [from, to).
type phase struct{ from, to time.Time }

// tally is one worker's record of the measured window.
type tally struct {
	samples    []time.Duration
	errors     int
	statuses   map[int]int
	firstError string
}

func (t *tally) fail(status int, message string) {
	t.errors++
	if t.firstError == "" {
		t.firstError = message
	}
	t.statuses[status]++
}

func runWorker(ctx context.Context, client *http.Client, next RequestFunc, window phase) tally {
	t := tally{statuses: map[int]int{}}

	for seq := uint64(0); ctx.Err() == nil; seq++ {
		sent := time.Now()
		if !sent.Before(window.to) {
			break
		}
		measured := !sent.Before(window.from)

		status, err := send(ctx, client, next, seq)
		took := time.Since(sent)
		if !measured {
			continue
		}

		t.samples = append(t.samples, took)
		switch {
		case err != nil:
			t.fail(0, err.Error())
		case status < 200 || status > 299:
			t.fail(status, fmt.Sprintf("status %d", status))
		default:
			t.statuses[status]++
		}
	}
	return t
}

// send performs one request and reads the whole response body, so that the
// connection goes back to the pool for the next request.
func send(ctx context.Context, client *http.Client, next RequestFunc, seq uint64) (int, error) {
	req, err := next(seq)
	if err != nil {
		return 0, fmt.Errorf("build request: %w", err)
	}
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	closeErr := resp.Body.Close()
	if err == nil {
		err = closeErr
	}
	if err != nil {
		return 0, fmt.Errorf("read response: %w", err)
	}
	return resp.StatusCode, nil
}

func merge(concurrency int, window time.Duration, tallies []tally) Result {
	r := Result{Concurrency: concurrency, Elapsed: window, Statuses: map[int]int{}}

	var all []time.Duration
	for _, t := range tallies {
		all = append(all, t.samples...)
		r.Errors += t.errors
		for status, n := range t.statuses {
			r.Statuses[status] += n
		}
		if r.FirstError == "" {
			r.FirstError = t.firstError
		}
	}
	r.Requests = len(all)
	r.Latency = Summarize(all)
	return r
}
