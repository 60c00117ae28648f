package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestTimeStartupReturnsOnHealthy(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()

	took, err := timeStartup(context.Background(), []string{"sleep", "30"}, srv.URL, 5*time.Second)
	if err != nil {
		t.Fatalf("timeStartup: %v", err)
	}

	if took <= 0 || took > 5*time.Second {
		t.Errorf("start-up = %s, want a short positive time", took)
	}
}

func TestTimeStartupReportsEarlyExit(t *testing.T) {
	_, err := timeStartup(context.Background(), []string{"false"}, "http://127.0.0.1:1/healthz", 5*time.Second)

	if err == nil || !strings.Contains(err.Error(), "exited before") {
		t.Errorf("timeStartup error = %v, want one saying the process exited", err)
	}
}

func TestRunStartupRequiresCommand(t *testing.T) {
	var out strings.Builder
	if err := runStartup(context.Background(), []string{"-health", "http://127.0.0.1:1/"}, &out); err == nil {
		t.Error("runStartup accepted no command")
	}
}
