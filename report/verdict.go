package report

import (
	"path/filepath"
	"strings"

	"github.com/pagelint/pagelint/checks"
)

// failing reports whether f counts toward --fail-on, as the exit code does:
// at or above the threshold and, when the run compared with a baseline, not
// already in it. The CI formats (junit failures, the markdown verdict, the
// github annotation level of known findings) all ask this one question so
// that they never disagree with the exit code.
func failing(run Run, f checks.Finding) bool {
	if run.Baseline != nil && f.Baseline == "known" {
		return false
	}
	return run.FailOn.Fails([]checks.Finding{f})
}

// countFailing is the number of findings of run that fail it.
func countFailing(run Run) int {
	n := 0
	for _, f := range run.Findings {
		if failing(run, f) {
			n++
		}
	}
	return n
}

// sourcePath is the finding's file as a slash-separated path relative to
// the source root (--source-root, the repository), the path GitHub code
// scanning, annotations and GitLab expect. ok is false in crawl mode, for a
// finding without a file, and for a file outside the source root: a path
// with "../" names nothing in the repository. Without a source root, a
// relative site root still gives a path relative to where pagelint ran.
func sourcePath(run Run, f checks.Finding) (path string, ok bool) {
	if run.Mode != "check" || f.File == "" {
		return "", false
	}
	full := filepath.Join(run.SiteRoot, filepath.FromSlash(f.File))
	if run.SourceRoot == "" {
		if filepath.IsAbs(full) {
			return "", false
		}
		return insideRoot(full)
	}
	rel, err := filepath.Rel(run.SourceRoot, full)
	if err != nil {
		return "", false
	}
	return insideRoot(rel)
}

// insideRoot accepts a clean relative path that does not climb out of its
// root.
func insideRoot(rel string) (string, bool) {
	rel = filepath.ToSlash(filepath.Clean(rel))
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") || filepath.IsAbs(rel) {
		return "", false
	}
	return rel, true
}

// absFile is the finding's file as an absolute path, when the site root is
// absolute (check mode); SARIF falls back to it, as a file URI, for a file
// outside the source root.
func absFile(run Run, f checks.Finding) (string, bool) {
	if run.Mode != "check" || f.File == "" {
		return "", false
	}
	full := filepath.Join(run.SiteRoot, filepath.FromSlash(f.File))
	return full, filepath.IsAbs(full)
}

// rulesOf is the rules a run used (checks.All when the run did not say), in
// their order, followed by any rule that has findings but is not among them
// (a rule the CLI did not list, or a finding from a newer engine), so that
// every finding has a rule to point at.
func rulesOf(run Run) []*checks.Check {
	rules := run.Rules
	if rules == nil {
		rules = checks.All()
	}
	out := append([]*checks.Check{}, rules...)
	known := map[string]bool{}
	for _, c := range out {
		known[c.ID] = true
	}
	for _, f := range run.Findings {
		if !known[f.Rule] {
			known[f.Rule] = true
			out = append(out, &checks.Check{ID: f.Rule, Severity: f.Severity})
		}
	}
	return out
}
