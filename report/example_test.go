package report_test

import (
	"fmt"
	"os"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/report"
)

func ExampleWrite() {
	run := report.Run{
		Target:   "public",
		Pages:    1,
		Complete: true,
		Findings: []checks.Finding{{
			Rule: "broken-link", Severity: checks.Error, URL: "/", File: "index.html", Line: 7,
			Target: "/gone.html", Message: "link to /gone.html: no such file",
			Evidence: `<a href="/gone.html">Gone</a>`, Fingerprint: "0123456789abcdef",
		}},
	}
	if err := report.Write(os.Stdout, "json", run, report.Options{}); err != nil {
		fmt.Println(err)
	}
	fmt.Println(report.Write(os.Stdout, "xml", run, report.Options{}))
	// Output:
	// {
	//   "schema": "pagelint/findings@1",
	//   "target": "public",
	//   "pages": 1,
	//   "complete": true,
	//   "notices": [],
	//   "findings": [
	//     {
	//       "rule": "broken-link",
	//       "severity": "error",
	//       "url": "/",
	//       "file": "index.html",
	//       "line": 7,
	//       "target": "/gone.html",
	//       "message": "link to /gone.html: no such file",
	//       "evidence": "<a href=\"/gone.html\">Gone</a>",
	//       "fingerprint": "0123456789abcdef"
	//     }
	//   ],
	//   "summary": {
	//     "error": 1,
	//     "warning": 0,
	//     "info": 0
	//   }
	// }
	// unknown format "xml" (want github, html, json, junit, markdown, sarif or table)
}
