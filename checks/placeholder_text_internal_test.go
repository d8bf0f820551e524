package checks

import (
	"strings"
	"testing"
)

func TestPlaceholderStandaloneNote(t *testing.T) {
	for text, want := range map[string]bool{
		"TODO":                               true,
		"TODO: add the map":                  true,
		"TODO add the map":                   true,
		"(TODO)":                             true,
		"Opening hours: TODO":                true,
		"Pricing is FIXME!":                  true,
		"check the TODO list first":          false,
		"open TODO.txt":                      false,
		"the TODO-list app":                  false,
		"see docs/TODO/index":                false,
		"call FIXME_LATER()":                 false,
		"we keep a TODO file and a TODO log": false,
	} {
		loc := strings.Index(text, "TODO")
		n := 4
		if loc < 0 {
			loc, n = strings.Index(text, "FIXME"), 5
		}
		if got := placeholderStandaloneNote(text, loc, loc+n, nil); got != want {
			t.Errorf("placeholderStandaloneNote(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestPlaceholderFiller(t *testing.T) {
	for text, want := range map[string]bool{
		"Lorem ipsum dolor sit amet, consectetur": true,
		"Lorem Ipsum": true,
		"Lorem ipsum is scrambled Cicero that designers use": false,
		"Why we stopped designing with lorem ipsum":          false,
	} {
		loc := strings.Index(strings.ToLower(text), "lorem ipsum")
		end := loc + len("lorem ipsum")
		if strings.HasPrefix(strings.ToLower(text[loc:]), "lorem ipsum dolor sit amet") {
			end = loc + len("lorem ipsum dolor sit amet")
		}
		if got := placeholderFiller(text, loc, end, nil); got != want {
			t.Errorf("placeholderFiller(%q) = %v, want %v", text, got, want)
		}
	}
}
