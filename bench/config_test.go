package main

import (
	"testing"
	"time"
)

func TestParseConfigDefaults(t *testing.T) {
	cfg, err := parseConfig([]string{"-auth-url", "http://127.0.0.1:25000", "-todo-url", "http://127.0.0.1:25001", "-out", "x.md"})
	if err != nil {
		t.Fatalf("parseConfig: %v", err)
	}

	if len(cfg.Concurrency) != 3 || cfg.Concurrency[0] != 1 || cfg.Concurrency[1] != 16 || cfg.Concurrency[2] != 64 {
		t.Errorf("concurrency = %v, want [1 16 64]", cfg.Concurrency)
	}
	if cfg.Duration != 10*time.Second || cfg.Warmup != 2*time.Second {
		t.Errorf("duration, warm-up = %s, %s, want 10s, 2s", cfg.Duration, cfg.Warmup)
	}
}

func TestParseConfigRequiresTargets(t *testing.T) {
	if _, err := parseConfig([]string{"-out", "x.md"}); err == nil {
		t.Error("parseConfig accepted no service URLs")
	}
}

func TestParseConfigRejectsBadLists(t *testing.T) {
	base := []string{"-auth-url", "a", "-todo-url", "t", "-out", "x.md"}
	cases := map[string][]string{
		"concurrency": {"-concurrency", "1,0"},
		"processes":   {"-processes", "todo"},
		"startup":     {"-startup", "auth=fast"},
		"duration":    {"-duration", "0s"},
	}
	for name, extra := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := parseConfig(append(append([]string{}, base...), extra...)); err == nil {
				t.Errorf("parseConfig accepted %v", extra)
			}
		})
	}
}

func TestParseStartupTimes(t *testing.T) {
	got, err := parseStartupTimes("auth=45ms, todo=1.5s")
	if err != nil {
		t.Fatalf("parseStartupTimes: %v", err)
	}

	if got["auth"] != 45*time.Millisecond || got["todo"] != 1500*time.Millisecond {
		t.Errorf("start-up times = %v, want auth 45ms and todo 1.5s", got)
	}
}
