package checks

// seoRules are the rules of one group: page SEO rules (issue 4).
var seoRules = []*Check{
	TitleMissing,
	TitleLength,
	MetaDescriptionMissing,
	MetaDescriptionLength,
	H1Missing,
	H1Multiple,
	HTMLLang,
	ImageAlt,
	OpenGraph,
}
