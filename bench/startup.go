package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

// runStartup implements `bench startup`: it starts a service several times
// and prints the median time from starting the process to the first 200
// from its health URL.
func runStartup(ctx context.Context, args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("startup", flag.ContinueOnError)
	health := flags.String("health", "", "health URL that returns 200 once the service is up, such as http://127.0.0.1:25010/healthz")
	runs := flags.Int("runs", 3, "number of starts; the median is printed")
	timeout := flags.Duration("timeout", 30*time.Second, "max time to wait for one start")
	if err := flags.Parse(args); err != nil {
		return err
	}
	command := flags.Args()
	if *health == "" || len(command) == 0 {
		return errors.New("usage: bench startup -health URL [-runs N] -- COMMAND [ARG...]")
	}
	if *runs < 1 {
		return fmt.Errorf("invalid -runs %d: it must be at least 1", *runs)
	}

	var times []time.Duration
	for range *runs {
		took, err := timeStartup(ctx, command, *health, *timeout)
		if err != nil {
			return err
		}
		times = append(times, took)
	}
	slices.Sort(times)
	_, err := fmt.Fprintln(stdout, times[len(times)/2])
	return err
}

// timeStartup starts command, polls health every millisecond until it
// returns 200, then stops the process with SIGTERM and waits for it to
// exit, so that the next start finds its port free.
func timeStartup(ctx context.Context, command []string, health string, timeout time.Duration) (time.Duration, error) {
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Stdout = io.Discard
	cmd.Stderr = os.Stderr

	started := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("start %s: %w", command[0], err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer stopProcess(cmd, exited)

	client := &http.Client{Timeout: 100 * time.Millisecond}
	deadline := started.Add(timeout)
	for time.Now().Before(deadline) {
		if healthy(ctx, client, health) {
			return time.Since(started), nil
		}
		select {
		case err := <-exited:
			exited <- err
			return 0, fmt.Errorf("%s exited before %s returned 200: %v", command[0], health, err)
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(time.Millisecond):
		}
	}
	return 0, fmt.Errorf("%s did not return 200 from %s within %s", command[0], health, timeout)
}

func healthy(ctx context.Context, client *http.Client, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// stopProcess sends SIGTERM and, if the process has not exited after ten
// seconds, SIGKILL.
func stopProcess(cmd *exec.Cmd, exited chan error) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
	}
}
