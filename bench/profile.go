package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"time"

	"github.com/google/pprof/profile"

	"github.com/todo-app/todo/bench/report"
)

// activity is a group of code that a CPU sample can be attributed to.
type activity struct {
	Name    string
	Pattern *regexp.Regexp // matched against every function on the stack
}

// listActivities are checked in order, and a sample counts toward the
// first one with a function on its stack. Specific work comes before the
// HTTP server that calls it, so serving gets only its own overhead.
var listActivities = []activity{
	{"validate hop: HTTP client call to the auth service", regexp.MustCompile(`/authclient\.|^net/http\.\(\*persistConn\)|^net/http\.\(\*Transport\)`)},
	{"SQL: bun, database/sql and pgx", regexp.MustCompile(`^github\.com/uptrace/bun|^database/sql\.|^github\.com/jackc/pgx`)},
	{"JSON encoding and decoding", regexp.MustCompile(`^encoding/json\.|^github\.com/go-json-experiment/`)},
	{"logging (log/slog)", regexp.MustCompile(`^log/slog\.`)},
	{"HTTP serving: fasthttp and Fiber", regexp.MustCompile(`^github\.com/valyala/fasthttp|^github\.com/gofiber/`)},
	{"garbage collection", regexp.MustCompile(`^runtime\.(gcBgMarkWorker|bgsweep|bgscavenge|gcAssistAlloc)`)},
	{"scheduler and network poller", regexp.MustCompile(`^runtime\.(schedule|findRunnable|netpoll|mcall|park_m|goexit0)`)},
}

// fetchProfile collects a CPU profile of d from a net/http/pprof endpoint
// at baseURL, such as http://127.0.0.1:25061.
func fetchProfile(ctx context.Context, baseURL string, d time.Duration) (*profile.Profile, error) {
	seconds := max(1, int(d.Round(time.Second)/time.Second))
	url := fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", baseURL, seconds)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	client := &http.Client{Timeout: d + 30*time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch CPU profile: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return nil, fmt.Errorf("fetch CPU profile: status %d: %s", resp.StatusCode, body)
	}
	return profile.Parse(resp.Body)
}

// summarizeProfile attributes a CPU profile's samples to activities and
// lists the functions with the largest flat and cumulative shares.
func summarizeProfile(p *profile.Profile, activities []activity, top int) (report.Profile, error) {
	valueIndex := -1
	for i, st := range p.SampleType {
		if st.Type == "cpu" && st.Unit == "nanoseconds" {
			valueIndex = i
		}
	}
	if valueIndex < 0 {
		return report.Profile{}, fmt.Errorf("profile has no cpu/nanoseconds sample type")
	}

	var total int64
	byActivity := make([]int64, len(activities)+1) // the last slot is "other"
	flat := map[string]int64{}
	cum := map[string]int64{}
	for _, s := range p.Sample {
		value := s.Value[valueIndex]
		total += value
		stack := functionNames(s)
		if len(stack) > 0 {
			flat[stack[0]] += value
		}
		for _, name := range unique(stack) {
			cum[name] += value
		}
		byActivity[classify(stack, activities)] += value
	}
	if total == 0 {
		return report.Profile{}, fmt.Errorf("profile has no CPU samples")
	}

	summary := report.Profile{
		CPUSeconds: time.Duration(total).Seconds(),
		TopFlat:    topShares(flat, total, top),
		TopCum:     topShares(cum, total, top),
	}
	for i, a := range activities {
		summary.Categories = append(summary.Categories, report.Share{Name: a.Name, Fraction: float64(byActivity[i]) / float64(total)})
	}
	summary.Categories = append(summary.Categories, report.Share{Name: "other", Fraction: float64(byActivity[len(activities)]) / float64(total)})
	return summary, nil
}

// functionNames lists a sample's functions from the leaf up, inlined
// frames included.
func functionNames(s *profile.Sample) []string {
	var names []string
	for _, loc := range s.Location {
		for _, line := range loc.Line {
			if line.Function != nil {
				names = append(names, line.Function.Name)
			}
		}
	}
	return names
}

func unique(names []string) []string {
	seen := make(map[string]bool, len(names))
	var out []string
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// classify returns the index of the first activity with a function on the
// stack, or len(activities) when none matches.
func classify(stack []string, activities []activity) int {
	for i, a := range activities {
		for _, name := range stack {
			if a.Pattern.MatchString(name) {
				return i
			}
		}
	}
	return len(activities)
}

func topShares(values map[string]int64, total int64, n int) []report.Share {
	var shares []report.Share
	for name, v := range values {
		shares = append(shares, report.Share{Name: name, Fraction: float64(v) / float64(total)})
	}
	slices.SortFunc(shares, func(a, b report.Share) int {
		if c := cmp.Compare(b.Fraction, a.Fraction); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return shares[:min(n, len(shares))]
}

// saveProfile writes p to path so that `go tool pprof` can open it later.
func saveProfile(p *profile.Profile, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := p.Write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
