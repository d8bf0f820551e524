package report

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/pagelint/pagelint/checks"
)

// chromium finds a Chromium to drive: $PAGELINT_CHROMIUM, else Debian's
// chromium (`apt-get install chromium`, which .ci/run does), else a Chrome.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("PAGELINT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium installed (apt-get install -y chromium, or set PAGELINT_CHROMIUM): the html report is not tested in a browser")
	return ""
}

// headless runs Chromium on the page with args and returns its stdout and
// its log (stderr). As root it needs --no-sandbox; the machine has no
// internet, so nothing must try to reach Google's services.
func headless(t *testing.T, bin, page string, args ...string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--no-first-run", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0"}
	cmd := exec.CommandContext(ctx, bin, append(append(base, args...), page)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// consoleLines are the page's console messages in Chromium's log. Chromium
// logs every level (console.error, uncaught exceptions, CSP violations) as
// INFO:CONSOLE; the report's script writes nothing there, so any is a failure.
func consoleLines(log string) []string {
	var out []string
	for l := range strings.SplitSeq(log, "\n") {
		if strings.Contains(l, ":CONSOLE") {
			out = append(out, l)
		}
	}
	return out
}

// TestHTMLInBrowser loads the report in headless Chromium: no console
// message (no script error, no blocked resource), the URL fragment's filter
// by rule hides every other row, a page title carrying <script> shows as
// text, and a screenshot is saved under the test's temp dir.
func TestHTMLInBrowser(t *testing.T) {
	bin := chromium(t)
	run := historyRun
	run.Findings = append(append([]checks.Finding{}, historyRun.Findings...), checks.Finding{
		Rule: "title-length", Severity: checks.Warning, URL: site + "/team/", Line: 4,
		Message:  `title "Team <script>document.title='pwned'</script>" is 70 characters long`,
		Evidence: `<title>Team <script>document.title='pwned'</script></title>`, Fingerprint: "e0e0e0e0e0e0e0e0",
	})
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	var buf bytes.Buffer
	if err := Write(&buf, "html", run, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	page := (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()

	dom, log := headless(t, bin, page+"#rule=broken-link", "--dump-dom")
	if lines := consoleLines(log); len(lines) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(lines, "\n"))
	}
	doc, err := html.Parse(strings.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	var (
		root                *html.Node
		shownRule, hiddenOk int
		others              int
		shownCount          string
		titles              []string
	)
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "html":
				root = n
			case n.Data == "tr" && hasAttr(n, "data-rule"):
				rule, _ := attr(n, "data-rule")
				_, hidden := attr(n, "hidden")
				switch {
				case rule == "broken-link" && !hidden:
					shownRule++
				case rule != "broken-link":
					others++
					if hidden {
						hiddenOk++
					}
				default:
					t.Errorf("a broken-link row is hidden")
				}
			case n.Data == "title" && n.Parent != nil && n.Parent.Data == "head": // not the SVG tooltips
				if n.FirstChild != nil {
					titles = append(titles, n.FirstChild.Data)
				}
			}
			if id, _ := attr(n, "id"); id == "shown" {
				shownCount, _ = attr(n, "data-shown")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if root == nil {
		t.Fatalf("no <html> in the dumped DOM:\n%s", dom)
	}
	if v, _ := attr(root, "data-ready"); v != "1" {
		t.Errorf("the report's script did not finish (data-ready %q)", v)
	}
	if v, ok := attr(root, "data-js-error"); ok {
		t.Errorf("script error: %s", v)
	}
	if shownRule != 2 || others != 6 || hiddenOk != others || shownCount != "2" {
		t.Errorf("#rule=broken-link: %d broken-link rows shown, %d of %d other rows hidden, status says %q; want 2, 6 of 6, 2",
			shownRule, hiddenOk, others, shownCount)
	}
	if len(titles) != 1 || strings.Contains(titles[0], "pwned") {
		t.Errorf("document title = %q: a page's <script> ran", titles)
	}
	if !strings.Contains(dom, "Team &lt;script&gt;document.title='pwned'&lt;/script&gt;") {
		t.Errorf("the page title with <script> is not shown as text")
	}

	shot := filepath.Join(dir, "report.png")
	_, log = headless(t, bin, page, "--screenshot="+shot, "--window-size=1280,900", "--hide-scrollbars")
	if lines := consoleLines(log); len(lines) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(lines, "\n"))
	}
	png, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 10000 {
		t.Errorf("screenshot is not a real PNG (%d bytes)", len(png))
	}
	t.Logf("screenshot: %s", shot)
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasAttr(n *html.Node, key string) bool {
	_, ok := attr(n, key)
	return ok
}
