package report

import (
	"strings"
	"testing"
	"time"
)

func samplePage() Page {
	return Page{
		Generated: time.Date(2025, 1, 2, 3, 4, 0, 0, time.UTC),
		Command:   "make bench",
		Machine:   Machine{CPU: "Test CPU", Cores: 2, MemoryBytes: 8 << 30, GoVersion: "go1.26.8", PostgresVersion: "15.10"},
		Settings:  Settings{Warmup: 2 * time.Second, Duration: 10 * time.Second, Users: 64, TodosPerUser: 20},
		Load: []LoadRow{{
			Scenario:    "GET /todos",
			Concurrency: 64,
			Measure:     Measure{Rate: 2000, P50: 30 * time.Millisecond, P99: 60 * time.Millisecond, Max: 90 * time.Millisecond, Errors: 3},
			Ceiling:     "pgbench list",
			CeilingRate: 5000,
			PeakRSS:     []ProcessMemory{{"auth", 20 << 20}, {"todo", 30 << 20}},
		}},
		Ceilings: []CeilingRow{{Name: "pgbench list", Statements: "session | to-dos", Concurrency: 64, Rate: 5000, MeanLatency: 12 * time.Millisecond}},
		Hop:      Hop{Workers: 1, ValidateP50: time.Millisecond, ListP50: 4 * time.Millisecond, ValidateRateAtMax: 8000, ListRateAtMax: 2000, Concurrency: 64},
		Sizes:    []Size{{"app.wasm", 10 << 20, 3 << 20}},
		Services: []ServiceInfo{{"auth", 12 << 20, 80 * time.Millisecond}, {"todo", 14 << 20, 0}},
		Profile: &Profile{
			Scenario: "GET /todos", Concurrency: 64, Seconds: 10, CPUSeconds: 12,
			Categories: []Share{{"SQL", 0.4}},
			TopFlat:    []Share{{"runtime.memmove", 0.05}},
		},
	}
}

func render(t *testing.T, p Page) string {
	t.Helper()
	var b strings.Builder
	if err := Write(&b, p); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.String()
}

func TestWriteLoadRow(t *testing.T) {
	out := render(t, samplePage())

	want := "| GET /todos | 64 | 2000 | 0.40 of pgbench list | 30.0 ms | 60.0 ms | 90.0 ms | 2.0 | 3 | 20.0 MiB | 30.0 MiB |"
	if !strings.Contains(out, want) {
		t.Errorf("page lacks the load row\nwant: %s\npage:\n%s", want, out)
	}
	if !strings.Contains(out, "| scenario | conc. | req/s | vs ceiling | p50 | p99 | max | p99/p50 | errors | auth peak RSS | todo peak RSS |") {
		t.Errorf("page lacks the load header with one column per process:\n%s", out)
	}
}

func TestWriteMachineAndNote(t *testing.T) {
	out := render(t, samplePage())

	for _, want := range []string{"Test CPU, 2 cores", "8.0 GiB", "go1.26.8", "15.10", "Absolute numbers vary between machines", "nginx: unknown"} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestWriteCeilingRow(t *testing.T) {
	out := render(t, samplePage())

	if !strings.Contains(out, `| pgbench list | session \| to-dos | 64 | 5000 | 12.0 ms | 0 |`) {
		t.Errorf("page lacks the ceiling row with its pipe escaped:\n%s", out)
	}
}

func TestWriteHop(t *testing.T) {
	out := render(t, samplePage())

	if !strings.Contains(out, "at concurrency 1, that call takes 1.00 ms at p50, which is 25 % of the 4.00 ms p50") {
		t.Errorf("page lacks the hop share:\n%s", out)
	}
	if !strings.Contains(out, "reaches 25 % of what its first hop allows") {
		t.Errorf("page lacks the hop ratio under load:\n%s", out)
	}
}

func TestWriteSmokeBanner(t *testing.T) {
	p := samplePage()
	p.Smoke = true

	if out := render(t, p); !strings.Contains(out, "Smoke run") {
		t.Error("smoke page lacks its banner")
	}
	if out := render(t, samplePage()); strings.Contains(out, "Smoke run") {
		t.Error("full page carries the smoke banner")
	}
}

func TestWriteOptionalSections(t *testing.T) {
	p := samplePage()
	p.Profile = nil
	p.Check = nil
	p.Skipped = []string{"wrk: not installed"}

	out := render(t, p)

	if strings.Contains(out, "## Where the list path") {
		t.Error("page has a profile section without a profile")
	}
	if strings.Contains(out, "## Is the load generator") {
		t.Error("page has a wrk section without a wrk run")
	}
	if !strings.Contains(out, "- wrk: not installed") {
		t.Error("page lacks the skipped part")
	}
}

func TestWriteStartupNotMeasured(t *testing.T) {
	out := render(t, samplePage())

	if !strings.Contains(out, "| todo | 14.0 MiB | not measured |") {
		t.Errorf("page lacks the unmeasured start-up:\n%s", out)
	}
	if !strings.Contains(out, "| auth | 12.0 MiB | 80.0 ms |") {
		t.Errorf("page lacks the measured start-up:\n%s", out)
	}
}

func TestFormatRatioWithoutCeiling(t *testing.T) {
	if got := formatRatio(100, 0, "x"); got != "–" {
		t.Errorf("formatRatio without ceiling = %q, want a dash", got)
	}
}

func TestFormatDuration(t *testing.T) {
	cases := map[time.Duration]string{
		0:                        "–",
		250 * time.Microsecond:   "0.25 ms",
		12500 * time.Microsecond: "12.5 ms",
		1500 * time.Millisecond:  "1500 ms",
	}
	for d, want := range cases {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%s) = %q, want %q", d, got, want)
		}
	}
}
