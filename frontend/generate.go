//go:build !wasm

package main

import (
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Colours of the page and the installed app; assets/style.css uses the same.
const (
	themeColor      = "#1d5c85"
	backgroundColor = "#f5f6f4"
)

//go:embed assets/style.css assets/app-worker.js
var assets embed.FS

// compressedExts lists the file types written a second time as .gz, for
// nginx's gzip_static. PNG is already compressed.
var compressedExts = map[string]bool{
	".html": true, ".js": true, ".css": true, ".webmanifest": true, ".svg": true, ".wasm": true,
}

// run writes the static site into the directory given by -out, which must
// already hold web/app.wasm.
func run() {
	out := flag.String("out", "frontend/dist", "output `directory`; it must already contain web/app.wasm")
	flag.Parse()

	if err := generate(*out); err != nil {
		log.Fatalf("generating the site in %s failed: %v", *out, err)
	}
}

func generate(out string) error {
	web := filepath.Join(out, "web")
	if _, err := os.Stat(filepath.Join(web, "app.wasm")); err != nil {
		return fmt.Errorf("%w (build the WebAssembly binary first)", err)
	}

	if err := writeWebFiles(web); err != nil {
		return err
	}
	version, err := hashDir(web)
	if err != nil {
		return err
	}
	if err := app.GenerateStaticWebsite(out, newHandler(version)); err != nil {
		return err
	}
	if err := dropHostlessMeta(filepath.Join(out, "index.html")); err != nil {
		return err
	}
	return compressTree(out)
}

// dropHostlessMeta removes the og:url and og:image tags from a generated
// page. go-app makes them absolute with Handler.Domain, which a self-hosted
// build does not know, so they would read "https://" with no host.
func dropHostlessMeta(page string) error {
	html, err := os.ReadFile(page)
	if err != nil {
		return err
	}
	var remaining []string
	for _, line := range strings.Split(string(html), "\n") {
		if strings.Contains(line, `property="og:url"`) || strings.Contains(line, `property="og:image"`) {
			continue
		}
		remaining = append(remaining, line)
	}
	return os.WriteFile(page, []byte(strings.Join(remaining, "\n")), 0o644)
}

// writeWebFiles writes the style sheet and the icons next to app.wasm.
func writeWebFiles(web string) error {
	style, err := assets.ReadFile("assets/style.css")
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"style.css": style,
		"icon.svg":  []byte(iconSVG()),
	}
	for name, icon := range map[string]iconSpec{
		"icon-192.png":          {Size: 192},
		"icon-512.png":          {Size: 512},
		"icon-maskable-512.png": {Size: 512, Maskable: true},
	} {
		data, err := icon.png()
		if err != nil {
			return err
		}
		files[name] = data
	}

	for name, data := range files {
		if err := os.WriteFile(filepath.Join(web, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// hashDir returns a hex SHA-256 over the names and contents of the files in
// dir plus the service worker template, so that the app version changes
// exactly when the served content does.
func hashDir(dir string) (string, error) {
	h := sha256.New()
	worker, err := assets.ReadFile("assets/app-worker.js")
	if err != nil {
		return "", err
	}
	h.Write(worker)

	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasSuffix(e.Name(), ".gz") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)

	for _, name := range names {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "\x00%s\x00", name)
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:20], nil
}

func newHandler(version string) *app.Handler {
	worker, err := assets.ReadFile("assets/app-worker.js")
	if err != nil {
		panic(err) // embedded at build time, so it cannot be missing
	}
	return &app.Handler{
		Name:            "To-do",
		ShortName:       "To-do",
		Title:           "To-do",
		Description:     "A small, private to-do list.",
		Lang:            "en",
		ThemeColor:      themeColor,
		BackgroundColor: backgroundColor,
		LoadingLabel:    "Loading… {progress}%",
		Version:         version,
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-maskable-512.png",
			SVG:      "/web/icon.svg",
		},
		Styles:                []string{"/web/style.css"},
		ServiceWorkerTemplate: string(worker),
	}
}

// compressTree writes a .gz copy next to every compressible file under dir.
func compressTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !compressedExts[filepath.Ext(path)] {
			return err
		}
		return gzipFile(path)
	})
}

func gzipFile(path string) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()

	out, err := os.Create(path + ".gz")
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(out, gzip.BestCompression)
	if err != nil {
		out.Close()
		return err
	}
	if _, err := io.Copy(zw, in); err != nil {
		out.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
