package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMeasureFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.wasm")
	data := []byte(strings.Repeat("go-app ", 10000))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}

	got, err := measureFile("a.wasm", path)
	if err != nil {
		t.Fatalf("measureFile: %v", err)
	}

	if got.Raw != int64(len(data)) {
		t.Errorf("raw = %d, want %d", got.Raw, len(data))
	}
	if got.Gzip <= 0 || got.Gzip >= got.Raw/10 {
		t.Errorf("gzip = %d, want a small positive size for repetitive input of %d bytes", got.Gzip, got.Raw)
	}
}

func TestMeasureFileMissing(t *testing.T) {
	if _, err := measureFile("missing", filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("measureFile accepted a missing file")
	}
}
