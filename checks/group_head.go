package checks

// headRules are the rules of one group: canonicals, indexability, hreflang,
// mixed content and structured data (issue 4).
var headRules = []*Check{
	CanonicalInvalid,
	HreflangInvalid,
	MixedContent,
	Noindex,
	StructuredData,
}
