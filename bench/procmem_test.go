package main

import (
	"os"
	"testing"
)

func TestParseMemoryStatus(t *testing.T) {
	status := []byte("Name:\ttodo\nVmPeak:\t  800000 kB\nVmHWM:\t   20480 kB\nVmRSS:\t   10240 kB\nThreads:\t7\n")

	got, err := parseMemoryStatus(status)
	if err != nil {
		t.Fatalf("parseMemoryStatus: %v", err)
	}

	if got.RSS != 10240*1024 {
		t.Errorf("RSS = %d, want %d", got.RSS, 10240*1024)
	}
	if got.PeakRSS != 20480*1024 {
		t.Errorf("peak RSS = %d, want %d", got.PeakRSS, 20480*1024)
	}
}

func TestParseMemoryStatusMissingField(t *testing.T) {
	if _, err := parseMemoryStatus([]byte("Name:\tx\nVmRSS:\t1 kB\n")); err == nil {
		t.Error("parseMemoryStatus accepted a status without VmHWM")
	}
}

func TestReadMemoryStatusSelf(t *testing.T) {
	got, err := readMemoryStatus(os.Getpid())
	if err != nil {
		t.Fatalf("readMemoryStatus: %v", err)
	}

	if got.RSS <= 0 || got.PeakRSS < got.RSS {
		t.Errorf("memory = %+v, want 0 < RSS <= peak", got)
	}
}

func TestParseServices(t *testing.T) {
	got, err := parseServices("auth=12, todo=34")
	if err != nil {
		t.Fatalf("parseServices: %v", err)
	}

	want := []Service{{"auth", 12}, {"todo", 34}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("parseServices = %v, want %v", got, want)
	}
}

func TestParseServicesRejectsBadEntries(t *testing.T) {
	for _, list := range []string{"auth", "auth=", "=12", "auth=-1", "auth=x"} {
		if _, err := parseServices(list); err == nil {
			t.Errorf("parseServices(%q) returned no error", list)
		}
	}
}

func TestProcField(t *testing.T) {
	data := []byte("processor\t: 0\nmodel name\t: Example CPU @ 3.00GHz\nprocessor\t: 1\nmodel name\t: Example CPU @ 3.00GHz\n")

	if got := procField(data, "model name"); got != "Example CPU @ 3.00GHz" {
		t.Errorf("procField = %q, want the first model name", got)
	}
	if got := procField(data, "flags"); got != "" {
		t.Errorf("procField of a missing key = %q, want empty", got)
	}
}
