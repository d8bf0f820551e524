package checks

// DuplicateNav is a placeholder until the rule lands; it reports nothing.
var DuplicateNav = &Check{
	ID:       "duplicate-nav",
	Severity: Warning,
	Summary:  "TODO",
	Doc:      "TODO",
	Help:     "TODO",
	Page:     func(*PagePass) error { return nil },
}
