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

	"github.com/todo-app/todo/bench/report"
)

// runWrk drives url with wrk for duration over connections keep-alive
// connections on two threads. Its Lua script sets the Authorization header,
// cycling through the users' tokens.
func runWrk(ctx context.Context, wrkPath, dir, url string, users []seededUser, connections int, duration time.Duration) (report.Measure, error) {
	script := filepath.Join(dir, "bearer.lua")
	if err := os.WriteFile(script, []byte(wrkScript(users)), 0o600); err != nil {
		return report.Measure{}, fmt.Errorf("write wrk script: %w", err)
	}

	seconds := max(1, int(duration.Round(time.Second)/time.Second))
	cmd := exec.CommandContext(ctx, wrkPath,
		"--threads", strconv.Itoa(min(2, connections)),
		"--connections", strconv.Itoa(connections),
		"--duration", strconv.Itoa(seconds)+"s",
		"--latency", "--script", script, url)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return report.Measure{}, fmt.Errorf("wrk failed: %w\n%s", err, tail(out, 2000))
	}
	return parseWrkOutput(string(out))
}

// wrkScript returns a Lua script whose request function sends each
// connection's requests with the next token in turn.
func wrkScript(users []seededUser) string {
	var b strings.Builder
	b.WriteString("local tokens = {\n")
	for _, u := range users {
		fmt.Fprintf(&b, "  %q,\n", u.Token)
	}
	b.WriteString("}\nlocal index = 0\n\n")
	b.WriteString("request = function()\n")
	b.WriteString("  index = index % #tokens + 1\n")
	b.WriteString("  return wrk.format(nil, nil, { [\"Authorization\"] = \"Bearer \" .. tokens[index] })\n")
	b.WriteString("end\n")
	return b.String()
}

// parseWrkOutput reads the rate, the latency percentiles printed by
// --latency, the max latency and the error counts from wrk's report.
func parseWrkOutput(out string) (report.Measure, error) {
	var m report.Measure
	var foundRate bool
	for line := range strings.Lines(out) {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		var err error
		switch {
		case fields[0] == "Requests/sec:":
			m.Rate, err = strconv.ParseFloat(fields[1], 64)
			foundRate = err == nil
		case fields[0] == "Latency" && len(fields) >= 4:
			m.Max, err = parseWrkDuration(fields[3])
		case fields[0] == "50%":
			m.P50, err = parseWrkDuration(fields[1])
		case fields[0] == "99%":
			m.P99, err = parseWrkDuration(fields[1])
		case strings.HasPrefix(strings.TrimSpace(line), "Non-2xx or 3xx responses:"):
			var n int
			n, err = strconv.Atoi(fields[len(fields)-1])
			m.Errors += n
		case fields[0] == "Socket" && fields[1] == "errors:":
			m.Errors += sumSocketErrors(fields[2:])
		}
		if err != nil {
			return m, fmt.Errorf("invalid wrk line %q: %w", strings.TrimSpace(line), err)
		}
	}
	if !foundRate {
		return m, fmt.Errorf("wrk printed no Requests/sec line:\n%s", tail([]byte(out), 2000))
	}
	return m, nil
}

// sumSocketErrors adds up "connect 0, read 0, write 0, timeout 0".
func sumSocketErrors(fields []string) int {
	var total int
	for _, f := range fields {
		if n, err := strconv.Atoi(strings.TrimSuffix(f, ",")); err == nil {
			total += n
		}
	}
	return total
}

// parseWrkDuration reads wrk's time format, such as 812.00us, 1.25ms, 2.00s
// or 1.50m.
func parseWrkDuration(s string) (time.Duration, error) {
	units := []struct {
		suffix string
		unit   time.Duration
	}{{"us", time.Microsecond}, {"ms", time.Millisecond}, {"s", time.Second}, {"m", time.Minute}}
	for _, u := range units {
		if number, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(number, 64)
			if err != nil {
				return 0, err
			}
			return time.Duration(f * float64(u.unit)), nil
		}
	}
	return 0, fmt.Errorf("unknown time unit in %q", s)
}
