// Package crawler reads a site and hands its pages to a handler: Folder
// walks a built site on disk (the check command), Crawler fetches a live site
// with colly (the crawl command). Both record the outcome of every link
// target in the page.Site, so the rules judge links without doing I/O.
//
// It imports page; never checks or report.
package crawler
