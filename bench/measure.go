package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/todo-app/todo/bench/loadgen"
	"github.com/todo-app/todo/bench/report"
)

// bench carries the state of one `bench run`.
type bench struct {
	cfg      config
	logger   *slog.Logger
	dir      string
	users    []seededUser
	page     report.Page
	ceilings map[string]map[int]float64 // rate by ceiling name, then concurrency
}

// measure runs every part of the benchmark against the running stack and
// writes the page. Optional parts that fail are listed on the page and do
// not stop the run. Seeding and the load runs themselves must succeed.
func measure(ctx context.Context, cfg config, stdout io.Writer, logger *slog.Logger) error {
	dir, err := os.MkdirTemp("", "bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	b := &bench{cfg: cfg, logger: logger, dir: dir, ceilings: map[string]map[int]float64{}}
	b.page = report.Page{
		Generated: time.Now(),
		Command:   cfg.Command,
		Smoke:     cfg.Smoke,
		Machine:   describeMachine(ctx, cfg.Psql, cfg.DatabaseURL, cfg.Nginx),
		Settings:  report.Settings{Warmup: cfg.Warmup, Duration: cfg.Duration, Users: cfg.Users, TodosPerUser: cfg.TodosPerUser},
	}

	b.recordServices()
	b.recordSizes(ctx)
	if err := b.seed(ctx); err != nil {
		return err
	}
	if err := b.runScenarios(ctx); err != nil {
		return err
	}
	b.page.Hop = b.hop()

	return b.write(stdout)
}

// recordServices reads each service's idle RSS and its start-up time.
func (b *bench) recordServices() {
	for _, p := range b.cfg.Processes {
		info := report.ServiceInfo{Name: p.Name, Startup: b.cfg.Startup[p.Name]}
		if m, err := readMemoryStatus(p.PID); err != nil {
			b.skip("idle RSS of %s: %v", p.Name, err)
		} else {
			info.IdleRSS = m.RSS
		}
		b.page.Services = append(b.page.Services, info)
	}
}

func (b *bench) recordSizes(ctx context.Context) {
	if b.cfg.ClientWasm == "" {
		b.skip("sizes: no -client-wasm given")
		return
	}
	client, err := measureFile("app.wasm (the client)", b.cfg.ClientWasm)
	if err != nil {
		b.skip("size of the client: %v", err)
		return
	}
	b.page.Sizes = append(b.page.Sizes, client)

	b.logger.Info("building the go-app hello-world", "version", b.cfg.GoApp)
	wasm, err := buildHelloWorld(ctx, b.cfg.GoTool, b.dir, b.cfg.GoApp, "-s -w")
	if err != nil {
		b.skip("hello-world size: %v", err)
		return
	}
	hello, err := measureFile("app.wasm (go-app "+b.cfg.GoApp+" hello-world)", wasm)
	if err != nil {
		b.skip("hello-world size: %v", err)
		return
	}
	b.page.Sizes = append(b.page.Sizes, hello,
		report.Size{Name: "the client's own weight (difference)", Raw: client.Raw - hello.Raw, Gzip: client.Gzip - hello.Gzip})
}

func (b *bench) seed(ctx context.Context) error {
	api := apiClient{http: loadgen.NewClient(4), authURL: b.cfg.AuthURL, todoURL: b.cfg.TodoURL}
	prefix := "load" + strconv.FormatInt(time.Now().Unix()%(36*36*36*36*36), 36) + "_"

	b.logger.Info("seeding", "users", b.cfg.Users, "todos_per_user", b.cfg.TodosPerUser)
	users, err := seedUsers(ctx, api, prefix, b.cfg.Users, b.cfg.TodosPerUser)
	if err != nil {
		return fmt.Errorf("seed users: %w", err)
	}
	b.users = users
	return nil
}

// runScenarios runs each scenario at each concurrency, preceded by its
// ceiling, and the wrk comparison and the profile after the direct list.
func (b *bench) runScenarios(ctx context.Context) error {
	all := scenarios(endpoints{Auth: b.cfg.AuthURL, Todo: b.cfg.TodoURL, Nginx: b.cfg.NginxURL})
	for _, s := range all {
		b.runCeiling(ctx, s.Ceiling)

		var maxRow loadRun
		for _, c := range b.cfg.Concurrency {
			run, err := b.runLoad(ctx, s, c)
			if err != nil {
				return err
			}
			maxRow = run
		}

		if s.Name == nameList {
			b.compareWithWrk(ctx, s, maxRow)
			b.profileList(ctx, s)
		}
	}
	return nil
}

// loadRun is one load row with the generator's own CPU use.
type loadRun struct {
	Row report.LoadRow
	CPU float64 // cores the generator used during the run
}

func (b *bench) runLoad(ctx context.Context, s scenario, concurrency int) (loadRun, error) {
	b.logger.Info("load", "scenario", s.Name, "concurrency", concurrency)
	for _, p := range b.cfg.Processes {
		if err := resetPeakRSS(p.PID); err != nil {
			b.logger.Warn("peak RSS not reset, so the row shows the peak since start", "process", p.Name, "err", err)
		}
	}

	cpuBefore, wallBefore := processCPU(), time.Now()
	res, err := loadgen.Run(ctx, loadgen.Config{
		Concurrency: concurrency,
		Warmup:      b.cfg.Warmup,
		Duration:    b.cfg.Duration,
		NewWorker:   func(i int) loadgen.RequestFunc { return s.Build(b.users, i) },
	})
	if err != nil {
		return loadRun{}, fmt.Errorf("%s at concurrency %d: %w", s.Name, concurrency, err)
	}
	cpu := (processCPU() - cpuBefore).Seconds() / time.Since(wallBefore).Seconds()
	if res.Errors > 0 {
		b.logger.Warn("errors during load", "scenario", s.Name, "concurrency", concurrency, "errors", res.Errors, "first", res.FirstError)
	}

	row := report.LoadRow{
		Scenario:    s.Name,
		Concurrency: concurrency,
		Measure:     fromResult(res),
		Ceiling:     s.Ceiling,
		CeilingRate: b.ceilings[s.Ceiling][concurrency],
	}
	for _, p := range b.cfg.Processes {
		m, err := readMemoryStatus(p.PID)
		if err != nil {
			b.logger.Warn("peak RSS not read", "process", p.Name, "err", err)
		}
		row.PeakRSS = append(row.PeakRSS, report.ProcessMemory{Name: p.Name, Bytes: m.PeakRSS})
	}
	b.page.Load = append(b.page.Load, row)
	return loadRun{Row: row, CPU: cpu}, nil
}

func fromResult(r loadgen.Result) report.Measure {
	return report.Measure{Rate: r.Rate(), P50: r.Latency.P50, P99: r.Latency.P99, Max: r.Latency.Max, Errors: r.Errors}
}

// processCPU returns the user and system CPU time this process has used.
func processCPU() time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

// runCeiling runs the pgbench script of name at each concurrency, once per
// run even when two scenarios share it.
func (b *bench) runCeiling(ctx context.Context, name string) {
	if name == "" || b.ceilings[name] != nil || b.cfg.Pgbench == "" || b.cfg.DatabaseURL == "" {
		return
	}
	b.ceilings[name] = map[int]float64{}
	script := ceilingScripts()[name]
	if name == ceilingToggle {
		for _, u := range b.users {
			if !consecutiveIDs(u.TodoIDs) {
				b.skip("%s: the to-do ids of user %d are not consecutive, so the script cannot pick among them", name, u.ID)
				return
			}
		}
	}

	runner := pgbenchRunner{Path: b.cfg.Pgbench, DatabaseURL: b.cfg.DatabaseURL, Dir: b.dir}
	files, err := runner.writeScripts(script, b.users)
	if err != nil {
		b.skip("%s: %v", name, err)
		return
	}
	for _, c := range b.cfg.Concurrency {
		b.logger.Info("ceiling", "script", name, "concurrency", c)
		m, err := runner.run(ctx, files, c, b.cfg.Warmup, b.cfg.Duration)
		if err != nil {
			b.skip("%s at concurrency %d: %v", name, c, err)
			continue
		}
		b.ceilings[name][c] = m.TPS
		b.page.Ceilings = append(b.page.Ceilings, report.CeilingRow{
			Name: name, Statements: script.Statements, Concurrency: c,
			Rate: m.TPS, MeanLatency: m.MeanLatency, Failed: m.Failed,
		})
	}
}

// compareWithWrk drives the scenario's URL with wrk at the concurrency of
// the generator's last row, for the same duration.
func (b *bench) compareWithWrk(ctx context.Context, s scenario, last loadRun) {
	if b.cfg.Wrk == "" {
		b.skip("comparison with wrk: no -wrk given")
		return
	}
	b.logger.Info("wrk", "scenario", s.Name, "concurrency", last.Row.Concurrency)
	m, err := runWrk(ctx, b.cfg.Wrk, b.dir, b.cfg.TodoURL+"/todos", b.users, last.Row.Concurrency, b.cfg.Duration)
	if err != nil {
		b.skip("comparison with wrk: %v", err)
		return
	}
	b.page.Check = &report.GeneratorCheck{
		Scenario:    s.Name,
		Concurrency: last.Row.Concurrency,
		Loadgen:     last.Row.Measure,
		Wrk:         m,
		LoadgenCPU:  last.CPU,
	}
}

// profileList drives the list at the highest concurrency while it collects
// a CPU profile of the to-do API. This run is not in the table, because
// profiling slows the process down.
func (b *bench) profileList(ctx context.Context, s scenario) {
	if b.cfg.PprofURL == "" {
		b.skip("CPU profile: no -pprof-url given")
		return
	}
	concurrency := b.cfg.Concurrency[len(b.cfg.Concurrency)-1]
	b.logger.Info("profile", "scenario", s.Name, "concurrency", concurrency, "duration", b.cfg.ProfileTime)

	loadDone := make(chan error, 1)
	go func() {
		_, err := loadgen.Run(ctx, loadgen.Config{
			Concurrency: concurrency,
			Warmup:      time.Second,
			Duration:    b.cfg.ProfileTime + 2*time.Second,
			NewWorker:   func(i int) loadgen.RequestFunc { return s.Build(b.users, i) },
		})
		loadDone <- err
	}()

	time.Sleep(time.Second)
	prof, err := fetchProfile(ctx, b.cfg.PprofURL, b.cfg.ProfileTime)
	if loadErr := <-loadDone; loadErr != nil && err == nil {
		err = loadErr
	}
	if err != nil {
		b.skip("CPU profile: %v", err)
		return
	}

	summary, err := summarizeProfile(prof, listActivities, 12)
	if err != nil {
		b.skip("CPU profile: %v", err)
		return
	}
	summary.Scenario, summary.Concurrency = s.Name, concurrency
	summary.Seconds = b.cfg.ProfileTime.Seconds()
	b.page.Profile = &summary

	if b.cfg.ProfileOut != "" {
		if err := saveProfile(prof, b.cfg.ProfileOut); err != nil {
			b.logger.Warn("profile not saved", "path", b.cfg.ProfileOut, "err", err)
		}
	}
}

// hop derives the validate hop's cost from the load rows.
func (b *bench) hop() report.Hop {
	low, high := b.cfg.Concurrency[0], b.cfg.Concurrency[len(b.cfg.Concurrency)-1]
	h := report.Hop{Workers: low, Concurrency: high}
	for _, r := range b.page.Load {
		switch {
		case r.Scenario == nameValidate && r.Concurrency == low:
			h.ValidateP50 = r.P50
		case r.Scenario == nameList && r.Concurrency == low:
			h.ListP50 = r.P50
		}
		switch {
		case r.Scenario == nameValidate && r.Concurrency == high:
			h.ValidateRateAtMax = r.Rate
		case r.Scenario == nameList && r.Concurrency == high:
			h.ListRateAtMax = r.Rate
		}
	}
	return h
}

func (b *bench) skip(format string, args ...any) {
	message := fmt.Sprintf(format, args...)
	b.logger.Warn("left out", "part", message)
	b.page.Skipped = append(b.page.Skipped, message)
}

// write saves the page to the -out file and prints the load table.
func (b *bench) write(stdout io.Writer) error {
	f, err := os.Create(b.cfg.Out)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := report.Write(f, b.page); err != nil {
		f.Close()
		return fmt.Errorf("write report: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}

	if err := report.WriteLoadTable(stdout, b.page); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "\nFull report: %s\n", b.cfg.Out)
	return err
}
