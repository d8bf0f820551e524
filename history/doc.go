// Package history keeps every run of pagelint in one SQLite file, so that a
// scheduled crawl can say what broke and what got fixed since last time.
//
// The file is an ordinary SQLite database written with a pure Go driver
// (modernc.org/sqlite, no cgo). Its schema is versioned by PRAGMA
// user_version and brought up to date by the migrations in schema.go when it
// is opened. Each run is written in one transaction, so a run killed while it
// is being stored leaves no trace and the runs before it intact; a run that
// was interrupted before its report (SIGINT, --max-duration) is stored whole
// with complete = false.
//
// It imports checks; cmd and diff import it.
package history
