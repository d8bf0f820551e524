package checks_test

import (
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestGenericLinkText(t *testing.T) {
	checktest.Run(t, "../testdata/checks/generic-link-text", checks.GenericLinkText)
}

// Generic text is a warning; a bare URL as link text is info (rules-research §5.6).
func TestGenericLinkTextSeverities(t *testing.T) {
	leftoverSeverities(t, checks.GenericLinkText, "../testdata/checks/generic-link-text", map[string]checks.Severity{
		"astra-blog-index.html:18": checks.Warning,
		"bare-url.html:11":         checks.Info,
		"languages.html:13":        checks.Warning,
	})
}

// The extra-phrases option adds link texts to the list.
func TestGenericLinkTextExtraPhrases(t *testing.T) {
	const doc = `<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main>
<p><a href="/a/">Find out</a> or <a href="/b/">Discover »</a></p></main></body></html>`
	cfg := checks.Config{Rules: map[string]checks.RuleConfig{
		"generic-link-text": {Options: map[string]any{"extra-phrases": []string{"Find out", "discover"}}},
	}}
	if fs := leftoverRunPage(t, checks.GenericLinkText, checks.Config{}, doc); len(fs) != 0 {
		t.Fatalf("without the option: %v", fs)
	}
	fs := leftoverRunPage(t, checks.GenericLinkText, cfg, doc)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "2 links use generic text") {
		t.Fatalf("with the option: %v", fs)
	}
}

// bare-urls: false turns the bare-URL info off.
func TestGenericLinkTextBareURLOption(t *testing.T) {
	const doc = `<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main>
<p>See <a href="https://www.example.org/guide">https://www.example.org/guide</a>.</p></main></body></html>`
	if fs := leftoverRunPage(t, checks.GenericLinkText, checks.Config{}, doc); len(fs) != 1 || fs[0].Severity != checks.Info {
		t.Fatalf("default: %v", fs)
	}
	cfg := checks.Config{Rules: map[string]checks.RuleConfig{
		"generic-link-text": {Options: map[string]any{"bare-urls": false}},
	}}
	if fs := leftoverRunPage(t, checks.GenericLinkText, cfg, doc); len(fs) != 0 {
		t.Fatalf("bare-urls off: %v", fs)
	}
}
