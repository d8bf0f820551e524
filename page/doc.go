// Package page is the model that crawling and checking share: a Page while
// its page rules run (URL, response, source bytes, parsed document, links),
// the small Summary kept of it afterwards, and the Site that gathers the
// summaries and the outcome of every link target.
//
// It is a leaf of the project: crawler and checks both import it and never
// each other. It imports only dom and the HTML libraries.
package page
