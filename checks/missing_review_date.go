package checks

// MissingReviewDate is a placeholder until the rule lands; it reports nothing.
var MissingReviewDate = &Check{
	ID:       "missing-review-date",
	Severity: Warning,
	Summary:  "TODO",
	Doc:      "TODO",
	Help:     "TODO",
	Page:     func(*PagePass) error { return nil },
}
