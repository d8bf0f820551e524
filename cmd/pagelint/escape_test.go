package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/report"
)

// hostileText is page text that tries to rewrite a terminal, a CI log, a
// markdown table, a JUnit file or an HTML report.
const hostileText = "Title \x1b[31mred\x1b[0m\r\x08\x00 ::error::pwned\n::error file=x::injected\n##[error]azure " +
	"</failure></testcase></testsuite></testsuites> ]]> | a | b <script>alert(1)</script> <img src=x onerror=alert(2)> `code` \u202eevil"

// TestReportsEscapePageText renders a finding full of hostile page text in
// every format and checks that none of it escapes its field.
func TestReportsEscapePageText(t *testing.T) {
	f := checks.Finding{
		Rule: "title-length", Severity: checks.Error, URL: "https://example.org/a?q=" + hostileText, Path: "/a",
		Line: 3, Target: "https://example.org/t#" + hostileText, Message: "title " + hostileText + " is too long",
		Evidence: "<title>" + hostileText + "</title>", Fingerprint: "0123456789abcdef", Help: "shorten it",
	}
	run := report.Run{
		Target: "https://example.org/", Pages: 1, Complete: false, Notices: []string{"could not parse " + hostileText},
		Findings: []checks.Finding{f}, Mode: "crawl", ToolVersion: "test",
	}
	ansi := regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f]")
	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.Write(&buf, format, run, report.Options{}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if format == "html" {
				// A file for a browser: markup must be escaped (checked
				// below); line breaks and control characters are inert there.
				out = ansi.ReplaceAllString(strings.ReplaceAll(out, "\n", " "), " ")
			}
			if loc := ansi.FindStringIndex(out); loc != nil {
				t.Errorf("a control character reached the output: %q", out[max(loc[0]-30, 0):min(loc[1]+30, len(out))])
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "::error::pwned") || strings.HasPrefix(line, "::error file=x") || strings.HasPrefix(line, "##[error]") {
					t.Errorf("page text started a workflow command: %q", line)
				}
			}
			switch format {
			case "json", "sarif":
				var v any
				if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
					t.Errorf("not valid JSON: %v", err)
				}
			case "junit":
				var suites struct {
					Suites []struct {
						Cases []struct {
							Failures []struct {
								Text string `xml:",chardata"`
								Msg  string `xml:"message,attr"`
							} `xml:"failure"`
						} `xml:"testcase"`
					} `xml:"testsuite"`
				}
				if err := xml.Unmarshal(buf.Bytes(), &suites); err != nil {
					t.Fatalf("not valid XML: %v", err)
				}
				n := 0
				for _, s := range suites.Suites {
					for _, c := range s.Cases {
						for _, fl := range c.Failures {
							n++
							if !strings.Contains(fl.Text+fl.Msg, "</testsuite>") {
								t.Errorf("the failure lost the page text: %q", fl.Text)
							}
						}
					}
				}
				if n != 1 {
					t.Errorf("%d failures, want the one finding", n)
				}
			case "html", "markdown":
				for _, raw := range []string{"<script>alert(1)", "<img src=x onerror", "</testsuite>"} {
					if strings.Contains(out, raw) {
						t.Errorf("%q reached the %s report unescaped", raw, format)
					}
				}
			}
			if format == "markdown" {
				for _, line := range strings.Split(out, "\n") {
					if strings.Contains(line, "title-length") && strings.HasPrefix(line, "|") && strings.Contains(line, " | a | b ") {
						t.Errorf("a | from the page split the table row: %q", line)
					}
				}
			}
		})
	}
}
