// Package checks is the rule engine: the registry of rules (All), the passes
// that hand them a page or the whole site, and the Runner that turns pages
// into sorted, fingerprinted findings.
//
// Rules judge facts the crawler gathered; they never do I/O and never import
// crawler or report (a depguard rule in .golangci.yml keeps it so). They may
// import page and dom.
package checks
