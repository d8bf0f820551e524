package dom

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func parse(t *testing.T, src string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func byID(root *html.Node, id string) *html.Node {
	return Find(root, func(n *html.Node) bool { return AttrOr(n, "id") == id })
}

func TestStateOf(t *testing.T) {
	root := parse(t, `<body>
	<div id="plain">x</div>
	<div hidden><span id="in-hidden">x</span></div>
	<div hidden="until-found"><span id="until-found">x</span></div>
	<div aria-hidden="true"><span id="aria">x</span></div>
	<div aria-hidden="false"><span id="aria-false">x</span></div>
	<div inert><span id="inert">x</span></div>
	<div style="color: red; display : none !important"><span id="display-none">x</span></div>
	<div style="visibility:hidden"><span id="visibility">x</span></div>
	<span class="screen-reader-text" id="sr">x</span>
	<span class="rich-snippet-hidden" id="class-hidden">x</span>
	<nav class="d-none d-lg-block" id="responsive">x</nav>
	<nav class="hidden md:flex" id="tailwind">x</nav>
	<details><summary id="summary">s</summary><p id="in-details">x</p></details>
	<details open><summary>s</summary><p id="in-open-details">x</p></details>
	<dialog><p id="in-dialog">x</p></dialog>
	</body>`)
	want := map[string]State{
		"plain": Visible, "in-hidden": Hidden, "until-found": Collapsed, "aria": Hidden,
		"aria-false": Visible, "inert": Hidden, "display-none": Hidden, "visibility": Hidden,
		"sr": ATOnly, "class-hidden": Hidden, "responsive": Visible, "tailwind": Visible,
		"summary": Visible, "in-details": Collapsed, "in-open-details": Visible, "in-dialog": Hidden,
	}
	for id, w := range want {
		n := byID(root, id)
		if n == nil {
			t.Fatalf("no #%s", id)
		}
		if got := StateOf(n); got != w {
			t.Errorf("StateOf(#%s) = %v, want %v", id, got, w)
		}
	}
	if got := HiddenBy(byID(root, "class-hidden")); got != "class rich-snippet-hidden" {
		t.Errorf("HiddenBy = %q", got)
	}
}

func TestText(t *testing.T) {
	root := parse(t, `<body><div id="byline"><span>Updated On</span><span>June 27, 2025</span>
	<p>Second&nbsp;para<br>line two</p><script>ignored()</script>
	<span class="screen-reader-text">for readers</span><span hidden>gone</span>soft&shy;hyphen</div></body>`)
	n := byID(root, "byline")
	if got, want := VisibleText(n), "Updated OnJune 27, 2025 Second para line two softhyphen"; got != want {
		t.Errorf("VisibleText = %q, want %q", got, want)
	}
	if got := Text(n, TextOptions{MaxState: ATOnly}); !strings.Contains(got, "for readers") || strings.Contains(got, "gone") {
		t.Errorf("Text(ATOnly) = %q", got)
	}
}

func TestMainAndChrome(t *testing.T) {
	root := parse(t, `<body><header><nav><a id="menu" href="/">x</a></nav></header>
	<div class="entry-content" id="content"><p id="para">x</p></div><footer id="foot">f</footer></body>`)
	if m := Main(root); AttrOr(m, "id") != "content" {
		t.Errorf("Main = %v", m)
	}
	if !InChrome(byID(root, "menu")) || InChrome(byID(root, "para")) || !InChrome(byID(root, "foot")) {
		t.Error("InChrome misjudged")
	}
}

func TestMainPrefersTheEarliestHook(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"main beats an earlier article", `<body><article id="a">a</article><main id="m">m</main></body>`, "m"},
		{"role=main beats article", `<body><article id="a"></article><div role="MAIN" id="r"></div></body>`, "r"},
		{"first of two articles", `<body><article id="a1"></article><article id="a2"></article></body>`, "a1"},
		{"hook inside chrome is not main", `<body><header><main id="hm"></main></header><div class="post-content" id="pc"></div></body>`, "pc"},
		{"tag.class needs both", `<body><section class="body" id="s"></section><div class="document" id="d"><div class="body" id="b"></div></div></body>`, "b"},
		{"no hook: body", `<body id="bd"><div id="x"></div></body>`, "bd"},
	} {
		if got := AttrOr(Main(parse(t, c.src)), "id"); got != c.want {
			t.Errorf("%s: Main is #%s, want #%s", c.name, got, c.want)
		}
	}
}

func TestFoldSpace(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "a": "a", "a b": "a b", " a": "a", "a ": "a", "a  b": "a b", "a\tb\n": "a b",
		"\u00a0a\u2003b": "a b", "é b": "é b", "   ": "",
	} {
		if got := FoldSpace(in); got != want {
			t.Errorf("FoldSpace(%q) = %q, want %q", in, got, want)
		}
	}
}
