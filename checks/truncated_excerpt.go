package checks

// TruncatedExcerpt is a placeholder until the rule lands; it reports nothing.
var TruncatedExcerpt = &Check{
	ID:       "truncated-excerpt",
	Severity: Warning,
	Summary:  "TODO",
	Doc:      "TODO",
	Help:     "TODO",
	Page:     func(*PagePass) error { return nil },
}
