package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// schema names the version of the contract in spec/findings.md. It changes
// only if a field is ever renamed or removed, which the contract forbids.
const schema = "pagelint/findings@1"

// jsonRun is the wire form of a run. The tags are the contract: a Go field
// may be renamed freely, a tag never (muffet's json_page_result.go).
type jsonRun struct {
	Schema   string        `json:"schema"`
	Target   string        `json:"target"`
	Pages    int           `json:"pages"`
	Complete bool          `json:"complete"`
	Notices  []string      `json:"notices"`  // [] when empty, never null
	Findings []jsonFinding `json:"findings"` // [] when empty, never null
	Summary  jsonSummary   `json:"summary"`
}

// jsonFinding is the wire form of one finding. rule, severity, url, message
// and fingerprint are always present; the others only when known.
type jsonFinding struct {
	Rule        string `json:"rule"`
	Severity    string `json:"severity"`
	URL         string `json:"url"`
	File        string `json:"file,omitempty"`
	Line        int    `json:"line,omitempty"`
	Target      string `json:"target,omitempty"`
	Message     string `json:"message"`
	Evidence    string `json:"evidence,omitempty"`
	Fingerprint string `json:"fingerprint"`
	Help        string `json:"help,omitempty"`
	Baseline    string `json:"baseline,omitempty"` // "new" or "known", only with --baseline
}

// jsonSummary counts findings per severity; those three keys are always
// there. new, known and fixed are there only when the run compared with a
// baseline, so that a run without one keeps the original contract exactly.
type jsonSummary struct {
	Error   int  `json:"error"`
	Warning int  `json:"warning"`
	Info    int  `json:"info"`
	New     *int `json:"new,omitempty"`
	Known   *int `json:"known,omitempty"`
	Fixed   *int `json:"fixed,omitempty"`
}

func toJSON(run Run) jsonRun {
	out := jsonRun{
		Schema:   schema,
		Target:   run.Target,
		Pages:    run.Pages,
		Complete: run.Complete,
		Notices:  append([]string{}, run.Notices...),
		Findings: make([]jsonFinding, 0, len(run.Findings)),
	}
	for _, f := range run.Findings {
		baseline := ""
		if run.Baseline != nil {
			baseline = f.Baseline
		}
		out.Findings = append(out.Findings, jsonFinding{
			Rule:        f.Rule,
			Severity:    f.Severity.String(),
			URL:         f.URL,
			File:        f.File,
			Line:        max(f.Line, 0),
			Target:      f.Target,
			Message:     f.Message,
			Evidence:    f.Evidence,
			Fingerprint: f.Fingerprint,
			Help:        f.Help,
			Baseline:    baseline,
		})
	}
	c := countSeverities(run.Findings)
	out.Summary = jsonSummary{Error: c.Error, Warning: c.Warning, Info: c.Info}
	if run.Baseline != nil {
		b := *run.Baseline // a copy: the document does not alias the caller's counts
		out.Summary.New, out.Summary.Known, out.Summary.Fixed = &b.New, &b.Known, &b.Fixed
	}
	return out
}

// writeJSON writes the findings contract: one document, indented with two
// spaces, with a final newline. HTML is not escaped (no \u003c), so evidence
// stays readable in the file and in a pager.
func writeJSON(w io.Writer, run Run, _ Options) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(toJSON(run)); err != nil {
		return fmt.Errorf("encode json report: %w", err)
	}
	if _, err := w.Write(escapeTerminalControls(buf.Bytes())); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// escapeTerminalControls rewrites DEL, the C1 controls and the bidirectional
// controls as \uXXXX escapes. encoding/json already escapes C0 (ESC becomes
// \u001b) but writes these raw, and a raw U+009B is a CSI to some terminals
// when someone runs `cat report.json`. The escapes decode to the same
// strings, so the data is unchanged. Outside strings the document is ASCII,
// so every such rune is inside a string, where an escape is valid.
func escapeTerminalControls(doc []byte) []byte {
	if !bytes.ContainsFunc(doc, needsJSONEscape) {
		return doc
	}
	out := make([]byte, 0, len(doc)+32)
	for len(doc) > 0 {
		r, size := utf8.DecodeRune(doc)
		if needsJSONEscape(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, doc[:size]...)
		}
		doc = doc[size:]
	}
	return out
}

func needsJSONEscape(r rune) bool {
	return (r >= 0x7f && r <= 0x9f) || isBidiControl(r)
}
