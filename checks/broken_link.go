package checks

// BrokenLink is a placeholder until the rule lands; it reports nothing.
var BrokenLink = &Check{
	ID:       "broken-link",
	Severity: Error,
	Summary:  "TODO",
	Doc:      "TODO",
	Help:     "TODO",
	Page:     func(*PagePass) error { return nil },
}
