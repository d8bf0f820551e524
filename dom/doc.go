// Package dom holds the small, shared helpers that read an x/net/html tree the
// way a reader would: attribute access, whether an element is exposed to
// people and assistive technology, and the text it shows.
//
// It is a leaf: it imports only golang.org/x/net/html, so both page (the model)
// and checks (the rules) can use it and agree on what "visible" means.
package dom
