package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/todo-app/todo/bench/report"
)

// measureFile returns the raw size of path and its size after gzip at the
// highest level.
func measureFile(name, path string) (report.Size, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return report.Size{}, fmt.Errorf("read %s: %w", name, err)
	}

	var compressed bytes.Buffer
	zw, err := gzip.NewWriterLevel(&compressed, gzip.BestCompression)
	if err != nil {
		return report.Size{}, err
	}
	if _, err := zw.Write(data); err != nil {
		return report.Size{}, err
	}
	if err := zw.Close(); err != nil {
		return report.Size{}, err
	}
	return report.Size{Name: name, Raw: int64(len(data)), Gzip: int64(compressed.Len())}, nil
}

// helloWorldSource is the smallest go-app program: one component on one
// route, built only for the browser side.
const helloWorldSource = `package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

type hello struct {
	app.Compo
}

func (h *hello) Render() app.UI {
	return app.H1().Text("Hello, world")
}

func main() {
	app.Route("/", func() app.Composer { return &hello{} })
	app.RunWhenOnBrowser()
}
`

// buildHelloWorld builds helloWorldSource with go-app at version for
// GOOS=js GOARCH=wasm, in a fresh module under dir, and returns the path of
// the WebAssembly file. It passes -trimpath and ldflags as the client build
// does. The module resolves go-app through the usual module cache and proxy
// settings.
func buildHelloWorld(ctx context.Context, goTool, dir, version string, ldflags string) (string, error) {
	module := filepath.Join(dir, "hello")
	if err := os.MkdirAll(module, 0o755); err != nil {
		return "", err
	}
	goMod := "module hello\n\ngo 1.24\n\nrequire github.com/maxence-charriere/go-app/v10 " + version + "\n"
	files := map[string]string{"go.mod": goMod, "main.go": helloWorldSource}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(module, name), []byte(text), 0o644); err != nil {
			return "", err
		}
	}

	if err := goCommand(ctx, goTool, module, nil, "mod", "tidy"); err != nil {
		return "", fmt.Errorf("resolve go-app %s for the hello-world: %w", version, err)
	}
	out := filepath.Join(module, "app.wasm")
	env := []string{"GOOS=js", "GOARCH=wasm"}
	if err := goCommand(ctx, goTool, module, env, "build", "-trimpath", "-ldflags="+ldflags, "-o", out, "."); err != nil {
		return "", fmt.Errorf("build the hello-world: %w", err)
	}
	return out, nil
}

func goCommand(ctx context.Context, goTool, dir string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, goTool, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	// The repository's own GOFLAGS, such as -mod=vendor, must not leak
	// into the throwaway module.
	cmd.Env = append(cmd.Env, "GOFLAGS=", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %v: %w\n%s", args, err, tail(out, 2000))
	}
	return nil
}
