package main

import (
	"strings"
	"testing"
	"time"
)

const wrkOutput = `Running 10s test @ http://127.0.0.1:25001/todos
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.12ms    2.34ms   1.05s    80.00%
    Req/Sec     3.20k   200.00     3.50k    70.00%
  Latency Distribution
     50%  812.00us
     75%   11.00ms
     90%   13.00ms
     99%   20.50ms
  64000 requests in 10.00s, 50.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 5
Requests/sec:   6400.25
Transfer/sec:      5.00MB
`

func TestParseWrkOutput(t *testing.T) {
	got, err := parseWrkOutput(wrkOutput)
	if err != nil {
		t.Fatalf("parseWrkOutput: %v", err)
	}

	if got.Rate != 6400.25 {
		t.Errorf("rate = %v, want 6400.25", got.Rate)
	}
	if got.P50 != 812*time.Microsecond {
		t.Errorf("p50 = %s, want 812µs", got.P50)
	}
	if got.P99 != 20500*time.Microsecond {
		t.Errorf("p99 = %s, want 20.5ms", got.P99)
	}
	if got.Max != 1050*time.Millisecond {
		t.Errorf("max = %s, want 1.05s", got.Max)
	}
	if got.Errors != 8 {
		t.Errorf("errors = %d, want 5 non-2xx plus 3 socket errors", got.Errors)
	}
}

func TestParseWrkOutputWithoutRate(t *testing.T) {
	if _, err := parseWrkOutput("unable to connect to 127.0.0.1:1\n"); err == nil {
		t.Error("parseWrkOutput accepted output without a rate")
	}
}

func TestParseWrkDurationRejectsUnknownUnit(t *testing.T) {
	if _, err := parseWrkDuration("12h"); err == nil {
		t.Error("parseWrkDuration accepted hours")
	}
}

func TestWrkScriptQuotesTokens(t *testing.T) {
	script := wrkScript([]seededUser{{Token: `a"b`}, {Token: "c"}})

	if !strings.Contains(script, `"a\"b",`) {
		t.Errorf("script does not quote the token:\n%s", script)
	}
	if !strings.Contains(script, "wrk.format(nil, nil,") {
		t.Errorf("script lacks the request function:\n%s", script)
	}
}
