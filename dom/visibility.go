package dom

import (
	"strings"

	"golang.org/x/net/html"
)

// State says how an element is exposed, judged from the HTML alone (no CSS
// engine runs, so a stylesheet or media query can still hide a Visible element).
type State uint8

// The states, from most to least exposed. Order matters: an element's state is
// the most restrictive of its own and its ancestors'.
const (
	Visible   State = iota // shown to everyone
	Collapsed              // inside a closed <details> or hidden="until-found": one click away
	ATOnly                 // visually hidden but read by screen readers (.screen-reader-text)
	Hidden                 // exposed to nobody: hidden, aria-hidden, inert, display:none, <template>
)

func (s State) String() string {
	switch s {
	case Visible:
		return "visible"
	case Collapsed:
		return "collapsed"
	case ATOnly:
		return "screen-reader only"
	default:
		return "hidden"
	}
}

// hiddenClasses are class names that themes use only to hide an element.
// Avada's rich-snippet-hidden wraps hAtom metadata that text extractors still read.
var hiddenClasses = map[string]bool{
	"rich-snippet-hidden": true, "hidden": true, "d-none": true, "is-hidden": true, "hide": true,
}

// atOnlyClasses visually hide text that screen readers still announce.
var atOnlyClasses = map[string]bool{
	"screen-reader-text": true, "sr-only": true, "visually-hidden": true,
	"elementor-screen-only": true, "show-for-sr": true, "screen-reader-only": true,
}

// OwnState is the state an element asks for by itself, ignoring its ancestors.
func OwnState(n *html.Node) State {
	if n == nil || n.Type != html.ElementNode {
		return Visible
	}
	switch n.Data {
	case "template", "noscript", "script", "style":
		return Hidden
	case "dialog":
		if _, open := Attr(n, "open"); !open {
			return Hidden
		}
	}
	state := Visible
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "until-found") {
				state = max(state, Collapsed)
			} else {
				return Hidden
			}
		case "inert":
			return Hidden
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return Hidden
			}
		case "style":
			if styleHides(a.Val) {
				return Hidden
			}
		case "class":
			state = max(state, classState(a.Val))
		}
	}
	if state == Hidden {
		return Hidden
	}
	if p := n.Parent; p != nil && IsElement(p, "details") {
		if _, open := Attr(p, "open"); !open && !IsElement(n, "summary") {
			state = max(state, Collapsed)
		}
	}
	return state
}

// classState reads the class attribute. A hiding class next to a responsive
// display class (Bootstrap "d-none d-lg-flex", Tailwind "hidden md:flex")
// means "shown on some screens", which counts as visible.
func classState(class string) State {
	state := Visible
	responsive := false
	for t := range strings.FieldsSeq(class) {
		switch {
		case hiddenClasses[t]:
			state = max(state, Hidden)
		case atOnlyClasses[t]:
			state = max(state, ATOnly)
		case isResponsiveDisplay(t):
			responsive = true
		}
	}
	if state == Hidden && responsive {
		return Visible
	}
	return state
}

// responsivePrefixes start Bootstrap's d-{breakpoint}-{display} and
// Tailwind's {breakpoint}: classes.
var responsivePrefixes = []string{
	"d-sm-", "d-md-", "d-lg-", "d-xl-", "d-xxl-",
	"sm:", "md:", "lg:", "xl:", "2xl:",
}

func isResponsiveDisplay(tok string) bool {
	if len(tok) < 3 || (tok[0] != 'd' && !strings.Contains(tok, ":")) {
		return false
	}
	for _, p := range responsivePrefixes {
		if strings.HasPrefix(tok, p) {
			return true
		}
	}
	return false
}

// styleHides reports whether an inline style sets display:none or visibility:hidden.
func styleHides(style string) bool {
	s := strings.ToLower(style)
	if !strings.Contains(s, "none") && !strings.Contains(s, "hidden") {
		return false
	}
	for _, decl := range strings.Split(s, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		prop = strings.TrimSpace(prop)
		val = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(val), "!important"))
		if (prop == "display" && val == "none") || (prop == "visibility" && val == "hidden") {
			return true
		}
	}
	return false
}

// StateOf is the effective state of n: the most restrictive state of n and
// its ancestors.
func StateOf(n *html.Node) State {
	state := Visible
	for ; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		state = max(state, OwnState(n))
		if state == Hidden {
			return Hidden
		}
	}
	return state
}

// HiddenBy names what hides n ("aria-hidden", "class rich-snippet-hidden", …)
// for messages, or "" when n is not hidden.
func HiddenBy(n *html.Node) string {
	for ; n != nil; n = n.Parent {
		if n.Type != html.ElementNode || OwnState(n) < ATOnly {
			continue
		}
		if n.Data == "template" || n.Data == "noscript" || n.Data == "dialog" {
			return "<" + n.Data + ">"
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "hidden", "inert", "aria-hidden":
				return a.Key
			case "style":
				if styleHides(a.Val) {
					return "inline style"
				}
			case "class":
				for t := range strings.FieldsSeq(a.Val) {
					if hiddenClasses[t] || atOnlyClasses[t] {
						return "class " + t
					}
				}
			}
		}
	}
	return ""
}
