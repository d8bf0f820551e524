package checks

// seoRules are the rules of one group: page SEO rules (issue 4).
var seoRules = []*Check{}
