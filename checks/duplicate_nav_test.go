package checks_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
	"github.com/pagelint/pagelint/page"
)

func TestDuplicateNav(t *testing.T) {
	checktest.Run(t, "../testdata/checks/duplicate-nav", checks.DuplicateNav)
}

// runDuplicateNav runs the rule on one page given as a body fragment.
func runDuplicateNav(t *testing.T, body string) []checks.Finding {
	t.Helper()
	u, _ := url.Parse("https://shop.example/about/")
	root, _ := url.Parse("https://shop.example/")
	src := "<!doctype html><html><head><title>t</title></head><body>\n" + body + "\n</body></html>"
	pg, err := page.Parse(u, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	pg.Path = "/about/"
	r := checks.NewRunner(page.NewSite(root, page.ModeCrawl, true), []*checks.Check{checks.DuplicateNav}, checktest.Now)
	r.Page(pg)
	fs, err := r.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// menu renders a list of links as a WordPress-style menu inside wrap, a
// format string with one %s for the list ("<nav>%s</nav>").
func menu(wrap string, hrefs ...string) string {
	var b strings.Builder
	b.WriteString(`<ul class="menu">`)
	for _, h := range hrefs {
		name := strings.Trim(h, "/")
		fmt.Fprintf(&b, `<li class="menu-item"><a href="%s">%s</a></li>`, h, name)
	}
	b.WriteString(`</ul>`)
	return fmt.Sprintf(wrap, b.String())
}

var five = []string{"/", "/shop/", "/journal/", "/stockists/", "/contact/"}

func seq(prefix string, n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("/%s-%d/", prefix, i))
	}
	return out
}

func TestDuplicateNavCases(t *testing.T) {
	ten := seq("p", 10)
	tenExtra := append(append(append([]string{}, ten[:5]...), "/extra/"), ten[5:]...)
	tenSwapped := append(append([]string{}, ten[:9]...), "/other/")
	sixOff := append(append([]string{}, seq("p", 6)[:4]...), "/x/", "/y/")
	four := five[:4]
	cases := []struct {
		name  string
		body  string
		count int
		re    string // on the message of the finding, when count is 1
		sev   checks.Severity
	}{
		{"two equal navs", twice("<nav>%s</nav>", five...), 1,
			`^navigation block of 5 links rendered 2 times on this page \(lines 2, 3\); links: "shop", "journal", "stockists", …; copies may be hidden by CSS, which crawlers ignore$`, checks.Warning},
		{"three links are below the threshold", menu("<nav>%s</nav>", five[:3]...) + menu("<nav>%s</nav>", five[:3]...), 0, "", 0},
		{"icon links without text are no pager", iconBar + "\n" + iconBar, 1, "", checks.Warning},
		{"four links are enough", menu("<nav>%s</nav>", four...) + menu("<nav>%s</nav>", four...), 1, "of 4 links", checks.Warning},
		{"footer subset", menu("<nav>%s</nav>", five...) + menu("<footer><nav>%s</nav></footer>", "/", "/shop/", "/contact/", "/privacy/"), 0, "", 0},
		{"one extra item in ten", menu("<nav>%s</nav>", ten...) + menu("<nav>%s</nav>", tenExtra...), 1, "of 10 links", checks.Warning},
		{"one changed item in ten", menu("<nav>%s</nav>", ten...) + menu("<nav>%s</nav>", tenSwapped...), 1, "", checks.Warning},
		{"one extra item in five", menu("<nav>%s</nav>", five...) + menu("<nav>%s</nav>", append(append([]string{}, five...), "tel:+15555550100")...), 1, "", checks.Warning},
		{"one extra item in four is a different menu", menu("<nav>%s</nav>", four...) + menu("<nav>%s</nav>", append(append([]string{}, four...), "/privacy/")...), 0, "", 0},
		{"two items off in six", menu("<nav>%s</nav>", seq("p", 6)...) + menu("<nav>%s</nav>", sixOff...), 0, "", 0},
		{"trailing slash, fragments and javascript links", menu("<nav>%s</nav>", five...) +
			menu("<nav>%s</nav>", "https://shop.example/", "/shop", "/journal#latest", "#", "javascript:void(0)", "", "/stockists", "/contact"), 1, "", checks.Warning},
		{"index.html is its folder", menu("<nav>%s</nav>", five...) + "\n" +
			menu("<nav>%s</nav>", "/index.html", "/shop/index.html", "/journal/", "/stockists/", "/contact/"), 1, "", checks.Warning},
		{"three copies, one finding", menu(`<nav aria-label="Main">%s</nav>`, five...) + "\n" + menu(`<nav aria-label="Sticky">%s</nav>`, five...) + "\n" + menu(`<nav aria-label="Mobile">%s</nav>`, five...), 1,
			`rendered 3 times on this page \(lines 2, 3, 4\); labels: "Main", "Sticky", "Mobile"`, checks.Warning},
		{"hidden third copy is counted apart", menu("<nav>%s</nav>", five...) + menu("<nav>%s</nav>", five...) + menu(`<nav aria-hidden="true">%s</nav>`, five...), 1,
			`rendered 2 times .*; 1 hidden copy not counted$`, checks.Warning},

		// Hidden copies.
		{"aria-hidden", menu("<nav>%s</nav>", five...) + menu(`<nav aria-hidden="true">%s</nav>`, five...), 0, "", 0},
		{"hidden attribute on the list", menu("<nav>%s</nav>", five...) + strings.Replace(menu(`<nav>%s</nav>`, five...), `<ul class="menu">`, `<ul class="menu" hidden>`, 1), 0, "", 0},
		{"inert wrapper", menu("<nav>%s</nav>", five...) + menu(`<div inert><nav>%s</nav></div>`, five...), 0, "", 0},
		{"display none", menu("<nav>%s</nav>", five...) + menu(`<div style="display:none !important"><nav>%s</nav></div>`, five...), 0, "", 0},
		{"template", menu("<nav>%s</nav>", five...) + menu(`<template><nav>%s</nav></template>`, five...), 0, "", 0},
		{"noscript", menu("<nav>%s</nav>", five...) + menu(`<noscript><nav>%s</nav></noscript>`, five...), 0, "", 0},
		{"closed dialog", menu("<nav>%s</nav>", five...) + menu(`<dialog><nav>%s</nav></dialog>`, five...), 0, "", 0},
		{"d-none alone", menu("<nav>%s</nav>", five...) + menu(`<div class="d-none"><nav>%s</nav></div>`, five...), 0, "", 0},
		{"d-none d-lg-block is exposed", menu("<nav>%s</nav>", five...) + menu(`<div class="d-none d-lg-block"><nav>%s</nav></div>`, five...), 1, "", checks.Warning},
		{"closed details is exposed", menu("<nav>%s</nav>", five...) + menu(`<details><summary>Menu</summary><nav>%s</nav></details>`, five...), 1, "", checks.Warning},
		{"screen-reader-only copy is exposed", menu("<nav>%s</nav>", five...) + menu(`<nav class="screen-reader-text">%s</nav>`, five...), 1, "", checks.Warning},

		// Legitimate repeats, each marker on its own.
		{"pager by class", twice(`<nav class="pagination">%s</nav>`, five...), 0, "", 0},
		{"pager by link text", pager + "\n" + pager, 0, "", 0},
		{"pager by rel", strings.ReplaceAll(twice(`<nav>%s</nav>`, five...), `<a href="/shop/"`, `<a rel="next" href="/shop/"`), 0, "", 0},
		{"breadcrumb by aria-label", twice(`<nav aria-label="Breadcrumb">%s</nav>`, five...), 0, "", 0},
		{"breadcrumb by microdata", twice(`<nav><div itemscope itemtype="https://schema.org/BreadcrumbList">%s</div></nav>`, five...), 0, "", 0},
		{"post navigation", twice(`<nav class="navigation post-navigation">%s</nav>`, five...), 0, "", 0},
		{"sphinx related bar", twice(`<div class="related" role="navigation" aria-label="related navigation">%s</div>`, five...), 0, "", 0},
		{"sphinx sidebar mirrored in a drawer", menu(`<nav class="menu" role="navigation">%s</nav>`, five...) + menu(`<div class="sphinxsidebar" role="navigation"><div class="sphinxsidebarwrapper">%s</div></div>`, five...), 0, "", 0},
		{"language switcher by hreflang", strings.ReplaceAll(twice(`<nav>%s</nav>`, five...), `<a href=`, `<a hreflang="x" href=`), 0, "", 0},
		{"language switcher by wrapper", twice(`<div class="wpml-ls-statics-footer wpml-ls"><nav>%s</nav></div>`, five...), 0, "", 0},
		{"social row by hosts", twice(`<nav>%s</nav>`, "https://www.facebook.com/shop", "https://www.instagram.com/shop", "https://www.pinterest.co.uk/shop", "https://x.com/shop", "mailto:hi@shop.example"), 0, "", 0},
		{"share bar by class", twice(`<div class="share-buttons"><nav>%s</nav></div>`, five...), 0, "", 0},
		{"a shared-header wrapper is no share bar", twice(`<div class="shared-header"><nav>%s</nav></div>`, five...), 1, "", checks.Warning},
		{"javadoc top and bottom navbars", menu(`<nav role="navigation"><div class="topNav"><a id="navbar.top"></a>%s</div></nav>`, five...) + "\n" +
			menu(`<nav role="navigation"><div class="bottomNav"><a id="navbar.bottom"></a>%s</div></nav>`, five...), 0, "", 0},
		{"a post series box is info", twice(`<nav class="series-box">%s</nav>`, five...), 1, "^table of contents", checks.Info},
		{"skip links", twice(`<nav class="skip-links">%s</nav>`, five...), 0, "", 0},
		{"table of contents is info", twice(`<nav class="toc">%s</nav>`, five...), 1, "^table of contents of 5 links", checks.Info},

		// Nesting.
		{"nav > div > ul with sub-menus is one block",
			twice(`<nav aria-label="Main"><div class="menu-main-container">%s</div></nav>`, five...), 1, `labels: "Main"`, checks.Warning},
		{"sub-menus are part of their menu", strings.ReplaceAll(twice(`<nav>%s</nav>`, five...),
			`>shop</a>`, `>shop</a><ul class="sub-menu"><li><a href="/s/1/">1</a></li><li><a href="/s/2/">2</a></li><li><a href="/s/3/">3</a></li><li><a href="/s/4/">4</a></li></ul>`), 1, "of 9 links", checks.Warning},
		{"a header nav holding two lists", `<nav aria-label="Header">` + menu("%s", five...) +
			`<ul class="social-menu"><li><a href="https://a.example/">a</a></li><li><a href="https://b.example/">b</a></li><li><a href="https://c.example/">c</a></li></ul></nav>` +
			menu(`<div class="drawer">%s</div>`, five...), 1, "of 5 links", checks.Warning},
		{"WordPress menu items with rewritten hrefs", wpMenu("", "") + wpMenu("?m=1", ""), 1, "of 5 links", checks.Warning},
		{"repeated menu-item ids", wpMenu("", "id") + wpMenu("", "id"), 1, `; id "menu-item-11" repeats;`, checks.Warning},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := runDuplicateNav(t, c.body)
			if len(fs) != c.count {
				t.Fatalf("got %d findings, want %d: %+v", len(fs), c.count, fs)
			}
			if c.count != 1 {
				return
			}
			f := fs[0]
			if f.Severity != c.sev {
				t.Errorf("severity %s, want %s", f.Severity, c.sev)
			}
			if c.re != "" && !regexp.MustCompile(c.re).MatchString(f.Message) {
				t.Errorf("message %q does not match %q", f.Message, c.re)
			}
		})
	}
}

// pager is a numbered pager with no class to tell it from a menu.
const pager = `<nav aria-label="Pages"><a href="/blog/">1</a> <a href="/blog/page/2/">2</a> ` +
	`<a href="/blog/page/3/">3</a> <a href="/blog/page/4/">4</a> <a href="/blog/page/2/">Older posts &rarr;</a></nav>`

// iconBar is a row of icon links with no text at all.
const iconBar = `<nav class="bottom-bar"><a href="/"><svg></svg></a><a href="/search/"><svg></svg></a>` +
	`<a href="/cart/"><svg></svg></a><a href="/account/"><svg></svg></a></nav>`

// twice renders the same menu on two lines.
func twice(wrap string, hrefs ...string) string {
	return menu(wrap, hrefs...) + "\n" + menu(wrap, hrefs...)
}

// wpMenu renders a WordPress menu whose hrefs carry query, with ids on its
// items when ids is "id".
func wpMenu(query, ids string) string {
	var b strings.Builder
	b.WriteString(`<nav><ul class="menu">`)
	for i, h := range five {
		id := ""
		if ids == "id" {
			id = fmt.Sprintf(` id="menu-item-%d"`, 11+i)
		}
		fmt.Fprintf(&b, `<li%s class="menu-item menu-item-type-post_type menu-item-%d"><a href="%s%s">x</a></li>`, id, 11+i, h, query)
	}
	b.WriteString("</ul></nav>\n")
	return b.String()
}

func TestDuplicateNavEvidence(t *testing.T) {
	fs := runDuplicateNav(t, menu(`<nav class="primary" aria-label="Main Menu">%s</nav>`, five...)+"\n"+
		menu(`<nav class="primary sticky" aria-label="Main Menu Sticky">%s</nav>`, five...))
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	want := `<nav aria-label="Main Menu" class="primary"> … <nav aria-label="Main Menu Sticky" class="primary sticky">`
	if fs[0].Evidence != want {
		t.Errorf("evidence %q, want %q", fs[0].Evidence, want)
	}
	if fs[0].Line != 3 {
		t.Errorf("line %d, want 3 (the second copy)", fs[0].Line)
	}
}
