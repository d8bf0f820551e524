package checks

// siteRules are the rules of one group: site-wide SEO rules (issue 4).
var siteRules = []*Check{
	TitleDuplicate,
	MetaDescriptionDuplicate,
	DuplicateContent,
	OrphanPage,
	Sitemap,
	RobotsTxt,
}
