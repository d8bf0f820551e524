package checks

// leftoverRules are the rules of one group: template leftovers: placeholder-text, empty-section, generic-link-text (issue 4).
var leftoverRules = []*Check{}
