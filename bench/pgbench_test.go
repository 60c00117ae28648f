package main

import (
	"strings"
	"testing"
	"time"
)

const pgbenchOutput = `transaction type: multiple scripts
scaling factor: 1
query mode: prepared
number of clients: 16
number of threads: 2
maximum number of tries: 1
duration: 10 s
number of transactions actually processed: 123456
number of failed transactions: 2 (0.002%)
latency average = 1.296 ms
initial connection time = 20.123 ms
tps = 12345.678901 (without initial connection time)
SQL script 1: /tmp/x/pgbench-list-000.sql
`

func TestParsePgbenchOutput(t *testing.T) {
	got, err := parsePgbenchOutput(pgbenchOutput)
	if err != nil {
		t.Fatalf("parsePgbenchOutput: %v", err)
	}

	if got.TPS != 12345.678901 {
		t.Errorf("tps = %v, want 12345.678901", got.TPS)
	}
	if got.Failed != 2 {
		t.Errorf("failed = %d, want 2", got.Failed)
	}
}

func TestParsePgbenchOutputWithoutTPS(t *testing.T) {
	if _, err := parsePgbenchOutput("connection to server failed\n"); err == nil {
		t.Error("parsePgbenchOutput accepted output without a tps line")
	}
}

func TestParsePgbenchLog(t *testing.T) {
	log := "0 1 1500 0 1700000000 123\n1 1 250 3 1700000000 456\n0 2 failed 0 1700000001 1\n"

	samples, failed, err := parsePgbenchLog(strings.NewReader(log))
	if err != nil {
		t.Fatalf("parsePgbenchLog: %v", err)
	}

	if len(samples) != 2 || samples[0] != 1500*time.Microsecond || samples[1] != 250*time.Microsecond {
		t.Errorf("samples = %v, want [1.5ms 250µs]", samples)
	}
	if failed != 1 {
		t.Errorf("failed = %d, want 1", failed)
	}
}
