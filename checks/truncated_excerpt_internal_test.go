package checks

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestSplitMarkers(t *testing.T) {
	tests := []struct {
		in                                string
		core                              string
		leading, ellipsis, bracket, glued bool
		broken                            string
	}{
		{in: "a delicate dance that...", core: "a delicate dance that", ellipsis: true, glued: true},
		{in: "a delicate dance that …", core: "a delicate dance that", ellipsis: true},
		{in: "where help ends and […]", core: "where help ends and", bracket: true},
		{in: "where help ends and [...]", core: "where help ends and", bracket: true},
		{in: "make them count.… Continue reading", core: "make them count.", ellipsis: true, glued: true},
		{in: "a delicate da... READ MORE »", core: "a delicate da", ellipsis: true, glued: true},
		{in: "…and that is when it clicked.", core: "and that is when it clicked.", leading: true},
		{in: "If you want to learn more", core: "If you want to learn more"},
		{in: "the first thread more", core: "the first thread more"},
		{in: "Tell me more…", core: "Tell me more", ellipsis: true, glued: true},
		{in: "text [...] Read more", core: "text", bracket: true},
		{in: "text… more", core: "text", ellipsis: true, glued: true},
		{in: "Read more", core: "Read more"},
		{in: "the children notice first &hell", core: "the children notice first", broken: "&hell"},
		{in: "a cut character \uFFFD", core: "a cut character", broken: "\uFFFD"},
		{in: "dance that&hellip", core: "dance that", broken: "&hellip"},
		{in: "shown twice &hellip;", core: "shown twice", broken: "&hellip;"},
		{in: "shown twice &#8230;", core: "shown twice", broken: "&#8230;"},
		{in: "cut in a number &#82", core: "cut in a number", broken: "&#82"},
		{in: "Salt & pepper at AT&T", core: "Salt & pepper at AT&T"},
		{in: "questions and answers, Q&a", core: "questions and answers, Q&a"},
	}
	for _, tt := range tests {
		c := splitMarkers(tt.in)
		if c.core != tt.core || c.leading != tt.leading || c.ellipsis != tt.ellipsis || c.bracket != tt.bracket ||
			c.glued != tt.glued || c.broken != tt.broken {
			t.Errorf("splitMarkers(%q) = %+v", tt.in, c)
		}
	}
}

func TestSentenceFinal(t *testing.T) {
	for s, want := range map[string]bool{
		"make them count.": true, "Really?": true, `he said "stop."`: true, "(see below.)": true,
		"a delicate dance": false, "fees, insurance,": false, "and so on;": false, "": false,
		"ここで終わり。": true,
	} {
		if got := sentenceFinal(s); got != want {
			t.Errorf("sentenceFinal(%q) = %v, want %v", s, got, want)
		}
	}
}

const rituals = "A goodnight routine, a walk after dinner, a standing joke at breakfast: small rituals " +
	"like these are a delicate dance between habit and attention. They tell children what they can count on."

func TestAlignWords(t *testing.T) {
	tests := []struct {
		name, excerpt, article string
		ok                     bool
		lost                   string
		end                    string // the article word the excerpt ends on, "" when unplaced
		midWord                bool
	}{
		{
			name:    "whole words",
			excerpt: "A goodnight routine, a walk after dinner, a standing joke at breakfast: small rituals like these",
			article: rituals, ok: true, end: "these",
		},
		{
			name:    "cut mid-word",
			excerpt: "small rituals like these are a delicate da",
			article: rituals, ok: true, end: "dance", midWord: true,
		},
		{
			name:    "drop cap lost",
			excerpt: "rusting your instincts while weighing the need for hard facts is a",
			article: "Trusting your instincts while weighing the need for hard facts is a delicate balancing act.",
			ok:      true, lost: "T", end: "a",
		},
		{
			name:    "curly quotes and case do not matter",
			excerpt: "it’s a delicate “dance” between habit and",
			article: `It's a delicate "Dance" between habit and attention.`,
			ok:      true, end: "and",
		},
		{
			name:    "a capital after a glued label is a whole word",
			excerpt: "This spring we are adding two evening groups",
			article: "NewThis spring we are adding two evening groups for parents.",
			ok:      false,
		},
		{
			name:    "a hyphenated word cut at its hyphen is not mid-word",
			excerpt: "care for your own well",
			article: "Parents need to care for your own well-being first.",
			ok:      true,
		},
		{
			name:    "a footnote mark glued to the word is not mid-word",
			excerpt: "small rituals like these are a delicate dance",
			article: "small rituals like these are a delicate dance1 between habit and attention.",
			ok:      true,
		},
		{
			name:    "a word its writer ended is not mid-word",
			excerpt: "small rituals like these are a delicate danc.",
			article: rituals, ok: true,
		},
		{
			name:    "a paraphrase does not align",
			excerpt: "answers to the questions new clients ask us most often",
			article: "Before you arrive we send a short intake form. It asks about your history together.",
			ok:      false,
		},
		{
			name:    "too short to align",
			excerpt: "a delicate da",
			article: rituals,
			ok:      false,
		},
		{
			name:    "the end lies beyond the kept text",
			excerpt: "small rituals like these are a delicate dance between habit",
			article: "small rituals like these are a delicate dance",
			ok:      true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := words(tt.article)
			al, ok := alignWords(words(tt.excerpt), art)
			if ok != tt.ok {
				t.Fatalf("aligned = %v, want %v (%+v)", ok, tt.ok, al)
			}
			if !ok {
				return
			}
			end := ""
			if al.end >= 0 {
				end = art[al.end].norm
			}
			if al.lost != tt.lost || end != tt.end || al.midWord != tt.midWord {
				t.Errorf("got lost %q, end %q, midWord %v; want %q, %q, %v", al.lost, end, al.midWord, tt.lost, tt.end, tt.midWord)
			}
		})
	}
}

func TestJudgeExcerpt(t *testing.T) {
	dropCapLead := words("What to do Trusting your instincts while weighing the need for hard facts is a delicate balancing act that most couples never rehearse.")
	tests := []struct {
		name    string
		text    string
		art     []word
		dropCap bool
		meta    bool
		sev     Severity // 0: no finding
		msg     string   // a part of the message
		one     bool     // the message has a single clause
	}{
		{name: "card cut mid-sentence is info", text: "One parent is usually up at night with feedings, and the...", sev: Info, msg: "ends mid-sentence"},
		{name: "description cut mid-sentence is a warning", text: "One parent is usually up at night with feedings, and the...", meta: true, sev: Warning, msg: "ends mid-sentence"},
		{name: "WordPress bracket after a whole word", text: "Grandparents can be the best support a young family has, as long as [&hellip;]"},
		{name: "ellipsis after a full sentence", text: "You do not need a feast to make them count.…"},
		{name: "ellipsis after a question", text: "Is it time to talk to someone?..."},
		{name: "Japanese is cut by characters by design", text: "家族療法は、家族全員が同じ部屋で話し合うことから始まります。最初のセッションでは…"},
		{
			name: "lost letter and mid-sentence is one warning",
			text: "rusting your instincts while weighing the need for hard facts is a delicate balancing act that...",
			art:  dropCapLead, sev: Warning, msg: `lost its first letter(s): "rusting your instincts while weighing…" (article: "Trusting your instincts while weighing…") and ends mid-sentence`,
		},
		{
			name: "mid-word against the article",
			text: "the need for hard facts is a delicate bal…",
			art:  dropCapLead, sev: Warning, msg: `is cut mid-word: "…hard facts is a delicate bal…" (article: "…a delicate balancing…")`,
		},
		{
			name: "drop cap fallback when the rest does not align word for word",
			text: "rusting your gut, while weighing the need for hard evidence, is hard.",
			art:  dropCapLead, dropCap: true, sev: Warning, msg: "lost its first letter(s)",
		},
		{
			name: "no drop cap, no fallback",
			text: "rusting your gut, while weighing the need for hard evidence, is hard.",
			art:  dropCapLead,
		},
		{name: "lowercase start without the article", text: "eBay purchases and takeaway receipts are where many money fights begin."},
		{name: "glued at a round length", text: strings.Repeat("abcd ", 19) + "abcde...", sev: Info, msg: "looks cut mid-word at 100 characters"},
		{name: "spaced at a round length", text: strings.Repeat("abcd ", 20) + "...", sev: Info, msg: "ends mid-sentence"},
		{name: "broken reference before an ellipsis is one clause", text: "and the children notice the differences first &am...", sev: Warning, msg: `broken character reference "&am": "…children notice the differences first &am..."`, one: true},
		{name: "broken reference", text: "and the children notice the differences first &amp", sev: Warning, msg: `broken character reference "&amp"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := judgeExcerpt(tt.text, tt.art, tt.dropCap, tt.meta, "article")
			msg := strings.Join(v.clauses, " and ")
			if v.sev != tt.sev || (tt.sev != 0 && !strings.Contains(msg, tt.msg)) || (tt.one && len(v.clauses) != 1) {
				t.Errorf("got %v %q; want %v containing %q", v.sev, msg, tt.sev, tt.msg)
			}
		})
	}
}

func TestOpensWithDropCap(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{`<p><span class="fusion-dropcap dropcap">T</span>rusting your instincts</p>`, true},
		{`<h2>Trust</h2><p><span style="float:left;font-size:3em">T</span>rusting your instincts</p>`, true},
		{`<header><h1>Title</h1><div class="entry-meta">May 2</div></header><p><span class="drop-cap">W</span>hen we met</p>`, true},
		{`<p class="has-drop-cap">Trusting your instincts</p>`, false},
		{`<p><span class="badge">New</span>This spring</p>`, false},
		{`<p><strong>A</strong> note on fees</p>`, false},
		{`<p>Trusting your instincts</p>`, false},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader("<!doctype html><body><div id=c>" + tt.body + "</div>"))
		if err != nil {
			t.Fatal(err)
		}
		var c *html.Node
		var find func(*html.Node)
		find = func(n *html.Node) {
			for ; n != nil && c == nil; n = n.NextSibling {
				if n.Type == html.ElementNode && n.Data == "div" {
					c = n
				}
				find(n.FirstChild)
			}
		}
		find(doc)
		if got := opensWithDropCap(c); got != tt.want {
			t.Errorf("opensWithDropCap(%s) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// FuzzJudgeExcerpt looks for panics on odd text: any excerpt against any article.
func FuzzJudgeExcerpt(f *testing.F) {
	f.Add("rusting your instincts while weighing the need for hard facts...", rituals, true, false)
	f.Add("…", "", false, true)
	f.Add("a b c d e f g h i j k l m n o p q r s t u v w x y z &am", "a b c d e f g h", false, false)
	f.Add("[…] Read more »", "Read more", true, true)
	f.Add("\uFFFD\uFFFD...", "\uFFFD", false, false)
	f.Fuzz(func(t *testing.T, text, article string, dropCap, meta bool) {
		v := judgeExcerpt(text, words(article), dropCap, meta, "article")
		if len(v.clauses) > 0 && v.sev == 0 {
			t.Errorf("clauses without a severity: %q", v.clauses)
		}
	})
}
