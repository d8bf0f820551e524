package checks

import (
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/pagelint/pagelint/dom"
	"golang.org/x/net/html"
)

// ImageAlt flags images without alt text, links whose only content is an
// image with empty alt, and alt text that is a file name or a placeholder
// word (issue 4, rules-research §6; axe image-alt and link-name).
var ImageAlt = &Check{
	ID:       "image-alt",
	Severity: Warning,
	Summary:  "an image has no alt text, a linked image leaves its link nameless, or alt is a file name",
	Doc: `Flags, for each <img> a reader can see:
- no alt attribute at all (a warning), unless the image has role="none"/"presentation", or is
  named by aria-label, aria-labelledby or title;
- alt="" on the only content of a link (a warning): the image is then decorative, so the link
  has no name and screen readers read out its URL;
- alt text that is a file name ("IMG_1234.jpg", "hero-banner-2" for hero-banner-2.png, a camera
  name like "DSC01234" or "PXL_20250101") or a placeholder word ("image", "photo", "picture",
  "untitled", Canva's "Untitled design") (info).
Hidden images (aria-hidden, display:none, a hidden class, inside <template>) and 1×1 tracking
pixels are skipped, and so are pages that are not content (not status 200, redirect stubs,
partials). alt="" on an image that is not the only content of a link is correct: it
marks a decorative image.

Why: alt text is what screen readers announce and what search engines index for images; an
image without alt is announced by its file name, a linked image without alt makes a link with
no name.

Fix: describe what the image shows or does; give purely decorative images alt="".

  bad:  <a href="/"><img src="/img/logo.png" alt=""></a>
  good: <a href="/"><img src="/img/logo.png" alt="Harbor Light Counseling, home"></a>`,
	Help: `Add alt text that says what the image shows (or where its link goes); use alt="" only for decorative images.`,
	Page: imageAlt,
}

func imageAlt(p *PagePass) error {
	h := seoHeadOf(p)
	seoHeadFacts(p, h)
	// Partials: their images are judged on the pages that include them;
	// error pages and redirect stubs: once, not once per URL that shows them.
	if !h.content(p) {
		return nil
	}
	namedLinks := map[*html.Node]bool{} // links already judged
	for _, img := range h.imgs {
		if dom.StateOf(img) == dom.Hidden || imageAltSkip(img) {
			continue
		}
		src := imageAltSrc(img)
		alt, hasAlt := dom.Attr(img, "alt")
		link := dom.Closest(img, func(n *html.Node) bool { return n.Data == "a" && dom.AttrOr(n, "href") != "" })
		switch {
		case !hasAlt:
			if dom.FoldSpace(dom.AttrOr(img, "aria-label")) != "" || strings.TrimSpace(dom.AttrOr(img, "aria-labelledby")) != "" ||
				dom.FoldSpace(dom.AttrOr(img, "title")) != "" {
				continue
			}
			if link != nil {
				namedLinks[link] = true // one finding for one cause: this one
			}
			p.Reportf(img, "image has no alt attribute: %q", src)
		case dom.FoldSpace(alt) == "":
			if link == nil || namedLinks[link] {
				continue
			}
			namedLinks[link] = true
			if imageAltLinkLacksAlt(link) || seoHeadName(link) != "" {
				continue
			}
			p.Reportf(link, "link has no name: its image %q has an empty alt and the link has no other text", src)
		default:
			if why := imageAltPoor(dom.FoldSpace(alt), src); why != "" {
				p.Report(Issue{Node: img, Severity: Info, Message: why})
			}
		}
	}
	return nil
}

// imageAltSkip reports images that need no alt: presentational roles and
// tracking pixels.
func imageAltSkip(img *html.Node) bool {
	switch strings.ToLower(strings.TrimSpace(dom.AttrOr(img, "role"))) {
	case "none", "presentation":
		return true
	}
	w, wok := imageAltPixels(dom.AttrOr(img, "width"))
	h, hok := imageAltPixels(dom.AttrOr(img, "height"))
	return wok && hok && w <= 1 && h <= 1
}

// imageAltPixels reads a width or height attribute ("1", "1px").
func imageAltPixels(v string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), "px"))
	return n, err == nil
}

// imageAltLinkLacksAlt reports whether a link (or any element) holds a
// visible image with no alt attribute: that image is reported, so the
// element is not reported again for the same cause.
func imageAltLinkLacksAlt(link *html.Node) bool {
	found := false
	dom.Walk(link, func(n *html.Node) bool {
		if found || dom.OwnState(n) == dom.Hidden {
			return false
		}
		if n.Type == html.ElementNode && n.Data == "img" && n.Namespace == "" && !imageAltSkip(n) {
			if _, ok := dom.Attr(n, "alt"); !ok {
				found = true
			}
		}
		return !found
	})
	return found
}

// imageAltSrc is the image's source for messages: src, else the lazy-load
// data-src, else the first srcset candidate.
func imageAltSrc(img *html.Node) string {
	for _, key := range []string{"src", "data-src", "data-lazy-src"} {
		if v := strings.TrimSpace(dom.AttrOr(img, key)); v != "" && !strings.HasPrefix(v, "data:") {
			return imageAltShort(v)
		}
	}
	if f := strings.Fields(dom.AttrOr(img, "srcset")); len(f) > 0 {
		return imageAltShort(f[0])
	}
	return imageAltShort(dom.AttrOr(img, "src"))
}

func imageAltShort(s string) string {
	if len(s) > 100 {
		return s[:97] + "..."
	}
	return s
}

var (
	// imageAltFileRe is alt text that is a file name: one word ending in an
	// image extension ("IMG_1234.jpg", "../_images/plot.png").
	imageAltFileRe = regexp.MustCompile(`(?i)^\S+\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic|ico)$`)
	// imageAltCameraRe is a camera or phone file name without its extension.
	imageAltCameraRe = regexp.MustCompile(`(?i)^(?:img|dsc|dscn|dscf|dcim|pxl|mvimg|gopr|wp|screenshot|screen shot)[_\- ]?\d{3,}`)
	// imageAltWordRe is alt text that is only a placeholder word.
	imageAltWordRe = regexp.MustCompile(`(?i)^(?:an? )?(?:image|img|photo|photograph|picture|pic|graphic|untitled)(?: ?-?\d+)?$|^untitled design\b`)
	// imageAltSlugRe marks a file stem that reads as a slug, not words: a
	// letter and a hyphen, underscore or digit ("hero-banner-2", "ball1"),
	// so that a callout image 1.png with alt "1" is fine.
	imageAltSlugRe = regexp.MustCompile(`^(?:\pL.*[-_0-9]|[-_0-9].*\pL)`)
)

// imageAltPoor says why alt text does not describe the image, or "".
func imageAltPoor(alt, src string) string {
	trimmed := strings.Trim(alt, ".,;:!?\"'()[] ")
	switch {
	case imageAltFileRe.MatchString(alt):
		return "alt text is a file name: " + strconv.Quote(alt)
	case imageAltCameraRe.MatchString(trimmed):
		return "alt text is a camera file name: " + strconv.Quote(alt)
	case imageAltWordRe.MatchString(trimmed):
		return "alt text is a placeholder word, not a description: " + strconv.Quote(alt)
	}
	if u := strings.TrimSpace(src); u != "" {
		base := path.Base(strings.SplitN(strings.SplitN(u, "?", 2)[0], "#", 2)[0])
		stem := strings.TrimSuffix(base, path.Ext(base))
		if len(stem) >= 4 && strings.EqualFold(stem, trimmed) && imageAltSlugRe.MatchString(stem) {
			return "alt text is the image's file name: " + strconv.Quote(alt)
		}
	}
	return ""
}
