//go:build e2e

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// row is a to-do as the list shows it.
type row struct {
	Title     string `json:"title"`
	Completed bool   `json:"completed"`
}

// readRows returns the rows of the list in order.
const readRows = `[...document.querySelectorAll("#todo-list li")].map(li => ({
	title: li.querySelector("label").textContent,
	completed: li.querySelector("input[type=checkbox]").checked,
}))`

// settled is true when the list is shown and no change waits for the server.
const settled = `!!document.querySelector("#new-title") && !document.querySelector("#list-loading") &&
	!document.querySelector("#todo-list li.saving")`

// TestUserStory walks through the product as two people use it: register,
// add, complete and delete to-dos, reload, log out, check isolation, and
// reopen the app offline.
func TestUserStory(t *testing.T) {
	base := baseURL(t)
	watch := &browserWatch{origin: base}
	ctx := newBrowser(t, watch)

	suffix := strconv.FormatInt(time.Now().UnixNano()%1_000_000_000, 36)
	first := "ada_" + suffix
	second := "brian_" + suffix
	const password = "correct horse battery"
	titles := []string{"Buy oat milk", "Call the plumber", "Renew the library card"}

	must(t, ctx, "open the app", chromedp.Navigate(base+"/"))
	register(t, ctx, first, password)

	// Add three to-dos, each with Enter.
	for i, title := range titles {
		must(t, ctx, "type a to-do", chromedp.SendKeys(chromedp.ID("new-title"), "  "+title+"  "+kb.Enter))
		waitFor(t, ctx, "to-do "+strconv.Itoa(i+1)+" stored",
			settled+` && document.querySelectorAll("#todo-list li").length === `+strconv.Itoa(i+1))
	}
	got := evaluate[[]row](t, ctx, "the list", readRows)
	want := []row{{titles[0], false}, {titles[1], false}, {titles[2], false}}
	if !slices.Equal(got, want) {
		t.Fatalf("after adding, the list is %+v, want %+v (titles trimmed)", got, want)
	}

	// Complete the second one and delete the first one.
	must(t, ctx, "complete a to-do", chromedp.Click(chromedp.CSS("#todo-list li:nth-child(2) input[type=checkbox]")))
	waitFor(t, ctx, "the completion stored", settled+` && document.querySelectorAll("#todo-list li.completed").length === 1`)
	must(t, ctx, "delete a to-do", chromedp.Click(chromedp.CSS("#todo-list li:nth-child(1) button.delete")))
	waitFor(t, ctx, "the deletion", settled+` && document.querySelectorAll("#todo-list li").length === 2`)
	want = []row{{titles[1], true}, {titles[2], false}}
	if got := evaluate[[]row](t, ctx, "the list", readRows); !slices.Equal(got, want) {
		t.Fatalf("after the changes, the list is %+v, want %+v", got, want)
	}

	if evaluate[bool](t, ctx, "the update notice", `!!document.querySelector("#update-notice")`) {
		t.Fatal("the first visit offers a new version, but nothing changed")
	}
	saveScreenshot(t, ctx)

	// A reload keeps the session and shows what the server stored.
	must(t, ctx, "reload", chromedp.Reload())
	waitFor(t, ctx, "the list after the reload", settled+` && document.querySelectorAll("#todo-list li").length > 0`)
	if got := evaluate[[]row](t, ctx, "the list", readRows); !slices.Equal(got, want) {
		t.Fatalf("after the reload, the list is %+v, want %+v", got, want)
	}
	if user := evaluate[string](t, ctx, "the user name", `document.querySelector("#current-user").textContent`); user != first {
		t.Fatalf("after the reload, the page shows user %q, want %q", user, first)
	}

	// Logging out empties sessionStorage and returns to the login form.
	must(t, ctx, "log out", chromedp.Click(chromedp.ID("logout")))
	waitFor(t, ctx, "the login form", `!!document.querySelector("#username") && !document.querySelector("#logout")`)
	if n := evaluate[int](t, ctx, "sessionStorage", `sessionStorage.length`); n != 0 {
		t.Fatalf("after logout, sessionStorage holds %d items, want 0", n)
	}

	// The second user starts with an empty list.
	register(t, ctx, second, password)
	waitFor(t, ctx, "the second user's empty list", settled+` && !!document.querySelector("#list-empty")`)
	if got := evaluate[[]row](t, ctx, "the list", readRows); len(got) != 0 {
		t.Fatalf("the second user sees %+v, want no to-dos", got)
	}

	if problems := watch.Problems(); len(problems) > 0 {
		t.Fatalf("the browser reported problems while online:\n%s", strings.Join(problems, "\n"))
	}

	// Offline, reopening the app shows the shell, the offline notice and a
	// clear message instead of the list.
	waitFor(t, ctx, "the service worker to control the page", `navigator.serviceWorker.controller !== null`)
	watch.setOffline(true)
	goOffline(t, ctx)
	must(t, ctx, "reload offline", chromedp.Reload())
	waitFor(t, ctx, "the offline notice", `!!document.querySelector("#offline-notice") && !!document.querySelector("#list-error")`)
	message := evaluate[string](t, ctx, "the error message", `document.querySelector("#list-error").textContent`)
	if want := "Cannot reach the server"; !strings.Contains(message, want) {
		t.Fatalf("offline, the list shows %q, want a message containing %q", message, want)
	}

	if problems := watch.Problems(); len(problems) > 0 {
		t.Fatalf("the browser reported problems:\n%s", strings.Join(problems, "\n"))
	}
}

// register creates an account from the login form and waits for the list.
func register(t *testing.T, ctx context.Context, username, password string) {
	t.Helper()
	waitFor(t, ctx, "the login form", `!!document.querySelector("#username")`)
	if evaluate[string](t, ctx, "the form title", `document.querySelector("#auth-title").textContent`) != "Create an account" {
		must(t, ctx, "switch to registration", chromedp.Click(chromedp.ID("switch-mode")))
	}
	waitFor(t, ctx, "the registration form", `document.querySelector("#auth-title").textContent === "Create an account"`)
	// Typing over a selection replaces whatever the fields held.
	must(t, ctx, "fill in the registration form",
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#username").select()`),
		chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#password").select()`),
		chromedp.SendKeys(chromedp.ID("password"), password+kb.Enter),
	)
	waitFor(t, ctx, "the list of "+username, settled+` && document.querySelector("#current-user").textContent === "`+username+`"`)
}

func goOffline(t *testing.T, ctx context.Context) {
	t.Helper()
	offline := true
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &offline,
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatalf("turning the network off: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: true, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		t.Fatalf("setting navigator.onLine to false: %v", err)
	}
}

// saveScreenshot writes the visible page as PNG to E2E_SCREENSHOT, by default
// .cache/e2e/todo-list.png, which git ignores. A relative path is taken from
// the repository root, so E2E_SCREENSHOT=docs/screenshot.png replaces the
// README's image. A screenshot that cannot be saved fails the test.
func saveScreenshot(t *testing.T, ctx context.Context) {
	t.Helper()
	path := os.Getenv("E2E_SCREENSHOT")
	if path == "" {
		path = filepath.Join(".cache", "e2e", "todo-list.png")
	}
	if !filepath.IsAbs(path) {
		// go test runs in the package folder, e2e/.
		path = filepath.Join("..", path)
	}

	must(t, ctx, "blur the input", chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`))
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("taking the screenshot: %v", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatalf("saving the screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("saving the screenshot: %v", err)
	}
	t.Logf("screenshot saved to %s", path)
}
