package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// errHelp reports that -help was given and the usage has been printed.
var errHelp = errors.New("help requested")

// config is the command line of `bench run`.
type config struct {
	AuthURL      string
	TodoURL      string
	NginxURL     string
	DatabaseURL  string
	Processes    []Service
	Warmup       time.Duration
	Duration     time.Duration
	Concurrency  []int
	Users        int
	TodosPerUser int
	Pgbench      string
	Psql         string
	Wrk          string
	Nginx        string
	PprofURL     string
	ProfileTime  time.Duration
	ProfileOut   string
	ClientWasm   string
	GoApp        string
	GoTool       string
	Startup      map[string]time.Duration
	Out          string
	Command      string
	Smoke        bool
}

func parseConfig(args []string) (config, error) {
	var cfg config
	var processes, concurrency, startup string

	flags := flag.NewFlagSet("run", flag.ContinueOnError)
	flags.StringVar(&cfg.AuthURL, "auth-url", "", "base URL of the auth service (required)")
	flags.StringVar(&cfg.TodoURL, "todo-url", "", "base URL of the to-do API (required)")
	flags.StringVar(&cfg.NginxURL, "nginx-url", "", "base URL of nginx in front of both; empty skips the nginx scenario")
	flags.StringVar(&cfg.DatabaseURL, "database-url", "", "PostgreSQL URL of a role that reads and writes both schemas, for pgbench; empty skips the ceilings")
	flags.StringVar(&processes, "processes", "", "service processes whose memory is read, as name=pid,name=pid")
	flags.DurationVar(&cfg.Warmup, "warmup", 2*time.Second, "unmeasured warm-up before each row")
	flags.DurationVar(&cfg.Duration, "duration", 10*time.Second, "measured time of each row")
	flags.StringVar(&concurrency, "concurrency", "1,16,64", "comma-separated numbers of workers")
	flags.IntVar(&cfg.Users, "users", 64, "users to seed; worker i acts as user i mod users")
	flags.IntVar(&cfg.TodosPerUser, "todos", 20, "to-dos to seed per user")
	flags.StringVar(&cfg.Pgbench, "pgbench", "", "pgbench binary; empty skips the ceilings")
	flags.StringVar(&cfg.Psql, "psql", "", "psql binary, to read the server version")
	flags.StringVar(&cfg.Wrk, "wrk", "", "wrk binary; empty skips the comparison with wrk")
	flags.StringVar(&cfg.Nginx, "nginx", "", "nginx binary, to read its version")
	flags.StringVar(&cfg.PprofURL, "pprof-url", "", "base URL of the to-do API's net/http/pprof endpoint; empty skips the profile")
	flags.DurationVar(&cfg.ProfileTime, "profile-duration", 10*time.Second, "length of the CPU profile")
	flags.StringVar(&cfg.ProfileOut, "profile-out", "", "file to save the raw CPU profile in, for go tool pprof; empty saves none")
	flags.StringVar(&cfg.ClientWasm, "client-wasm", "", "the client's app.wasm; empty skips the sizes")
	flags.StringVar(&cfg.GoApp, "go-app-version", "v10.1.11", "go-app version of the hello-world build")
	flags.StringVar(&cfg.GoTool, "go", "go", "Go toolchain for the hello-world build")
	flags.StringVar(&startup, "startup", "", "start-up times measured by `bench startup`, as name=duration,name=duration")
	flags.StringVar(&cfg.Out, "out", "", "Markdown file to write (required)")
	flags.StringVar(&cfg.Command, "command", "make bench", "command named on the page as its source")
	flags.BoolVar(&cfg.Smoke, "smoke", false, "mark the page as a smoke run whose numbers mean nothing")

	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, errHelp
		}
		return cfg, err
	}
	if flags.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", flags.Arg(0))
	}

	var errs []error
	if cfg.AuthURL == "" || cfg.TodoURL == "" || cfg.Out == "" {
		errs = append(errs, errors.New("-auth-url, -todo-url and -out are required"))
	}
	if cfg.Warmup < 0 || cfg.Duration <= 0 || cfg.ProfileTime <= 0 {
		errs = append(errs, errors.New("-warmup must not be negative, and -duration and -profile-duration must be positive"))
	}
	if cfg.Users < 1 || cfg.TodosPerUser < 1 {
		errs = append(errs, fmt.Errorf("invalid -users %d or -todos %d: both must be at least 1", cfg.Users, cfg.TodosPerUser))
	}

	var err error
	if cfg.Processes, err = parseServices(processes); err != nil {
		errs = append(errs, err)
	}
	if cfg.Concurrency, err = parseConcurrency(concurrency); err != nil {
		errs = append(errs, err)
	}
	if cfg.Startup, err = parseStartupTimes(startup); err != nil {
		errs = append(errs, err)
	}
	return cfg, errors.Join(errs...)
}

func parseConcurrency(list string) ([]int, error) {
	var levels []int
	for item := range strings.SplitSeq(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(item))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("invalid concurrency %q in -concurrency: use positive whole numbers such as 1,16,64", item)
		}
		levels = append(levels, n)
	}
	return levels, nil
}

func parseStartupTimes(list string) (map[string]time.Duration, error) {
	times := map[string]time.Duration{}
	for item := range strings.SplitSeq(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, value, ok := strings.Cut(item, "=")
		d, err := time.ParseDuration(value)
		if !ok || name == "" || err != nil || d <= 0 {
			return nil, fmt.Errorf("invalid start-up entry %q in -startup: want name=duration, such as auth=45ms", item)
		}
		times[name] = d
	}
	return times, nil
}
