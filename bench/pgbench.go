package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/todo-app/todo/bench/loadgen"
	"github.com/todo-app/todo/bench/report"
)

// pgbenchRunner runs pgbench against the benchmark's database.
type pgbenchRunner struct {
	Path        string // pgbench binary
	DatabaseURL string // a role that may read and write both schemas
	Dir         string // scratch directory for scripts and logs
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
// then for duration with a per-transaction log, and returns the measured
// run. Each transaction picks one of the scripts at random.
func (r pgbenchRunner) run(ctx context.Context, scripts []string, clients int, warmup, duration time.Duration) (report.Measure, error) {
	if warmup > 0 {
		if _, err := r.exec(ctx, scripts, clients, warmup, ""); err != nil {
			return report.Measure{}, err
		}
	}

	prefix := filepath.Join(r.Dir, fmt.Sprintf("log-%d-%d", clients, time.Now().UnixNano()))
	out, err := r.exec(ctx, scripts, clients, duration, prefix)
	if err != nil {
		return report.Measure{}, err
	}
	summary, err := parsePgbenchOutput(out)
	if err != nil {
		return report.Measure{}, err
	}

	latency, failed, err := readPgbenchLogs(prefix)
	if err != nil {
		return report.Measure{}, err
	}
	return report.Measure{
		Rate:   summary.TPS,
		P50:    latency.P50,
		P99:    latency.P99,
		Max:    latency.Max,
		Errors: max(summary.Failed, failed),
	}, nil
}

func (r pgbenchRunner) exec(ctx context.Context, scripts []string, clients int, d time.Duration, logPrefix string) (string, error) {
	seconds := max(1, int(d.Round(time.Second)/time.Second))
	args := []string{
		"--no-vacuum", "--protocol=prepared",
		"--client=" + strconv.Itoa(clients),
		"--jobs=" + strconv.Itoa(min(clients, 2)),
		"--time=" + strconv.Itoa(seconds),
	}
	if logPrefix != "" {
		args = append(args, "--log", "--log-prefix="+logPrefix)
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

// pgbenchSummary is the rate and failure count from the end of pgbench's output.
type pgbenchSummary struct {
	TPS    float64
	Failed int
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

// readPgbenchLogs reads every thread's log for prefix. Each line is
// "client transaction latency_us script epoch_s epoch_us", and a failed
// transaction has a word in place of its latency.
func readPgbenchLogs(prefix string) (loadgen.Latency, int, error) {
	paths, err := filepath.Glob(prefix + ".*")
	if err != nil || len(paths) == 0 {
		return loadgen.Latency{}, 0, fmt.Errorf("no pgbench log found at %s.*", prefix)
	}

	var samples []time.Duration
	var failed int
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return loadgen.Latency{}, 0, err
		}
		s, n, err := parsePgbenchLog(f)
		f.Close()
		if err != nil {
			return loadgen.Latency{}, 0, fmt.Errorf("read %s: %w", path, err)
		}
		samples = append(samples, s...)
		failed += n
	}
	return loadgen.Summarize(samples), failed, nil
}

func parsePgbenchLog(r io.Reader) ([]time.Duration, int, error) {
	var samples []time.Duration
	var failed int
	scanner := bufio.NewScanner(r)
	for scanner.Scan() {
		fields := strings.Fields(scanner.Text())
		if len(fields) < 3 {
			continue
		}
		us, err := strconv.ParseInt(fields[2], 10, 64)
		if err != nil {
			failed++
			continue
		}
		samples = append(samples, time.Duration(us)*time.Microsecond)
	}
	return samples, failed, scanner.Err()
}

// tail returns at most the last n bytes of out, for error messages.
func tail(out []byte, n int) string {
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return strings.TrimSpace(string(out))
}
