// Command bench measures the running stack and writes the results as
// Markdown. It records request rates and latencies of each API scenario
// under a closed-loop load, and the same statements through pgbench as a
// ceiling. It adds a comparison with wrk, sizes, start-up, memory and a CPU
// profile of the list path.
//
// Usage:
//
//	bench [run] -auth-url URL -todo-url URL [flags]   measure and write the page
//	bench startup -health URL -- COMMAND [ARG...]     print a service's start-up time
//
// scripts/bench starts the stack and calls both. Nothing here fails on a
// number: the output is a record, not a test.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	command := "run"
	if len(args) > 0 && (args[0] == "run" || args[0] == "startup") {
		command, args = args[0], args[1:]
	}

	if command == "startup" {
		return runStartup(ctx, args, stdout)
	}
	cfg, err := parseConfig(args)
	if err != nil {
		if errors.Is(err, errHelp) {
			return nil
		}
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	return measure(ctx, cfg, stdout, logger)
}
