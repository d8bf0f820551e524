package checks

import (
	"slices"
	"strings"
	"testing"
)

// TestReviewerLabelsMatchWholeTextSearch checks the windowed search finds
// exactly what the label regexp finds over the whole text.
func TestReviewerLabelsMatchWholeTextSearch(t *testing.T) {
	texts := []string{
		"Medically reviewed by Dana Whitfield, MD — Written by Sam Okafor — Updated on June 3, 2025",
		strings.Repeat("filler text with no label at all ", 50) + "Reviewed By:Dana WhitfieldUpdated OnJune 27, 2025",
		"Fact-checked by Ana Lima. Professionally reviewed by Jo Park. Peer reviewed by the board.",
		"Medizinisch geprüft von Dr. Anna Berg am 3. Juni 2025; relu par Marie Curie; revisado por Ana.",
		"Medical reviewer: Dr. Lee " + strings.Repeat("x", 200) + " Code reviewed by Bob",
		"Ünïcödé before — Reviewed by Zoë Ångström after",
		"no labels here, only a preview of things checked later",
	}
	for _, text := range texts {
		want := reviewerLabelRe.FindAllStringSubmatchIndex(text, -1)
		got := reviewerLabels(text)
		if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
			t.Errorf("reviewerLabels(%q) = %v, want %v", text, got, want)
		}
	}
}
