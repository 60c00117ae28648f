package main

import (
	"math"
	"testing"

	"github.com/google/pprof/profile"
)

// stackSample builds a sample of value nanoseconds whose stack lists the
// given functions from the leaf up.
func stackSample(value int64, names ...string) *profile.Sample {
	s := &profile.Sample{Value: []int64{1, value}}
	for _, n := range names {
		s.Location = append(s.Location, &profile.Location{Line: []profile.Line{{Function: &profile.Function{Name: n}}}})
	}
	return s
}

func cpuProfile(samples ...*profile.Sample) *profile.Profile {
	return &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		Sample:     samples,
	}
}

func nearly(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestSummarizeProfileActivities(t *testing.T) {
	p := cpuProfile(
		stackSample(50, "syscall.Syscall6", "github.com/jackc/pgx/v5.(*Conn).Query", "github.com/valyala/fasthttp.(*Server).serveConn"),
		stackSample(30, "runtime.memmove", "github.com/todo-app/todo/backend/todo/authclient.(*Client).Validate", "github.com/jackc/pgx/v5.x"),
		stackSample(15, "github.com/valyala/fasthttp.(*Server).serveConn"),
		stackSample(5, "main.main"),
	)

	got, err := summarizeProfile(p, listActivities, 5)
	if err != nil {
		t.Fatalf("summarizeProfile: %v", err)
	}

	want := map[string]float64{
		listActivities[0].Name: 0.30,
		listActivities[1].Name: 0.50,
		listActivities[4].Name: 0.15,
		"other":                0.05,
	}
	for _, c := range got.Categories {
		if !nearly(c.Fraction, want[c.Name]) {
			t.Errorf("%s: share %.2f, want %.2f", c.Name, c.Fraction, want[c.Name])
		}
	}
	if got.CPUSeconds != 100e-9 {
		t.Errorf("CPU seconds = %g, want 1e-7", got.CPUSeconds)
	}
}

func TestSummarizeProfileTopLists(t *testing.T) {
	p := cpuProfile(
		stackSample(60, "runtime.memmove", "main.handler"),
		stackSample(40, "main.handler"),
	)

	got, err := summarizeProfile(p, nil, 1)
	if err != nil {
		t.Fatalf("summarizeProfile: %v", err)
	}

	if len(got.TopFlat) != 1 || got.TopFlat[0].Name != "runtime.memmove" || !nearly(got.TopFlat[0].Fraction, 0.6) {
		t.Errorf("top flat = %+v, want runtime.memmove at 0.6", got.TopFlat)
	}
	if len(got.TopCum) != 1 || got.TopCum[0].Name != "main.handler" || !nearly(got.TopCum[0].Fraction, 1) {
		t.Errorf("top cumulative = %+v, want main.handler at 1.0", got.TopCum)
	}
}

func TestSummarizeProfileCountsRecursionOnce(t *testing.T) {
	p := cpuProfile(stackSample(10, "main.walk", "main.walk", "main.walk"))

	got, err := summarizeProfile(p, nil, 5)
	if err != nil {
		t.Fatalf("summarizeProfile: %v", err)
	}

	if !nearly(got.TopCum[0].Fraction, 1) {
		t.Errorf("cumulative share of a recursive function = %v, want 1", got.TopCum[0].Fraction)
	}
}

func TestSummarizeProfileEmpty(t *testing.T) {
	if _, err := summarizeProfile(cpuProfile(), listActivities, 5); err == nil {
		t.Error("summarizeProfile accepted a profile without samples")
	}
}
