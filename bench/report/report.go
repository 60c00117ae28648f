// Package report writes benchmark results as a Markdown page: the machine,
// the load table with each figure's ratio to its ceiling, the ceilings
// themselves, sizes, start-up and a CPU profile summary.
package report

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Page is everything one benchmark run measured.
type Page struct {
	Generated time.Time
	Command   string // command that produced the page, such as "make bench"
	Smoke     bool   // a short run that only proves the tool works
	Machine   Machine
	Settings  Settings
	Load      []LoadRow
	Ceilings  []CeilingRow
	Hop       Hop
	Check     *GeneratorCheck // nil when wrk was not run
	Sizes     []Size
	Services  []ServiceInfo
	Profile   *Profile // nil when profiling was off
	Skipped   []string // parts of the run left out, with the reason
}

// Machine describes where the numbers were measured.
type Machine struct {
	CPU             string
	Cores           int
	MemoryBytes     int64
	Kernel          string
	LoadAverage     string // 1-minute load average when the run started
	GoVersion       string
	PostgresVersion string
	// PostgresSettings lists settings that change write costs, such as
	// "fsync=off, synchronous_commit=off".
	PostgresSettings string
	NginxVersion     string
}

// Settings are the parameters of the load runs.
type Settings struct {
	Warmup       time.Duration
	Duration     time.Duration
	Users        int
	TodosPerUser int
}

// Measure is the outcome of one closed-loop or pgbench run.
type Measure struct {
	Rate     float64 // requests or transactions per second
	P50, P99 time.Duration
	Max      time.Duration
	Errors   int // responses outside 2xx and transport errors
}

// ProcessMemory is one process's peak resident set size during a row.
type ProcessMemory struct {
	Name  string
	Bytes int64 // 0 when it could not be read
}

// LoadRow is one scenario at one concurrency.
type LoadRow struct {
	Scenario    string
	Concurrency int
	Measure
	Ceiling     string  // name of the ceiling the rate is compared with
	CeilingRate float64 // 0 when there is no ceiling for this row
	PeakRSS     []ProcessMemory
}

// CeilingRow is one pgbench run of the statements behind a scenario.
type CeilingRow struct {
	Name        string
	Statements  string // summary of one transaction
	Concurrency int
	Rate        float64 // transactions per second
	MeanLatency time.Duration
	Failed      int
}

// Hop is the cost of the to-do API's call to the auth service.
type Hop struct {
	ValidateP50       time.Duration // GET /validate alone at the lowest concurrency
	ListP50           time.Duration // GET /todos at the lowest concurrency
	Workers           int           // the lowest concurrency
	ValidateRateAtMax float64       // GET /validate rate at the highest concurrency
	ListRateAtMax     float64       // GET /todos rate at the highest concurrency
	Concurrency       int           // the highest concurrency
}

// GeneratorCheck compares the load generator with wrk on the same target.
type GeneratorCheck struct {
	Scenario    string
	Concurrency int
	Loadgen     Measure
	Wrk         Measure
	LoadgenCPU  float64 // CPU seconds the generator used per second of load
}

// Size is one build artifact.
type Size struct {
	Name string
	Raw  int64
	Gzip int64
}

// ServiceInfo is one service's memory at rest and its start-up time.
type ServiceInfo struct {
	Name    string
	IdleRSS int64
	Startup time.Duration // 0 when not measured
}

// Profile summarises a CPU profile of the to-do API under list load.
type Profile struct {
	Scenario    string
	Concurrency int
	Seconds     float64 // wall time profiled
	CPUSeconds  float64 // CPU time sampled in that window
	Categories  []Share
	TopFlat     []Share
	TopCum      []Share
}

// Share is a fraction of the profile's CPU time.
type Share struct {
	Name     string
	Fraction float64
}

// Write renders the page as Markdown.
func Write(w io.Writer, p Page) error {
	b := &strings.Builder{}

	writeIntro(b, p)
	writeMachine(b, p)
	writeLoad(b, p)
	writeCeilings(b, p)
	writeCheck(b, p)
	writeSizes(b, p)
	writeProfile(b, p)
	writeSkipped(b, p)

	_, err := io.WriteString(w, b.String())
	return err
}

// WriteLoadTable renders only the load table, for a terminal.
func WriteLoadTable(w io.Writer, p Page) error {
	b := &strings.Builder{}
	loadTable(b, p.Load)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeIntro(b *strings.Builder, p Page) {
	b.WriteString("# Benchmarks\n\n")
	if p.Smoke {
		b.WriteString("**Smoke run: each scenario ran only a few seconds to prove that the tool works. These numbers mean nothing.**\n\n")
	}
	fmt.Fprintf(b, "Written by `%s` on %s. ", p.Command, p.Generated.UTC().Format("2006-01-02 15:04 MST"))
	b.WriteString("The run starts PostgreSQL, the auth service, the to-do API and nginx natively on loopback and seeds users with to-dos. " +
		"It drives each scenario with a closed-loop load generator (`bench/loadgen`). " +
		"Each worker keeps one keep-alive connection, sends its next request only after reading the previous response, " +
		"and uses a token issued before the run.\n\n")
	fmt.Fprintf(b, "Each row runs %s of warm-up, then measures for %s. %d users each own %d to-dos, and worker *i* acts as user *i*.\n\n",
		p.Settings.Warmup, p.Settings.Duration, p.Settings.Users, p.Settings.TodosPerUser)
	b.WriteString("Absolute numbers vary between machines, and on a shared machine between runs. " +
		"Compare the ratios: every API figure is also given as a fraction of a ceiling measured in the same run on the same machine. " +
		"The load generator, PostgreSQL and the services share the same cores, so every figure includes the generator's own CPU use.\n\n")
	b.WriteString("The goal for the list path (`GET /todos`) at concurrency 64 is 60 % of the PostgreSQL-alone rate on the same statements, " +
		"with p99 at most 2.5 times p50.\n\n")
}

func writeMachine(b *strings.Builder, p Page) {
	m := p.Machine
	b.WriteString("## Machine\n\n")
	fmt.Fprintf(b, "- CPU: %s, %d cores visible to the run\n", orUnknown(m.CPU), m.Cores)
	fmt.Fprintf(b, "- Memory: %s\n", formatBytes(m.MemoryBytes))
	fmt.Fprintf(b, "- Kernel: %s\n", orUnknown(m.Kernel))
	if m.LoadAverage != "" {
		fmt.Fprintf(b, "- 1-minute load average when the run started: %s (work outside the benchmark on the same cores lowers every figure)\n", m.LoadAverage)
	}
	fmt.Fprintf(b, "- Go: %s\n", orUnknown(m.GoVersion))
	fmt.Fprintf(b, "- PostgreSQL: %s\n", orUnknown(m.PostgresVersion))
	if m.PostgresSettings != "" {
		fmt.Fprintf(b, "- PostgreSQL settings: %s. The services and the ceilings run on the same server, so the ratios hold, "+
			"but with fsync or synchronous_commit off, writes cost less than on a durable server.\n", m.PostgresSettings)
	}
	fmt.Fprintf(b, "- nginx: %s\n\n", orUnknown(m.NginxVersion))
}

func writeLoad(b *strings.Builder, p Page) {
	b.WriteString("## Throughput and latency\n\n")
	b.WriteString("Errors count every response outside 2xx and every transport error. " +
		"Peak RSS is each process's VmHWM, reset before the row through `/proc/PID/clear_refs`. " +
		"The ceiling column names the pgbench run of the same statements at the same concurrency (next section).\n\n")
	loadTable(b, p.Load)
	b.WriteString("\n")

	h := p.Hop
	if h.ValidateP50 > 0 && h.ListP50 > 0 {
		b.WriteString("### The validate hop\n\n")
		fmt.Fprintf(b, "Every to-do request first calls the auth service's `GET /validate`. Measured alone at concurrency %d, that call takes %s at p50, "+
			"which is %s of the %s p50 of `GET /todos` at the same concurrency.",
			h.Workers, formatDuration(h.ValidateP50), formatPercent(float64(h.ValidateP50)/float64(h.ListP50)), formatDuration(h.ListP50))
		if h.ValidateRateAtMax > 0 && h.ListRateAtMax > 0 {
			fmt.Fprintf(b, " At concurrency %d the auth service alone serves %.0f validations per second, so the list path, "+
				"at %.0f requests per second, reaches %s of what its first hop allows.",
				h.Concurrency, h.ValidateRateAtMax, h.ListRateAtMax, formatPercent(h.ListRateAtMax/h.ValidateRateAtMax))
		}
		b.WriteString("\n\n")
	}
}

func loadTable(b *strings.Builder, rows []LoadRow) {
	var names []string
	if len(rows) > 0 {
		for _, m := range rows[0].PeakRSS {
			names = append(names, m.Name)
		}
	}

	header := []string{"scenario", "conc.", "req/s", "vs ceiling", "p50", "p99", "max", "p99/p50", "errors"}
	for _, name := range names {
		header = append(header, name+" peak RSS")
	}
	var cells [][]string
	for _, r := range rows {
		row := []string{
			r.Scenario, fmt.Sprint(r.Concurrency), formatRate(r.Rate), formatRatio(r.Rate, r.CeilingRate, r.Ceiling),
			formatDuration(r.P50), formatDuration(r.P99), formatDuration(r.Max), formatTail(r.P50, r.P99), fmt.Sprint(r.Errors),
		}
		for _, m := range r.PeakRSS {
			row = append(row, formatBytes(m.Bytes))
		}
		cells = append(cells, row)
	}
	table(b, header, cells)
}

func writeCeilings(b *strings.Builder, p Page) {
	if len(p.Ceilings) == 0 {
		return
	}
	b.WriteString("## Ceilings: PostgreSQL alone\n\n")
	b.WriteString("`pgbench -M prepared` runs, at the same concurrencies, the statements that one API request makes, " +
		"with the literal token hash, user id and to-do id of a seeded user. Each transaction picks one of the users' scripts at random. " +
		"pgbench has no warm-up setting, so each measured run follows an unmeasured one of the warm-up length. " +
		"Only the mean latency is shown, because pgbench 15's per-transaction log records 0 µs for many transactions when it runs many clients, " +
		"which makes its percentiles wrong. " +
		"pgbench opens one server connection per client, while each service keeps at most 20 in its pool. " +
		"At concurrency 64 the ceiling therefore pays for 64 backends sharing the cores, and an API figure above 1.00 of it is possible.\n\n")
	var cells [][]string
	for _, c := range p.Ceilings {
		cells = append(cells, []string{
			c.Name, c.Statements, fmt.Sprint(c.Concurrency), formatRate(c.Rate), formatDuration(c.MeanLatency), fmt.Sprint(c.Failed),
		})
	}
	table(b, []string{"ceiling", "statements per transaction", "conc.", "tx/s", "mean latency", "failed"}, cells)
	b.WriteString("\n")
}

func writeCheck(b *strings.Builder, p Page) {
	c := p.Check
	if c == nil {
		return
	}
	b.WriteString("## Is the load generator the bottleneck?\n\n")
	fmt.Fprintf(b, "The same scenario, `%s` at concurrency %d, driven once by wrk (2 threads, a Lua script that sets the "+
		"`Authorization` header, cycling through the same users' tokens) right after the generator's row. wrk counts only "+
		"responses outside 2xx and 3xx as errors.\n\n", c.Scenario, c.Concurrency)
	table(b, []string{"driver", "req/s", "p50", "p99", "max", "errors"}, [][]string{
		{"bench/loadgen", formatRate(c.Loadgen.Rate), formatDuration(c.Loadgen.P50), formatDuration(c.Loadgen.P99), formatDuration(c.Loadgen.Max), fmt.Sprint(c.Loadgen.Errors)},
		{"wrk", formatRate(c.Wrk.Rate), formatDuration(c.Wrk.P50), formatDuration(c.Wrk.P99), formatDuration(c.Wrk.Max), fmt.Sprint(c.Wrk.Errors)},
	})
	fmt.Fprintf(b, "\nThe generator reached %s of wrk's rate", formatPercent(safeDiv(c.Loadgen.Rate, c.Wrk.Rate)))
	if c.LoadgenCPU > 0 {
		fmt.Fprintf(b, " and used %.2f cores of CPU while doing so", c.LoadgenCPU)
	}
	b.WriteString(".\n\n")
}

func writeSizes(b *strings.Builder, p Page) {
	if len(p.Sizes) == 0 && len(p.Services) == 0 {
		return
	}
	b.WriteString("## Sizes and start-up\n\n")
	if len(p.Sizes) > 0 {
		b.WriteString("Gzip sizes use the highest compression level. The hello-world is a one-component go-app program of the same go-app version, " +
			"built by the benchmark in a temporary directory with the same flags, so the difference is the product's own weight.\n\n")
		var cells [][]string
		for _, s := range p.Sizes {
			cells = append(cells, []string{s.Name, formatBytes(s.Raw), formatBytes(s.Gzip)})
		}
		table(b, []string{"artifact", "raw", "gzip"}, cells)
		b.WriteString("\n")
	}
	if len(p.Services) > 0 {
		b.WriteString("Idle RSS is VmRSS after start-up, before any load. Start-up is the time from starting a second process of the service, on another port, " +
			"to its first 200 from `GET /readyz`, which needs PostgreSQL, polled every millisecond (median of three starts).\n\n")
		var cells [][]string
		for _, s := range p.Services {
			startup := "not measured"
			if s.Startup > 0 {
				startup = formatDuration(s.Startup)
			}
			cells = append(cells, []string{s.Name, formatBytes(s.IdleRSS), startup})
		}
		table(b, []string{"service", "idle RSS", "start-up"}, cells)
		b.WriteString("\n")
	}
}

func writeProfile(b *strings.Builder, p Page) {
	pr := p.Profile
	if pr == nil {
		return
	}
	b.WriteString("## Where the list path spends its CPU\n\n")
	fmt.Fprintf(b, "A %.0f s CPU profile of the to-do API (`PPROF_ADDR`, off by default) while `%s` ran at concurrency %d, in a separate run that is not in the table. "+
		"The process used %.2f cores on average.\n\n", pr.Seconds, pr.Scenario, pr.Concurrency, safeDiv(pr.CPUSeconds, pr.Seconds))
	if len(pr.Categories) > 0 {
		b.WriteString("By activity (a sample counts toward the first row whose code is on its stack, in the order shown):\n\n")
		shareTable(b, "activity", pr.Categories)
		b.WriteString("\n")
	}
	if len(pr.TopCum) > 0 {
		b.WriteString("Largest cumulative costs (a function and everything it calls):\n\n")
		shareTable(b, "function", pr.TopCum)
		b.WriteString("\n")
	}
	if len(pr.TopFlat) > 0 {
		b.WriteString("Largest flat costs (time in the function's own code):\n\n")
		shareTable(b, "function", pr.TopFlat)
		b.WriteString("\n")
	}
}

func shareTable(b *strings.Builder, label string, shares []Share) {
	var cells [][]string
	for _, s := range shares {
		cells = append(cells, []string{"`" + s.Name + "`", formatPercent(s.Fraction)})
	}
	if label == "activity" {
		for i := range cells {
			cells[i][0] = shares[i].Name
		}
	}
	table(b, []string{label, "share of CPU"}, cells)
}

func writeSkipped(b *strings.Builder, p Page) {
	if len(p.Skipped) == 0 {
		return
	}
	b.WriteString("## Left out of this run\n\n")
	for _, s := range p.Skipped {
		fmt.Fprintf(b, "- %s\n", s)
	}
	b.WriteString("\n")
}
