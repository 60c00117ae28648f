package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/todo-app/todo/bench/report"
)

// describeMachine reads the CPU, memory and kernel from /proc and runs the
// tools to print their versions. A part that cannot be read stays empty, and the
// report shows it as unknown.
func describeMachine(ctx context.Context, psqlPath, databaseURL, nginxPath string) report.Machine {
	m := report.Machine{
		Cores:     runtime.NumCPU(),
		GoVersion: runtime.Version(),
	}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		m.CPU = procField(data, "model name")
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if kib, err := parseKiB(procField(data, "MemTotal")); err == nil {
			m.MemoryBytes = kib * 1024
		}
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		if fields := strings.Fields(string(data)); len(fields) > 0 {
			m.LoadAverage = fields[0]
		}
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = "Linux " + strings.TrimSpace(string(data))
	}

	if psqlPath != "" && databaseURL != "" {
		out, err := exec.CommandContext(ctx, psqlPath, "-XAtc", "SHOW server_version", databaseURL).Output()
		if err == nil {
			m.PostgresVersion = strings.TrimSpace(string(out))
		}
		out, err = exec.CommandContext(ctx, psqlPath, "-XAtc", postgresSettingsQuery, databaseURL).Output()
		if err == nil {
			m.PostgresSettings = strings.TrimSpace(string(out))
		}
	}
	if nginxPath != "" {
		// nginx prints "nginx version: nginx/1.22.1" on standard error.
		out, err := exec.CommandContext(ctx, nginxPath, "-v").CombinedOutput()
		if err == nil {
			m.NginxVersion = strings.TrimPrefix(strings.TrimSpace(string(out)), "nginx version: ")
		}
	}
	return m
}

// postgresSettingsQuery lists the server settings that change write and
// connection costs the most.
const postgresSettingsQuery = `SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM unnest(ARRAY[
	'fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_connections']) AS name`

// procField returns the value of the first "key: value" line in a /proc
// file such as cpuinfo or meminfo.
func procField(data []byte, key string) string {
	scanner := bufio.NewScanner(bytes.NewReader(data))
	for scanner.Scan() {
		k, v, ok := strings.Cut(scanner.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
