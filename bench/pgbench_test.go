package main

import (
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
	if got.MeanLatency != 1296*time.Microsecond {
		t.Errorf("mean latency = %s, want 1.296ms", got.MeanLatency)
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
