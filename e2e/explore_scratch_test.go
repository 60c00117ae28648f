//go:build explore

package e2e

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)


func TestExplore(t *testing.T) {
	base := baseURL(t)
	watch := &browserWatch{origin: base, clientErrors: true}
	ctx := newBrowser(t, watch)
	snap := func(name string) {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile("/tmp/explore-"+name+".png", png, 0o644)
	}
	text := func() string {
		s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
		return s
	}

	must(t, ctx, "phone", chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile))
	must(t, ctx, "open", chromedp.Navigate(base+"/"))
	waitFor(t, ctx, "login", `!!document.querySelector("#username")`)
	// Throttling: wrong password six times for a registered user.
	name := "eve_" + time.Now().Format("150405")
	register(t, ctx, name, "long enough password")
	must(t, ctx, "logout", chromedp.Click(chromedp.ID("logout")))
	waitFor(t, ctx, "login", `!!document.querySelector("#username") && !document.querySelector("#logout")`)
	must(t, ctx, "type", chromedp.SendKeys(chromedp.ID("username"), name))
	for i := 0; i < 7; i++ {
		must(t, ctx, "wrong", chromedp.Evaluate[chromedp.Void](`document.querySelector("#password").select()`), chromedp.SendKeys(chromedp.ID("password"), "wrong password"+kb.Enter))
		time.Sleep(400 * time.Millisecond)
	}
	snap("throttle-phone")
	t.Log("after throttling:\n" + text())

	// Log in as another new user and attack the list.
	name2 := "mallory_" + time.Now().Format("150405")
	register(t, ctx, name2, "long enough password")
	titles := []string{"<script>alert(1)</script><b>bold</b>", "مرحبا بالعالم", "🍕🚀 emoji", strings.Repeat("long ", 60)}
	for _, title := range titles {
		must(t, ctx, "add", chromedp.SendKeys(chromedp.ID("new-title"), title+kb.Enter))
	}
	waitFor(t, ctx, "added", settled+` && document.querySelectorAll("#todo-list li").length === 4`)
	must(t, ctx, "too long", chromedp.SendKeys(chromedp.ID("new-title"), strings.Repeat("x", 501)+kb.Enter))
	must(t, ctx, "blank", chromedp.SendKeys(chromedp.ID("new-title"), kb.Enter))
	time.Sleep(300 * time.Millisecond)
	snap("list-phone")
	t.Log("list:\n" + text())

	// Double click on Delete removes one row only.
	must(t, ctx, "dblclick", chromedp.Evaluate[chromedp.Void](`document.querySelector("#new-title").value=""; document.querySelector("#new-title").dispatchEvent(new Event("input"))`))
	pos, _ := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector("#todo-list li:nth-child(1) button.delete").getBoundingClientRect(); return [r.x + r.width/2, r.y + r.height/2]; })()`))
	must(t, ctx, "click1", chromedp.MouseClickXY(pos[0], pos[1]))
	time.Sleep(120 * time.Millisecond)
	must(t, ctx, "click2", chromedp.MouseClickXY(pos[0], pos[1], chromedp.ClickCount(2)))
	time.Sleep(800 * time.Millisecond)
	n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#todo-list li").length`))
	t.Logf("after double click on delete: %d rows (want 3)", n)

	// Rapid toggles.
	for i := 0; i < 5; i++ {
		must(t, ctx, "toggle", chromedp.Click(chromedp.CSS("#todo-list li:nth-child(1) input")))
	}
	waitFor(t, ctx, "settled", settled)
	c, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#todo-list li:nth-child(1) input").checked`))
	t.Logf("after 5 toggles checked=%v (want true)", c)
	server, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("/api/todos", {headers: {Authorization: "Bearer " + sessionStorage.getItem("todo.token")}}).then(r => r.text())`, chromedp.EvalAwaitPromise))
	t.Logf("server list: %s", server)

	// Keyboard: tab through.
	must(t, ctx, "desktop", chromedp.EmulateViewport(1000, 700))
	must(t, ctx, "focus start", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
	var order []string
	for i := 0; i < 9; i++ {
		must(t, ctx, "tab", chromedp.KeyEvent(kb.Tab))
		s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.activeElement.id || document.activeElement.className) + ":" + (document.activeElement.getAttribute("aria-label") || document.activeElement.textContent.slice(0,20))`))
		order = append(order, s)
	}
	t.Logf("tab order: %v", order)
	snap("focus-desktop")

	// Offline without reload: add fails visibly.
	offline := true
	chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{EmulateOfflineServiceWorker: &offline, MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}})
	chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
	must(t, ctx, "add offline", chromedp.SendKeys(chromedp.ID("new-title"), "Offline item"+kb.Enter))
	must(t, ctx, "toggle offline", chromedp.Click(chromedp.CSS("#todo-list li:nth-child(2) input")))
	must(t, ctx, "delete offline", chromedp.Click(chromedp.CSS("#todo-list li:nth-child(3) button.delete")))
	time.Sleep(1500 * time.Millisecond)
	snap("offline-actions")
	t.Log("offline:\n" + text())
	off := false
	chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{EmulateOfflineServiceWorker: &off, MatchedNetworkConditions: []*network.Conditions{{Offline: false, DownloadThroughput: -1, UploadThroughput: -1}}})
	chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: false, DownloadThroughput: -1, UploadThroughput: -1})

	// Back button.
	must(t, ctx, "back", chromedp.Evaluate[chromedp.Void](`history.back()`))
	time.Sleep(1500 * time.Millisecond)
	u, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	t.Logf("after back: %s\n%s", u, text())

	t.Logf("problems: %v", watch.Problems())
}
