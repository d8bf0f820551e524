// Package synth builds a synthetic site of N blog posts with the markup of a
// typical WordPress theme, for the benchmarks: a menu rendered three times
// (main, sticky, mobile) with sub-menus, breadcrumbs, a post with a reviewer
// byline, headings, a figure with srcset, in-text links to other posts,
// previous/next links, related-post cards with excerpts (some cut mid-word,
// some missing the drop cap's letter), a sidebar, a footer with social and
// contact links, JSON-LD and inline CSS. Posts are listed ten to a page under
// /blog/ with a pager, as WordPress does, and every post links to three
// others chosen by a hash, so a crawl from / reaches every page in a few hops.
// A few defects recur at fixed intervals (broken links and fragments, images
// without alt or file, reviews without a date or out of date, a copied meta
// description), so the rules have something to find.
//
// Everything is a pure function of (i, N): the same N gives the same bytes,
// and a post can be built alone (PostPage) for micro-benchmarks.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// PerListing is the number of post cards on a page of the blog listing.
const PerListing = 10

var words = strings.Fields(`listening repair trust boundaries evening quiet partner habit argument apology
small weeks attention conversation honest kind patient season practice answer question morning calendar
promise shared weekend garden coffee letter distance return change gentle careful steady simple children
parents anxiety sleep routine therapist session grief recovery balance workplace stress couple family
teenager school friendship loneliness gratitude journal breathing walking feelings needs values`)

var categories = []string{"Anxiety", "Couples", "Family", "Grief", "Parenting", "Self-Care", "Stress", "Teens"}

var tags = []string{"communication", "mindfulness", "sleep", "boundaries", "trust", "habits",
	"conflict", "school", "work", "holidays", "burnout", "resilience"}

// staticPages are the theme's pages besides the blog: site path and title.
var staticPages = []struct{ path, title string }{
	{"/about/", "About Synthetic Clinic"},
	{"/about/team/", "Our Team of Therapists"},
	{"/about/approach/", "Our Approach to Therapy"},
	{"/services/", "Counseling Services"},
	{"/services/individual-therapy/", "Individual Therapy"},
	{"/services/couples-counseling/", "Couples Counseling"},
	{"/services/family-therapy/", "Family Therapy"},
	{"/workshops/", "Workshops and Groups"},
	{"/contact/", "Contact Synthetic Clinic"},
	{"/privacy-policy/", "Privacy Policy"},
	{"/author/dana/", "Dana Whitfield, LMFT"},
}

// A post is what the pages that show a post need of it.
type post struct {
	i        int
	title    string
	cat      int
	tags     [3]int
	lead     string // the first paragraph, as plain text
	dropCap  bool   // the post opens with a drop-cap span
	paras    []string
	month    int // 1..12, the month it was published in 2025
	day      int
	reviewed string // the reviewer byline's date, "" for none
}

func sentence(rng *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[rng.IntN(len(words))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func paragraph(rng *rand.Rand) string {
	var b strings.Builder
	for k := range 3 + rng.IntN(3) {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sentence(rng, 8+rng.IntN(14)))
	}
	return b.String()
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

func newPost(i int) *post {
	rng := rand.New(rand.NewPCG(7, uint64(i)))
	p := &post{i: i, cat: i % len(categories), month: 1 + i%12, day: 1 + i%28}
	p.title = fmt.Sprintf("Post %d: %s", i, strings.TrimSuffix(sentence(rng, 3), "."))
	for k := range p.tags {
		p.tags[k] = (i + k*5) % len(tags)
	}
	for range 9 {
		p.paras = append(p.paras, paragraph(rng))
	}
	p.lead = p.paras[0]
	p.dropCap = i%40 == 7
	switch {
	case i%25 == 0:
		p.reviewed = "" // a reviewer named without a date
	case i%30 == 0:
		p.reviewed = fmt.Sprintf("%s %d, 2021", months[p.month-1], p.day) // years out of date
	default:
		p.reviewed = fmt.Sprintf("%s %d, 2026", months[p.month%10], p.day) // January to October
	}
	return p
}

// excerpt is the post's card text as the theme prints it: 30 words and
// " […]", except some cut inside a word (every tenth) and those whose drop cap
// was stripped before trimming, losing the first letter.
func (p *post) excerpt() string {
	w := strings.Fields(p.lead)
	if len(w) > 30 {
		w = w[:30]
	}
	text := strings.Join(w, " ")
	switch {
	case p.dropCap:
		return text[1:] + " […]"
	case p.i%10 == 3 && len(text) > 120:
		cut := 117
		for cut < len(text) && text[cut] == ' ' {
			cut++
		}
		return text[:cut+1] + "…"
	}
	return text + " […]"
}

// description is a post's meta description: the start of its lead cut at a
// word, within the 120-156 characters search engines show.
func description(p *post) string {
	d := strings.TrimSuffix(p.lead, ".")
	if len(d) > 140 {
		d = d[:strings.LastIndexByte(d[:140], ' ')]
	}
	d += "."
	if len(d) < 121 {
		d += " Notes from Synthetic Clinic's counselors on " + strings.ToLower(categories[p.cat]) + "."
	}
	return d
}

// PostPath is the site path of post i (1-based).
func PostPath(i int) string { return fmt.Sprintf("/blog/post-%06d/", i) }

func listingPath(k int) string {
	if k == 1 {
		return "/blog/"
	}
	return fmt.Sprintf("/blog/page/%d/", k)
}

func slug(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "-")) }

// related returns the k-th related post of post i among n: spread over the
// whole site by a multiplicative hash, never i itself.
func related(i, k, n int) int {
	if n < 2 {
		return i
	}
	h := (uint64(i)*2654435761 + uint64(k+1)*40503) % uint64(n)
	j := 1 + int(h)
	if j == i {
		j = 1 + j%n
	}
	return j
}

// Pages returns the number of HTML pages of a site of n posts: the posts,
// the listing pages, the home page, the static pages, categories and tags.
func Pages(n int) int {
	return n + listings(n) + 1 + len(staticPages) + len(categories) + len(tags)
}

func listings(n int) int { return (n + PerListing - 1) / PerListing }

// Write writes a site of n posts into dir, which must not exist.
func Write(dir string, n int) error {
	if n < 1 {
		return fmt.Errorf("synth: %d posts: need at least one", n)
	}
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("synth: %s exists", dir)
	}
	for rel, body := range assets() {
		if err := put(dir, rel, body); err != nil {
			return err
		}
	}
	for _, sp := range staticPages {
		if err := put(dir, sp.path+"index.html", staticPage(sp.path, sp.title, n)); err != nil {
			return err
		}
	}
	if err := put(dir, "/index.html", homePage(n)); err != nil {
		return err
	}
	for c, name := range categories {
		if err := put(dir, "/category/"+slug(name)+"/index.html", archivePage("Category: "+name, "/category/"+slug(name)+"/", n, func(i int) bool { return i%len(categories) == c })); err != nil {
			return err
		}
	}
	for t, name := range tags {
		if err := put(dir, "/tag/"+name+"/index.html", archivePage("Tag: "+name, "/tag/"+name+"/", n, func(i int) bool { return newPost(i).hasTag(t) })); err != nil {
			return err
		}
	}
	// Posts and listing pages are independent: write them on every core.
	jobs := make(chan int, 64)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for job := range jobs {
				var rel, body string
				if job > 0 {
					rel, body = PostPath(job)+"index.html", PostPage(job, n)
				} else {
					rel, body = listingPath(-job)+"index.html", ListingPage(-job, n)
				}
				if err := put(dir, rel, body); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for k := 1; k <= listings(n); k++ {
		jobs <- -k
	}
	for i := 1; i <= n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func put(dir, rel, content string) error {
	p := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(rel, "/")))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(content), 0o644)
}

func (p *post) hasTag(t int) bool {
	for _, x := range p.tags {
		if x == t {
			return true
		}
	}
	return false
}

// images is the number of distinct photos in the uploads folder.
const images = 50

func imagePath(k int, size string) string {
	if size != "" {
		size = "-" + size
	}
	return fmt.Sprintf("/wp-content/uploads/2025/%02d/photo-%02d%s.jpg", 1+k%12, k, size)
}

// assets are the files other than pages: styles, scripts, images, robots.txt.
func assets() map[string]string {
	a := map[string]string{
		"/robots.txt":                           "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n",
		"/wp-content/themes/clinic/style.css":   "body{font-family:Georgia,serif;margin:0}\n.site-header{display:flex}\n",
		"/wp-content/themes/clinic/js/nav.js":   "document.documentElement.className+=' js';\n",
		"/wp-includes/js/jquery/jquery.min.js":  "/*! jQuery stand-in for benchmarks */\n",
		"/wp-content/uploads/2019/06/logo.png":  "\x89PNG stand-in\n",
		"/wp-content/uploads/2019/06/icon.png":  "\x89PNG stand-in\n",
		"/wp-content/themes/clinic/print.css":   "@media print{nav{display:none}}\n",
		"/wp-content/plugins/forms/forms.css":   ".form{margin:1em}\n",
		"/wp-content/plugins/forms/js/forms.js": "/* forms */\n",
	}
	for k := range images {
		for _, size := range []string{"", "300x200", "768x512"} {
			a[imagePath(k, size)] = "\xff\xd8\xff JPEG stand-in\n"
		}
	}
	return a
}

// inlineCSS stands in for the global styles a block theme inlines in every
// page (about 6 KB in WordPress 6): raw text the parser copies but no rule reads.
var inlineCSS = func() string {
	var b strings.Builder
	for k := 0; b.Len() < 6000; k++ {
		fmt.Fprintf(&b, ".has-color-%d-color{color:var(--wp--preset--color--c%d)!important}"+
			".has-color-%d-background-color{background-color:var(--wp--preset--color--c%d)!important}\n", k, k, k, k)
	}
	return b.String()
}()

type head struct {
	title, desc, path, ogType, jsonLD string
}

func (h head) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s | Synthetic Clinic</title>
<meta name="description" content="%s">
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="https://clinic.example%s">
<meta property="og:locale" content="en_US">
<meta property="og:type" content="%s">
<meta property="og:title" content="%s">
<meta property="og:description" content="%s">
<meta property="og:url" content="https://clinic.example%s">
<meta property="og:site_name" content="Synthetic Clinic">
<meta property="og:image" content="https://clinic.example%s">
<meta name="twitter:card" content="summary_large_image">
`, h.title, h.desc, h.path, h.ogType, h.title, h.desc, h.path, imagePath(len(h.path)%images, ""))
	if h.jsonLD != "" {
		fmt.Fprintf(&b, "<script type=\"application/ld+json\" class=\"yoast-schema-graph\">%s</script>\n", h.jsonLD)
	}
	b.WriteString(`<link rel="stylesheet" id="clinic-style-css" href="/wp-content/themes/clinic/style.css?ver=2.4.1" media="all">
<link rel="stylesheet" id="clinic-print-css" href="/wp-content/themes/clinic/print.css?ver=2.4.1" media="print">
<link rel="stylesheet" id="forms-css" href="/wp-content/plugins/forms/forms.css?ver=5.8" media="all">
<style id="global-styles-inline-css">
`)
	b.WriteString(inlineCSS)
	b.WriteString(`</style>
<link rel="icon" href="/wp-content/uploads/2019/06/icon.png" sizes="32x32">
<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</head>
`)
	return b.String()
}

// menuItems are the main menu: label, path, sub-menu.
var menuItems = []struct {
	label, path string
	sub         []int // indexes into staticPages
}{
	{"Home", "/", nil},
	{"About", "/about/", []int{1, 2}},
	{"Services", "/services/", []int{4, 5, 6}},
	{"Workshops", "/workshops/", nil},
	{"Blog", "/blog/", nil},
	{"Contact", "/contact/", nil},
}

func menu(b *strings.Builder, id, class, label, current string) {
	fmt.Fprintf(b, "<nav id=%q class=%q aria-label=%q><ul id=\"%s-list\" class=\"menu\">\n", id, class, label, id)
	for k, m := range menuItems {
		cls := fmt.Sprintf("menu-item menu-item-type-post_type menu-item-object-page menu-item-%d", 100+k)
		if m.path == current {
			cls += " current-menu-item"
		}
		if len(m.sub) > 0 {
			cls += " menu-item-has-children"
		}
		fmt.Fprintf(b, "<li id=\"%s-item-%d\" class=%q><a href=%q>%s</a>", id, 100+k, cls, m.path, m.label)
		if len(m.sub) > 0 {
			b.WriteString("\n<ul class=\"sub-menu\">\n")
			for _, s := range m.sub {
				fmt.Fprintf(b, "<li class=\"menu-item menu-item-type-post_type menu-item-%d\"><a href=%q>%s</a></li>\n", 200+s, staticPages[s].path, staticPages[s].title)
			}
			b.WriteString("</ul>\n")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul></nav>\n")
}

func header(b *strings.Builder, bodyClass, current string) {
	fmt.Fprintf(b, `<body class=%q>
<a class="skip-link screen-reader-text" href="#primary">Skip to content</a>
<div id="page" class="site">
<header id="masthead" class="site-header" role="banner">
<div class="site-branding"><a href="/" class="custom-logo-link" rel="home"><img src="/wp-content/uploads/2019/06/logo.png" class="custom-logo" alt="Synthetic Clinic" width="180" height="60"></a>
<p class="site-description">Counseling for individuals, couples and families</p></div>
`, bodyClass)
	menu(b, "site-navigation", "main-navigation", "Main Menu", current)
	b.WriteString("<div class=\"sticky-header\" aria-hidden=\"true\">\n")
	menu(b, "sticky-navigation", "main-navigation sticky", "Main Menu Sticky", current)
	b.WriteString("</div>\n<button class=\"menu-toggle\" aria-controls=\"mobile-navigation\" aria-expanded=\"false\">Menu</button>\n")
	menu(b, "mobile-navigation", "mobile-navigation", "Main Menu Mobile", current)
	b.WriteString("</header>\n<div id=\"content\" class=\"site-content\"><div class=\"ast-container\">\n")
}

func sidebar(b *strings.Builder, n int) {
	b.WriteString(`<aside id="secondary" class="widget-area" role="complementary">
<section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="/">
<label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field" placeholder="Search &hellip;" value="" name="s"></label>
<input type="submit" class="search-submit" value="Search"></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>
`)
	for i := n; i > n-5 && i > 0; i-- {
		fmt.Fprintf(b, "<li><a href=%q>%s</a></li>\n", PostPath(i), newPost(i).title)
	}
	b.WriteString("</ul></section>\n<section id=\"categories-2\" class=\"widget widget_categories\"><h2 class=\"widget-title\">Categories</h2><ul>\n")
	for k, c := range categories {
		fmt.Fprintf(b, "<li class=\"cat-item cat-item-%d\"><a href=\"/category/%s/\">%s</a></li>\n", 3+k, slug(c), c)
	}
	b.WriteString("</ul></section>\n</aside>\n")
}

func footer(b *strings.Builder) {
	b.WriteString(`</div></div>
<footer id="colophon" class="site-footer" role="contentinfo">
<div class="footer-widgets"><section class="widget widget_text"><h2 class="widget-title">Visit us</h2>
<p>12 Quiet Lane, Suite 4<br>Springfield<br><a href="tel:+15555550123">(555) 555-0123</a><br><a href="mailto:hello@clinic.example">hello@clinic.example</a></p></section>
<section class="widget widget_social"><h2 class="widget-title">Follow us</h2><ul class="social-links">
<li><a href="https://www.facebook.com/syntheticclinic" rel="noopener" target="_blank" aria-label="Facebook"><svg class="icon" aria-hidden="true" viewBox="0 0 24 24"><path d="M9 8h-3v4h3v12h5v-12h3.6l.4-4h-4v-1.7c0-1 .2-1.3 1.1-1.3h2.9v-5h-3.8c-3.6 0-5.2 1.6-5.2 4.6z"></path></svg></a></li>
<li><a href="https://www.instagram.com/syntheticclinic/" rel="noopener" target="_blank" aria-label="Instagram"><svg class="icon" aria-hidden="true" viewBox="0 0 24 24"><circle cx="12" cy="12" r="4"></circle></svg></a></li>
<li><a href="https://www.linkedin.com/company/syntheticclinic" rel="noopener" target="_blank" aria-label="LinkedIn"><svg class="icon" aria-hidden="true" viewBox="0 0 24 24"><rect width="4" height="12" x="2" y="9"></rect></svg></a></li>
</ul></section></div>
<div class="site-info">&copy; 2019 - 2026 Synthetic Clinic &middot; <a href="/privacy-policy/">Privacy Policy</a> &middot; <a href="/contact/">Contact</a></div>
</footer></div>
<script src="/wp-content/themes/clinic/js/nav.js?ver=2.4.1" id="clinic-nav-js"></script>
<script src="/wp-content/plugins/forms/js/forms.js?ver=5.8" id="forms-js"></script>
</body>
</html>
`)
}

// card writes a post card as listings and related-post blocks show it.
func card(b *strings.Builder, p *post, tag string) {
	img := p.i % images
	fmt.Fprintf(b, `<article class="post-card post-%d category-%s">
<a class="post-thumbnail" href="%s" aria-hidden="true" tabindex="-1"><img src="%s" alt="" width="300" height="200" loading="lazy" srcset="%s 300w, %s 768w" sizes="(max-width: 300px) 100vw, 300px"></a>
<%s class="entry-title"><a href="%s" rel="bookmark">%s</a></%s>
<div class="entry-meta"><span class="posted-on"><time datetime="2025-%02d-%02dT09:00:00+00:00">%s %d, 2025</time></span></div>
<div class="entry-excerpt"><p>%s</p></div>
<a class="read-more" href="%s">Read More</a>
</article>
`, p.i, slug(categories[p.cat]), PostPath(p.i), imagePath(img, "300x200"), imagePath(img, "300x200"), imagePath(img, "768x512"),
		tag, PostPath(p.i), p.title, tag, p.month, p.day, months[p.month-1], p.day, p.excerpt(), PostPath(p.i))
}

// PostPage returns the HTML of post i of a site of n posts.
func PostPage(i, n int) string {
	p := newPost(i)
	var b strings.Builder
	b.Grow(24 << 10)
	desc := description(p)
	if i%500 == 0 && i > 1 {
		desc = description(newPost(i - 1)) // copied from the post before, as editors do
	}
	ld := fmt.Sprintf(`{"@context":"https://schema.org","@graph":[{"@type":"BlogPosting","headline":%q,"datePublished":"2025-%02d-%02dT09:00:00+00:00","dateModified":"2026-01-%02dT10:00:00+00:00","author":{"@type":"Person","name":"Dana Whitfield"},"publisher":{"@type":"Organization","name":"Synthetic Clinic","logo":{"@type":"ImageObject","url":"https://clinic.example/wp-content/uploads/2019/06/logo.png"}},"image":"https://clinic.example%s","mainEntityOfPage":"https://clinic.example%s"},{"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":1,"name":"Home","item":"https://clinic.example/"},{"@type":"ListItem","position":2,"name":"Blog","item":"https://clinic.example/blog/"},{"@type":"ListItem","position":3,"name":%q}]}]}`,
		p.title, p.month, p.day, 1+i%28, imagePath(i%images, ""), PostPath(i), p.title)
	b.WriteString(head{title: p.title, desc: desc, path: PostPath(i), ogType: "article", jsonLD: ld}.String())
	header(&b, fmt.Sprintf("post-template-default single single-post postid-%d single-format-standard", i), "/blog/")
	cat := categories[p.cat]
	fmt.Fprintf(&b, `<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Home</a> &raquo; <a href="/blog/">Blog</a> &raquo; <a href="/category/%s/">%s</a> &raquo; <span class="breadcrumb_last" aria-current="page">%s</span></nav>
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-%d" class="post-%d post type-post status-publish format-standard has-post-thumbnail category-%s">
<header class="entry-header"><h1 class="entry-title">%s</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="2025-%02d-%02dT09:00:00+00:00">%s %d, 2025</time></span> <span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/dana/">Dana Whitfield</a></span></span></div>
</header>
<div class="entry-content">
`, slug(cat), cat, p.title, i, i, slug(cat), p.title, p.month, p.day, months[p.month-1], p.day)
	if p.reviewed != "" {
		fmt.Fprintf(&b, "<p class=\"reviewed-by\">Medically reviewed by <a href=\"/about/team/\">Dr. Morgan Lee, PhD</a> on %s</p>\n", p.reviewed)
	} else {
		b.WriteString("<p class=\"reviewed-by\">Medically reviewed by <a href=\"/about/team/\">Dr. Morgan Lee, PhD</a></p>\n")
	}
	for k, para := range p.paras {
		switch {
		case k == 0 && p.dropCap:
			fmt.Fprintf(&b, "<p><span class=\"dropcap\">%s</span>%s</p>\n", para[:1], para[1:])
		case k == 0:
			fmt.Fprintf(&b, "<p>%s</p>\n", para)
		case k == 2:
			// An in-text link to another post, at a word boundary.
			cut := strings.IndexByte(para[20:], ' ') + 20
			j := related(i, 5, n)
			target := PostPath(j)
			switch {
			case i%50 == 0:
				target = "/blog/removed-post/" // a post that was deleted
			case i%200 == 1:
				target += "#missing-section" // a heading that was renamed
			}
			fmt.Fprintf(&b, "<p>%s <a href=%q>as we wrote about %s</a>%s</p>\n", para[:cut], target, strings.ToLower(categories[newPost(j).cat]), para[cut:])
		case k == 3:
			img := i % images
			alt := fmt.Sprintf(` alt="A quiet counseling room, photo %d"`, img)
			if i%97 == 0 {
				alt = ""
			}
			src := imagePath(img, "")
			if i%300 == 0 {
				src = "/wp-content/uploads/2019/01/old-photo.jpg" // a file lost in a migration
			}
			fmt.Fprintf(&b, `<figure class="wp-block-image size-large"><img decoding="async" width="768" height="512" src="%s"%s class="wp-image-%d" srcset="%s 768w, %s 300w" sizes="(max-width: 768px) 100vw, 768px"><figcaption class="wp-element-caption">%s</figcaption></figure>
<h2 id="section-%d-a" class="wp-block-heading">%s</h2>
<p>%s</p>
`, src, alt, 1000+img, imagePath(img, "768x512"), imagePath(img, "300x200"), sentence(rand.New(rand.NewPCG(9, uint64(i))), 7), i, strings.Join(strings.Fields(p.paras[k])[:6], " "), para)
		case k == 5:
			fmt.Fprintf(&b, "<h2 id=\"section-%d-b\" class=\"wp-block-heading\">What to try this week</h2>\n<ul class=\"wp-block-list\">\n", i)
			for _, s := range strings.SplitAfter(para, ". ") {
				fmt.Fprintf(&b, "<li>%s</li>\n", strings.TrimSpace(s))
			}
			b.WriteString("</ul>\n")
		case k == 7:
			fmt.Fprintf(&b, "<blockquote class=\"wp-block-quote\"><p>%s</p><cite>A client, shared with permission</cite></blockquote>\n", para)
		default:
			fmt.Fprintf(&b, "<p>%s</p>\n", para)
		}
	}
	b.WriteString("</div>\n<footer class=\"entry-footer\"><span class=\"cat-links\">Posted in ")
	fmt.Fprintf(&b, "<a href=\"/category/%s/\" rel=\"category tag\">%s</a></span> <span class=\"tags-links\">Tagged ", slug(cat), cat)
	for k, t := range p.tags {
		if k > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "<a href=\"/tag/%s/\" rel=\"tag\">%s</a>", tags[t], tags[t])
	}
	b.WriteString("</span></footer>\n</article>\n<nav class=\"navigation post-navigation\" aria-label=\"Posts\"><h2 class=\"screen-reader-text\">Post navigation</h2><div class=\"nav-links\">")
	if i > 1 {
		fmt.Fprintf(&b, "<div class=\"nav-previous\"><a href=%q rel=\"prev\"><span class=\"nav-subtitle\">Previous:</span> <span class=\"nav-title\">%s</span></a></div>", PostPath(i-1), newPost(i-1).title)
	}
	if i < n {
		fmt.Fprintf(&b, "<div class=\"nav-next\"><a href=%q rel=\"next\"><span class=\"nav-subtitle\">Next:</span> <span class=\"nav-title\">%s</span></a></div>", PostPath(i+1), newPost(i+1).title)
	}
	b.WriteString("</div></nav>\n<section class=\"related-posts\"><h3 class=\"related-title\">Related Posts</h3>\n")
	for k := range 3 {
		card(&b, newPost(related(i, k, n)), "h4")
	}
	b.WriteString("</section>\n</main></div>\n")
	sidebar(&b, n)
	footer(&b)
	return b.String()
}

// ListingPage returns page k (1-based) of the blog listing of a site of n posts.
func ListingPage(k, n int) string {
	last := listings(n)
	title := "Blog"
	if k > 1 {
		title = fmt.Sprintf("Blog - Page %d of %d", k, last)
	}
	var b strings.Builder
	b.Grow(24 << 10)
	b.WriteString(head{title: title, desc: fmt.Sprintf("Articles from Synthetic Clinic's counselors on relationships, family life, grief, stress and self-care, newest first: page %d of %d.", k, last), path: listingPath(k), ogType: "website"}.String())
	header(&b, "blog paged", "/blog/")
	fmt.Fprintf(&b, "<div id=\"primary\" class=\"content-area\"><main id=\"main\" class=\"site-main\">\n<header class=\"page-header\"><h1 class=\"page-title\">%s</h1></header>\n", title)
	// Newest first, as WordPress lists them.
	for i := n - (k-1)*PerListing; i > n-k*PerListing && i > 0; i-- {
		card(&b, newPost(i), "h2")
	}
	b.WriteString("<nav class=\"navigation pagination\" aria-label=\"Posts pagination\"><div class=\"nav-links\">\n")
	if k > 1 {
		fmt.Fprintf(&b, "<a class=\"prev page-numbers\" href=%q>&laquo; Previous</a>\n", listingPath(k-1))
	}
	prev := 0
	for _, m := range []int{1, k - 1, k, k + 1, last} {
		if m <= prev || m > last {
			continue
		}
		if m > prev+1 && prev > 0 {
			b.WriteString("<span class=\"page-numbers dots\">&hellip;</span>\n")
		}
		prev = m
		if m == k {
			fmt.Fprintf(&b, "<span aria-current=\"page\" class=\"page-numbers current\">%d</span>\n", m)
			continue
		}
		fmt.Fprintf(&b, "<a class=\"page-numbers\" href=%q>%d</a>\n", listingPath(m), m)
	}
	if k < last {
		fmt.Fprintf(&b, "<a class=\"next page-numbers\" href=%q>Next &raquo;</a>\n", listingPath(k+1))
	}
	b.WriteString("</div></nav>\n</main></div>\n")
	sidebar(&b, n)
	footer(&b)
	return b.String()
}

func homePage(n int) string {
	var b strings.Builder
	b.WriteString(head{title: "Counseling for Individuals, Couples and Families", desc: "Synthetic Clinic offers counseling for individuals, couples and families: therapy sessions, workshops and notes from our counselors.", path: "/", ogType: "website"}.String())
	header(&b, "home page-template-default page", "/")
	b.WriteString(`<div id="primary" class="content-area"><main id="main" class="site-main">
<section class="hero"><h1>Counseling for individuals, couples and families</h1>
<p>We help people listen, repair and trust again. <a class="button" href="/contact/">Book a session</a></p></section>
<section class="services"><h2>Our services</h2><ul>
<li><a href="/services/individual-therapy/">Individual Therapy</a></li>
<li><a href="/services/couples-counseling/">Couples Counseling</a></li>
<li><a href="/services/family-therapy/">Family Therapy</a></li>
</ul></section>
<section class="latest-posts"><h2>From the blog</h2>
`)
	for i := n; i > n-6 && i > 0; i-- {
		card(&b, newPost(i), "h3")
	}
	b.WriteString("<p><a href=\"/blog/\">All articles</a></p></section>\n</main></div>\n")
	sidebar(&b, n)
	footer(&b)
	return b.String()
}

func staticPage(path, title string, n int) string {
	seed := uint64(0)
	for _, c := range path {
		seed = seed*31 + uint64(c)
	}
	rng := rand.New(rand.NewPCG(11, seed))
	var b strings.Builder
	b.WriteString(head{title: title, desc: fmt.Sprintf("%s at Synthetic Clinic: %s", title, strings.TrimSuffix(sentence(rng, 14), ".")) + ".", path: path, ogType: "website"}.String())
	header(&b, "page-template-default page", path)
	fmt.Fprintf(&b, "<div id=\"primary\" class=\"content-area\"><main id=\"main\" class=\"site-main\">\n<article class=\"page type-page status-publish\"><header class=\"entry-header\"><h1 class=\"entry-title\">%s</h1></header>\n<div class=\"entry-content\">\n", title)
	for range 4 {
		fmt.Fprintf(&b, "<p>%s</p>\n", paragraph(rng))
	}
	b.WriteString("</div></article>\n</main></div>\n")
	sidebar(&b, n)
	footer(&b)
	return b.String()
}

// archivePage lists the ten newest posts that match, as a category or tag
// archive's first page does (without a pager: older posts are in /blog/).
func archivePage(title, path string, n int, match func(int) bool) string {
	var b strings.Builder
	b.WriteString(head{title: title, desc: fmt.Sprintf("Articles filed under %s at Synthetic Clinic, newest first, with links to every older article in the blog.", strings.ToLower(title)), path: path, ogType: "website"}.String())
	header(&b, "archive category", "/blog/")
	fmt.Fprintf(&b, "<div id=\"primary\" class=\"content-area\"><main id=\"main\" class=\"site-main\">\n<header class=\"page-header\"><h1 class=\"page-title\">%s</h1></header>\n", title)
	shown := 0
	for i := n; i > 0 && shown < PerListing; i-- {
		if match(i) {
			card(&b, newPost(i), "h2")
			shown++
		}
	}
	b.WriteString("</main></div>\n")
	sidebar(&b, n)
	footer(&b)
	return b.String()
}
