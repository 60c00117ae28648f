package main

import "testing"

func TestCheckProfilerAddr(t *testing.T) {
	cases := []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:6061", true},
		{"[::1]:6061", true},
		{"localhost:6061", true},
		{"0.0.0.0:6061", false},
		{":6061", false},
		{"10.0.0.5:6061", false},
		{"127.0.0.1", false},
	}
	for _, c := range cases {
		err := checkProfilerAddr(c.addr)
		if c.ok && err != nil {
			t.Errorf("checkProfilerAddr(%q) = %v, want no error", c.addr, err)
		}
		if !c.ok && err == nil {
			t.Errorf("checkProfilerAddr(%q) returned no error, want a rejection", c.addr)
		}
	}
}

func TestLoadConfigRejectsPublicProfiler(t *testing.T) {
	env := map[string]string{"PPROF_ADDR": "0.0.0.0:6061"}

	if _, err := loadConfig(func(k string) string { return env[k] }); err == nil {
		t.Error("loadConfig accepted a profiler on all interfaces")
	}
}

func TestLoadConfigProfilerOffByDefault(t *testing.T) {
	cfg, err := loadConfig(func(string) string { return "" })
	if err != nil {
		t.Fatalf("loadConfig: %v", err)
	}

	if cfg.PprofAddr != "" {
		t.Errorf("PprofAddr = %q, want empty so that profiling is off", cfg.PprofAddr)
	}
}
