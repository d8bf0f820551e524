package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/pagelint/pagelint/checks"
)

// JUnit XML, as GitLab (artifacts:reports:junit), Jenkins (junit step) and
// CircleCI (store_test_results) display it. There is no one JUnit schema;
// this keeps to what all three read:
//
//   - <testsuites name="pagelint" tests failures> around one <testsuite> per
//     page with findings (name = the page url), after a first suite,
//     "pagelint", holding one passing test case "run" whose output says what
//     was checked and carries the run's notices. A clean run is then one
//     passing test, not an empty report that some readers reject.
//   - Each finding that fails the build (at or above --fail-on and, with a
//     baseline, new) is a <testcase classname=page url name=rule id> with one
//     <failure message type=severity>. Jenkins shows only the first failure
//     of a test case and GitLab merges test cases with the same class and
//     name, so every failing finding is a test case of its own: the second
//     and later of one rule on one page are named "rule-id (2)", "rule-id
//     (3)", … in the engine's order.
//   - A rule whose findings on a page all stay below the threshold (or are
//     known) is one passing test case named by the rule. The findings of a
//     rule that do not fail the build are listed in the <system-out> of the
//     rule's first test case on the page.
//
// Text from pages goes through clean (no control characters, one line per
// finding) and loses the two code points XML 1.0 forbids that clean keeps
// (U+FFFE, U+FFFF); encoding/xml escapes the rest, and the free text is
// CDATA.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
	SystemOut *junitOutput  `xml:"system-out"`
}

// junitOutput is free text. CDATA keeps its lines readable in the file
// (character data would turn each newline into &#xA;); encoding/xml splits
// a "]]>" inside it.
type junitOutput struct {
	Text string `xml:",cdata"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

func toJUnit(run Run) junitSuites {
	out := junitSuites{Name: toolName, Suites: []junitSuite{runSuite(run)}}

	var order []string
	byURL := map[string][]checks.Finding{}
	for _, f := range run.Findings {
		if _, seen := byURL[f.URL]; !seen {
			order = append(order, f.URL)
		}
		byURL[f.URL] = append(byURL[f.URL], f)
	}
	for _, url := range order {
		out.Suites = append(out.Suites, pageSuite(run, url, byURL[url]))
	}
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
	}
	return out
}

// runSuite is the "pagelint" suite: one passing test case telling what was
// checked, how it ended, and the notices.
func runSuite(run Run) junitSuite {
	var b strings.Builder
	state := "complete"
	if !run.Complete {
		state = "incomplete"
	}
	fmt.Fprintf(&b, "%s checked", plural(run.Pages, "page", "pages"))
	if run.Target != "" {
		fmt.Fprintf(&b, " from %s", xmlText(run.Target))
	}
	fmt.Fprintf(&b, " (%s): %s", state, plural(len(run.Findings), "finding", "findings"))
	if n := countFailing(run); n > 0 {
		fmt.Fprintf(&b, ", %d failing", n)
	}
	b.WriteString("\n")
	for _, n := range run.Notices {
		fmt.Fprintf(&b, "notice: %s\n", xmlText(n))
	}
	return junitSuite{Name: toolName, Tests: 1, Cases: []junitCase{{ClassName: toolName, Name: "run", SystemOut: &junitOutput{b.String()}}}}
}

// pageSuite is one page's suite: its findings grouped by rule in the order
// the rules first appear.
func pageSuite(run Run, url string, fs []checks.Finding) junitSuite {
	class := xmlText(url)
	s := junitSuite{Name: class}
	var rules []string
	byRule := map[string][]checks.Finding{}
	for _, f := range fs {
		if _, seen := byRule[f.Rule]; !seen {
			rules = append(rules, f.Rule)
		}
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	for _, rule := range rules {
		var cases []junitCase
		var quiet strings.Builder
		file := ""
		for _, f := range byRule[rule] {
			if p, ok := sourcePath(run, f); ok {
				file = xmlText(p)
			}
			if !failing(run, f) {
				quiet.WriteString(junitLine(run, f) + "\n")
				continue
			}
			name := xmlText(rule)
			if len(cases) > 0 {
				name += " (" + strconv.Itoa(len(cases)+1) + ")"
			}
			cases = append(cases, junitCase{
				ClassName: class, Name: name,
				Failure: &junitFailure{
					Message: xmlText(f.Message),
					Type:    f.Severity.String(),
					Text:    junitDetail(run, f),
				},
			})
		}
		if len(cases) == 0 {
			cases = append(cases, junitCase{ClassName: class, Name: xmlText(rule)})
		}
		for i := range cases {
			cases[i].File = file
		}
		if quiet.Len() > 0 {
			cases[0].SystemOut = &junitOutput{quiet.String()}
		}
		s.Cases = append(s.Cases, cases...)
	}
	s.Tests = len(s.Cases)
	for _, c := range s.Cases {
		if c.Failure != nil {
			s.Failures++
		}
	}
	return s
}

// junitLine is one finding on one line, for <system-out>:
// "line 88: warning: excerpt ends mid-word (known)".
func junitLine(run Run, f checks.Finding) string {
	var b strings.Builder
	if f.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", f.Line)
	}
	fmt.Fprintf(&b, "%s: %s", f.Severity, xmlText(f.Message))
	if run.Baseline != nil && f.Baseline != "" {
		fmt.Fprintf(&b, " (%s)", f.Baseline)
	}
	return b.String()
}

// junitDetail is the body of a failure: where, what, and how to fix it.
func junitDetail(run Run, f checks.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s on %s", f.Severity, xmlText(f.Rule), xmlText(f.URL))
	if p, ok := sourcePath(run, f); ok {
		fmt.Fprintf(&b, " (%s", xmlText(p))
		if f.Line > 0 {
			fmt.Fprintf(&b, ":%d", f.Line)
		}
		b.WriteString(")")
	} else if f.Line > 0 {
		fmt.Fprintf(&b, " line %d", f.Line)
	}
	if run.Baseline != nil && f.Baseline != "" {
		fmt.Fprintf(&b, " (%s)", f.Baseline)
	}
	fmt.Fprintf(&b, "\n%s\n", xmlText(f.Message))
	if f.Target != "" {
		fmt.Fprintf(&b, "target: %s\n", xmlText(f.Target))
	}
	if f.Evidence != "" {
		fmt.Fprintf(&b, "evidence: %s\n", xmlText(f.Evidence))
	}
	if f.Help != "" {
		fmt.Fprintf(&b, "fix: %s\n", xmlText(f.Help))
	}
	fmt.Fprintf(&b, "fingerprint: %s\n", xmlText(f.Fingerprint))
	return b.String()
}

// xmlText is page text made safe for a JUnit report: clean, then without
// the noncharacters U+FFFE and U+FFFF, which XML 1.0 does not allow.
// (clean already replaced every C0 control, the other characters XML 1.0
// forbids.)
func xmlText(s string) string {
	s = clean(s)
	if !strings.ContainsAny(s, "\uFFFE\uFFFF") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\uFFFE' || r == '\uFFFF' {
			return -1
		}
		return r
	}, s)
}

// writeJUnit writes the report with an XML declaration, indented with two
// spaces, with a final newline.
func writeJUnit(w io.Writer, run Run, _ Options) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(toJUnit(run)); err != nil {
		return fmt.Errorf("encode junit report: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("encode junit report: %w", err)
	}
	buf.WriteString("\n")
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	return nil
}
