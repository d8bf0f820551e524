package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pagelint/pagelint/checks"
)

// junitDoc is the JUnit report as a reader sees it, decoded independently
// of the writer's structs.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			ClassName string `xml:"classname,attr"`
			Name      string `xml:"name,attr"`
			File      string `xml:"file,attr"`
			Failures  []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func decodeJUnit(t *testing.T, run Run) junitDoc {
	t.Helper()
	out := render(t, "junit", run, Options{})
	var doc junitDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("junit output does not parse: %v\n%s", err, out)
	}
	return doc
}

// TestJUnitCounts parses each report back and checks that the counts are
// those of its test cases, that there is one failure per finding that
// fails the run (so the failures match the exit code), each test case
// holds at most one failure, and class and name pairs are unique (GitLab
// merges test cases that share them).
func TestJUnitCounts(t *testing.T) {
	for name, run := range map[string]Run{"sample": sampleRun, "check": checkRun, "empty": emptyRun, "baseline": baselineRun,
		"fail on info": func() Run { r := sampleRun; r.FailOn = checks.FailOn{Min: checks.Info}; return r }(),
		"never":        func() Run { r := sampleRun; r.FailOn = checks.FailOn{Never: true}; return r }(),
	} {
		t.Run(name, func(t *testing.T) {
			doc := decodeJUnit(t, run)
			if doc.Name != "pagelint" {
				t.Errorf("testsuites name = %q", doc.Name)
			}
			tests, failures := 0, 0
			seen := map[string]bool{}
			for _, s := range doc.Suites {
				sf := 0
				for _, c := range s.Cases {
					if len(c.Failures) > 1 {
						t.Errorf("%s %s: %d failures in one test case", c.ClassName, c.Name, len(c.Failures))
					}
					sf += len(c.Failures)
					key := c.ClassName + "\x00" + c.Name
					if seen[key] {
						t.Errorf("test case %s %s twice", c.ClassName, c.Name)
					}
					seen[key] = true
					if s.Name != "pagelint" && c.ClassName != s.Name {
						t.Errorf("test case class %q in suite %q", c.ClassName, s.Name)
					}
				}
				if s.Tests != len(s.Cases) || s.Failures != sf {
					t.Errorf("suite %s says %d tests %d failures, has %d and %d", s.Name, s.Tests, s.Failures, len(s.Cases), sf)
				}
				tests += s.Tests
				failures += sf
			}
			if doc.Tests != tests || doc.Failures != failures {
				t.Errorf("testsuites says %d tests %d failures, suites have %d and %d", doc.Tests, doc.Failures, tests, failures)
			}
			if want := countFailing(run); failures != want {
				t.Errorf("%d failures, want %d (the findings that fail the run)", failures, want)
			}
			if tests == 0 {
				t.Errorf("no test case at all")
			}
		})
	}
}

func TestJUnitFailOn(t *testing.T) {
	count := func(r Run) int { return decodeJUnit(t, r).Failures }
	r := sampleRun
	for _, tc := range []struct {
		failOn checks.FailOn
		want   int
	}{
		{checks.FailOn{Min: checks.Error}, 2},
		{checks.FailOn{Min: checks.Warning}, 6},
		{checks.FailOn{Min: checks.Info}, 7},
		{checks.FailOn{Never: true}, 0},
	} {
		r.FailOn = tc.failOn
		if got := count(r); got != tc.want {
			t.Errorf("fail-on %+v: %d failures, want %d", tc.failOn, got, tc.want)
		}
	}
	// With a baseline only new findings fail: baselineRun has one new
	// finding at or above warning and a known error that must not fail.
	if got := count(baselineRun); got != 1 {
		t.Errorf("baseline: %d failures, want 1", got)
	}
	doc := decodeJUnit(t, baselineRun)
	if !strings.Contains(doc.Suites[1].Cases[0].SystemOut, "/old/: no such file (known)") {
		t.Errorf("known finding not listed in system-out: %+v", doc.Suites[1].Cases[0])
	}
}

// TestJUnitHostileText: XML-significant and XML-illegal characters from a
// page neither break the document nor reach it.
func TestJUnitHostileText(t *testing.T) {
	const evil = "a<b>&\"'c]]>d\x00\x01\x08\x0b\x0c\x0e\x1f\x1b[2J\ufffe\uffff\u202e\xffz\n<failure>"
	run := Run{Mode: "check", SiteRoot: "/r", SourceRoot: "/r", Complete: false, Pages: 1, FailOn: checks.FailOn{Min: checks.Warning},
		Target: evil, Notices: []string{evil},
		Findings: []checks.Finding{
			{Rule: "r" + evil, Severity: checks.Error, URL: "/" + evil, File: "f" + evil + ".html", Line: 2,
				Target: evil, Message: "m" + evil, Evidence: evil, Help: evil, Fingerprint: evil},
			{Rule: "r" + evil, Severity: checks.Info, URL: "/" + evil, File: "f" + evil + ".html", Message: "i" + evil, Fingerprint: "x"},
		},
	}
	out := render(t, "junit", run, Options{})
	if !utf8.Valid(out) {
		t.Errorf("output is not UTF-8")
	}
	for _, r := range string(out) {
		if (r < 0x20 && r != '\n') || r == 0xfffe || r == 0xffff || (r >= 0x7f && r <= 0x9f) || isBidiControl(r) {
			t.Errorf("character %U in the output", r)
		}
	}
	doc := decodeJUnit(t, run)
	if doc.Failures != 1 || len(doc.Suites) != 2 || len(doc.Suites[1].Cases) != 1 {
		t.Fatalf("structure changed by the text: %+v\n%s", doc, out)
	}
	c := doc.Suites[1].Cases[0]
	if want := "ma<b>&\"'c]]>d���  ���[2J��z <failure>"; c.Failures[0].Message != want {
		t.Errorf("failure message = %q, want %q", c.Failures[0].Message, want)
	}
	if !strings.Contains(c.Failures[0].Text, "c]]>d") || !strings.Contains(c.SystemOut, "info: ia<b>") {
		t.Errorf("text not kept through CDATA:\n%s", out)
	}
	if bytes.Count(out, []byte("<failure ")) != 1 {
		t.Errorf("a page made a <failure> element:\n%s", out)
	}
}

func TestXMLText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain <&>", "plain <&>"},
		{"a\x00b\x0bc\ufffed\uffffe", "a�b cde"},
		{"line\nbreak", "line break"},
	} {
		if got := xmlText(tc.in); got != tc.want {
			t.Errorf("xmlText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
