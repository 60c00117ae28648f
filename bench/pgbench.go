package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// pgbenchRunner runs pgbench against the benchmark's database.
type pgbenchRunner struct {
	Path        string // pgbench binary
	DatabaseURL string // a role that may read and write both schemas
	Dir         string // scratch directory for the scripts
}

// ceilingScript is the SQL that one API request sends to PostgreSQL,
// written out once per seeded user with that user's literal values.
type ceilingScript struct {
	Name       string
	Statements string // summary of one transaction, for the report
	Render     func(u seededUser) string
}

// writeScripts writes one script file per user and returns their paths.
func (r pgbenchRunner) writeScripts(script ceilingScript, users []seededUser) ([]string, error) {
	var paths []string
	slug := strings.ReplaceAll(script.Name, " ", "-")
	for i, u := range users {
		path := filepath.Join(r.Dir, fmt.Sprintf("%s-%03d.sql", slug, i))
		if err := os.WriteFile(path, []byte(script.Render(u)), 0o600); err != nil {
			return nil, fmt.Errorf("write pgbench script: %w", err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// run drives the scripts with clients connections for warmup unmeasured,
// then for duration, and returns the measured run. Each transaction picks
// one of the scripts at random.
//
// NOTE: only the rate and the mean latency come from pgbench. Its
// per-transaction log (--log) in PostgreSQL 15 gave a latency of 0 µs for
// about half of the transactions of `SELECT 1` at 64 clients, with one or
// with 64 threads, so its percentiles would be wrong.
func (r pgbenchRunner) run(ctx context.Context, scripts []string, clients int, warmup, duration time.Duration) (pgbenchSummary, error) {
	if warmup > 0 {
		if _, err := r.exec(ctx, scripts, clients, warmup); err != nil {
			return pgbenchSummary{}, err
		}
	}

	out, err := r.exec(ctx, scripts, clients, duration)
	if err != nil {
		return pgbenchSummary{}, err
	}
	return parsePgbenchOutput(out)
}

func (r pgbenchRunner) exec(ctx context.Context, scripts []string, clients int, d time.Duration) (string, error) {
	seconds := max(1, int(d.Round(time.Second)/time.Second))
	args := []string{
		"--no-vacuum", "--protocol=prepared",
		"--client=" + strconv.Itoa(clients),
		"--jobs=" + strconv.Itoa(min(clients, 2)),
		"--time=" + strconv.Itoa(seconds),
	}
	for _, s := range scripts {
		args = append(args, "--file="+s)
	}
	args = append(args, r.DatabaseURL)

	cmd := exec.CommandContext(ctx, r.Path, args...)
	cmd.Dir = r.Dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("pgbench with %d clients failed: %w\n%s", clients, err, tail(out, 2000))
	}
	return string(out), nil
}

// pgbenchSummary is the rate, mean latency and failure count from the end
// of pgbench's output.
type pgbenchSummary struct {
	TPS         float64
	MeanLatency time.Duration
	Failed      int
}

func parsePgbenchOutput(out string) (pgbenchSummary, error) {
	var s pgbenchSummary
	var foundTPS bool
	for line := range strings.Lines(out) {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "tps = "); ok {
			number, _, _ := strings.Cut(rest, " ")
			tps, err := strconv.ParseFloat(number, 64)
			if err != nil {
				return s, fmt.Errorf("invalid pgbench tps line %q: %w", line, err)
			}
			s.TPS, foundTPS = tps, true
		}
		if rest, ok := strings.CutPrefix(line, "latency average = "); ok {
			number, _, _ := strings.Cut(rest, " ")
			ms, err := strconv.ParseFloat(number, 64)
			if err != nil {
				return s, fmt.Errorf("invalid pgbench latency line %q: %w", line, err)
			}
			s.MeanLatency = time.Duration(ms * float64(time.Millisecond))
		}
		if rest, ok := strings.CutPrefix(line, "number of failed transactions: "); ok {
			number, _, _ := strings.Cut(rest, " ")
			failed, err := strconv.Atoi(number)
			if err != nil {
				return s, fmt.Errorf("invalid pgbench failure line %q: %w", line, err)
			}
			s.Failed = failed
		}
	}
	if !foundTPS {
		return s, fmt.Errorf("pgbench printed no tps line:\n%s", tail([]byte(out), 2000))
	}
	return s, nil
}

// tail returns at most the last n bytes of out, for error messages.
func tail(out []byte, n int) string {
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return strings.TrimSpace(string(out))
}
