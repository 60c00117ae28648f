package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Service is one process of the running stack whose memory the benchmark
// reads, named as it appears in the report.
type Service struct {
	Name string
	PID  int
}

// parseServices reads a list such as "auth=123,todo=456".
func parseServices(list string) ([]Service, error) {
	var services []Service
	for item := range strings.SplitSeq(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, pidText, ok := strings.Cut(item, "=")
		pid, err := strconv.Atoi(pidText)
		if !ok || name == "" || err != nil || pid <= 0 {
			return nil, fmt.Errorf("invalid process entry %q: want name=pid, such as todo=1234", item)
		}
		services = append(services, Service{Name: name, PID: pid})
	}
	return services, nil
}

// memoryStatus contains the resident set sizes of a process, in bytes, as
// Linux reports them in /proc/PID/status.
type memoryStatus struct {
	RSS     int64 // VmRSS: resident now
	PeakRSS int64 // VmHWM: highest resident since start or the last reset
}

func readMemoryStatus(pid int) (memoryStatus, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memoryStatus{}, fmt.Errorf("read memory of process %d: %w", pid, err)
	}
	return parseMemoryStatus(data)
}

func parseMemoryStatus(data []byte) (memoryStatus, error) {
	var m memoryStatus
	var found int
	scanner := bufio.NewScanner(bytes.NewReader(data))
	for scanner.Scan() {
		key, value, ok := strings.Cut(scanner.Text(), ":")
		if !ok {
			continue
		}
		var target *int64
		switch key {
		case "VmRSS":
			target = &m.RSS
		case "VmHWM":
			target = &m.PeakRSS
		default:
			continue
		}
		kib, err := parseKiB(value)
		if err != nil {
			return memoryStatus{}, fmt.Errorf("invalid %s line %q: %w", key, scanner.Text(), err)
		}
		*target = kib * 1024
		found++
	}
	if found != 2 {
		return memoryStatus{}, fmt.Errorf("VmRSS or VmHWM missing from process status")
	}
	return m, nil
}

func parseKiB(value string) (int64, error) {
	number, unit, _ := strings.Cut(strings.TrimSpace(value), " ")
	if strings.TrimSpace(unit) != "kB" {
		return 0, fmt.Errorf("unit %q is not kB", unit)
	}
	return strconv.ParseInt(number, 10, 64)
}

// resetPeakRSS sets a process's VmHWM back to its current RSS, so that the
// next reading is the peak of the run that follows. Writing "5" to
// clear_refs does this since Linux 4.0 (see proc(5)). It needs the same
// user as the process, or root.
func resetPeakRSS(pid int) error {
	path := fmt.Sprintf("/proc/%d/clear_refs", pid)
	if err := os.WriteFile(path, []byte("5"), 0); err != nil {
		return fmt.Errorf("reset peak memory of process %d: %w", pid, err)
	}
	return nil
}
