//go:build e2e

package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestRegistrationErrors checks that each mistake is shown next to its
// field in plain words.
func TestRegistrationErrors(t *testing.T) {
	base := baseURL(t)
	watch := &browserWatch{origin: base, clientErrors: true}
	ctx := newBrowser(t, watch)

	must(t, ctx, "open the app", chromedp.Navigate(base+"/"))
	waitFor(t, ctx, "the login form", `!!document.querySelector("#username")`)
	must(t, ctx, "switch to registration", chromedp.Click(chromedp.ID("switch-mode")))
	must(t, ctx, "submit bad input",
		chromedp.SendKeys(chromedp.ID("username"), "no spaces"),
		chromedp.SendKeys(chromedp.ID("password"), "short"+kb.Enter))
	waitFor(t, ctx, "both field errors", `!!document.querySelector("#username-error") && !!document.querySelector("#password-error")`)
	if msg := evaluate[string](t, ctx, "the password error", `document.querySelector("#password-error").textContent`); !strings.Contains(msg, "at least 8 characters") {
		t.Errorf("password error = %q, want it to name the minimum length", msg)
	}

	name := "taken_" + strconv.FormatInt(time.Now().UnixNano()%1_000_000_000, 36)
	register(t, ctx, name, "long enough password")
	must(t, ctx, "log out", chromedp.Click(chromedp.ID("logout")))
	waitFor(t, ctx, "the login form", `!!document.querySelector("#username") && !document.querySelector("#logout")`)
	must(t, ctx, "register the same name again",
		chromedp.Click(chromedp.ID("switch-mode")),
		chromedp.SendKeys(chromedp.ID("username"), strings.ToUpper(name)),
		chromedp.SendKeys(chromedp.ID("password"), "another long password"+kb.Enter))
	waitFor(t, ctx, "the name taken error", `!!document.querySelector("#username-error")`)
	if msg := evaluate[string](t, ctx, "the username error", `document.querySelector("#username-error").textContent`); !strings.Contains(msg, "taken") {
		t.Errorf("username error = %q, want it to say the name is taken", msg)
	}

	must(t, ctx, "log in with a wrong password",
		chromedp.Click(chromedp.ID("switch-mode")),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#password").select()`),
		chromedp.SendKeys(chromedp.ID("password"), "wrong password"+kb.Enter))
	waitFor(t, ctx, "the wrong password error", `(document.querySelector("#password-error") || {}).textContent === "The username or password is wrong."`)

	if problems := watch.Problems(); len(problems) > 0 {
		t.Fatalf("the browser reported problems:\n%s", strings.Join(problems, "\n"))
	}
}

// TestSessionRevokedElsewhere ends the token from outside the page, as a
// logout in another tab does, and expects the login form with an
// explanation and the typed title kept.
func TestSessionRevokedElsewhere(t *testing.T) {
	base := baseURL(t)
	watch := &browserWatch{origin: base, clientErrors: true}
	ctx := newBrowser(t, watch)

	must(t, ctx, "open the app", chromedp.Navigate(base+"/"))
	name := "revoked_" + strconv.FormatInt(time.Now().UnixNano()%1_000_000_000, 36)
	register(t, ctx, name, "long enough password")

	must(t, ctx, "revoke the token",
		chromedp.Evaluate[chromedp.Void](`fetch("/api/auth/logout", {method: "POST", headers: {Authorization: "Bearer " + sessionStorage.getItem("todo.token")}}).then(r => r.status)`, chromedp.EvalAwaitPromise))
	must(t, ctx, "add a to-do with the revoked token", chromedp.SendKeys(chromedp.ID("new-title"), "Water the plants"+kb.Enter))
	waitFor(t, ctx, "the login form with a notice", `!!document.querySelector("#auth-notice") && !!document.querySelector("#password")`)
	if n := evaluate[int](t, ctx, "sessionStorage", `sessionStorage.length`); n != 0 {
		t.Errorf("after the token was refused, sessionStorage holds %d items, want 0", n)
	}

	must(t, ctx, "log in again", chromedp.SendKeys(chromedp.ID("password"), "long enough password"+kb.Enter))
	waitFor(t, ctx, "the list", settled+` && !!document.querySelector("#list-empty")`)
	if draft := evaluate[string](t, ctx, "the new to-do input", `document.querySelector("#new-title").value`); draft != "Water the plants" {
		t.Errorf("after logging in again, the input holds %q, want the typed title", draft)
	}

	if problems := watch.Problems(); len(problems) > 0 {
		t.Fatalf("the browser reported problems:\n%s", strings.Join(problems, "\n"))
	}
}
