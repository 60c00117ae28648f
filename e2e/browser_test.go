//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browserWatch collects what the test must fail on: console errors, uncaught
// exceptions, requests to another origin and 5xx responses. The listener runs
// in chromedp's read loop, so it only records under a lock.
type browserWatch struct {
	origin string

	mu       sync.Mutex
	problems []string
	offline  bool // failed API calls are expected while the network is off
	// clientErrors makes 4xx responses expected, for tests of wrong input.
	clientErrors bool
}

func (w *browserWatch) record(format string, args ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.problems = append(w.problems, fmt.Sprintf(format, args...))
}

func (w *browserWatch) setOffline(offline bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.offline = offline
}

func (w *browserWatch) isOffline() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.offline
}

// Problems returns what has been recorded so far.
func (w *browserWatch) Problems() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.problems...)
}

func (w *browserWatch) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError {
			return
		}
		var args []string
		for _, a := range ev.Args {
			if a.Value != nil {
				args = append(args, string(a.Value))
			} else {
				args = append(args, a.Description)
			}
		}
		w.record("console.error: %s", strings.Join(args, " "))

	case *runtime.EventExceptionThrown:
		text := ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			text += " " + ev.ExceptionDetails.Exception.Description
		}
		w.record("uncaught exception: %s", text)

	case *log.EventEntryAdded:
		if ev.Entry.Level != log.EntryLevelError {
			return
		}
		if w.isOffline() && strings.Contains(ev.Entry.URL, "/api/") && strings.Contains(ev.Entry.Text, "ERR_INTERNET_DISCONNECTED") {
			return
		}
		if w.clientErrors && ev.Entry.Source == log.EntrySourceNetwork && strings.Contains(ev.Entry.Text, "status of 4") {
			return
		}
		w.record("console %s error: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)

	case *network.EventRequestWillBeSent:
		u, err := url.Parse(ev.Request.URL)
		if err != nil {
			w.record("request to an unparsable URL %q", ev.Request.URL)
			return
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Scheme+"://"+u.Host != w.origin {
			w.record("request to another origin: %s", ev.Request.URL)
		}
		if u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "data" && u.Scheme != "blob" {
			w.record("request with scheme %q: %s", u.Scheme, ev.Request.URL)
		}

	case *network.EventResponseReceived:
		if ev.Response.Status >= 500 {
			w.record("server error %d from %s", ev.Response.Status, ev.Response.URL)
		}
	}
}

// newBrowser starts headless Chromium with an empty profile and returns a
// tab context whose events feed watch.
func newBrowser(t *testing.T, watch *browserWatch) context.Context {
	t.Helper()

	execPath := os.Getenv("E2E_CHROMIUM")
	if execPath == "" {
		execPath = "/usr/bin/chromium"
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1000, 800),
		chromedp.Flag("disable-gpu", true),
	)
	if os.Geteuid() == 0 {
		// Chromium refuses to start its sandbox as root.
		opts = append(opts, chromedp.NoSandbox)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(watch.listen))
	t.Cleanup(cancelTab)
	t.Cleanup(func() {
		if problems := watch.Problems(); t.Failed() && len(problems) > 0 {
			t.Logf("the browser reported:\n%s", strings.Join(problems, "\n"))
		}
	})
	return tabCtx
}

func baseURL(t *testing.T) string {
	t.Helper()
	base := strings.TrimRight(os.Getenv("E2E_BASE_URL"), "/")
	if base == "" {
		t.Fatal("E2E_BASE_URL is not set; point it at a running stack, for example http://127.0.0.1:18080 (scripts/e2e does this)")
	}
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		t.Fatalf("E2E_BASE_URL %q is not an absolute URL", base)
	}
	return u.Scheme + "://" + u.Host
}

// must runs actions and stops the test with the step's name on failure.
func must(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

// waitFor polls a JavaScript condition until it is true, for at most 20
// seconds.
func waitFor(t *testing.T, ctx context.Context, what, condition string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](condition,
		chromedp.WithPollingTimeout(20*time.Second),
		chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#main") ? document.querySelector("#main").innerText : document.body.innerText`))
		t.Fatalf("waiting for %s: %v\npage text:\n%s", what, err, state)
	}
}

func evaluate[T any](t *testing.T, ctx context.Context, what, expression string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expression))
	if err != nil {
		t.Fatalf("reading %s: %v", what, err)
	}
	return v
}
