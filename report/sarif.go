package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/pagelint/pagelint/checks"
)

// SARIF 2.1.0, the format GitHub code scanning (github/codeql-action/upload-sarif)
// and other static-analysis dashboards read. Only what pagelint can fill is
// written; the structs follow the OASIS schema's names, and the test checks
// the schema's required properties without fetching it.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolName     = "pagelint"
	toolURI      = "https://github.com/pagelint/pagelint"
	// srcRoot names the source root in artifact locations. GitHub resolves
	// the relative uri against the repository checkout, other viewers read
	// run.originalUriBaseIds.
	srcRoot = "%SRCROOT%"
	// fingerprintKey versions the partialFingerprints entry: a new
	// fingerprint algorithm gets a new key rather than silently reopening
	// every alert.
	fingerprintKey = "pagelint/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Invocations        []sarifInvocation           `json:"invocations"`
	Results            []sarifResult               `json:"results"` // [] when empty: "no results", not "not run"
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	ShortDescription     *sarifMessage `json:"shortDescription,omitempty"`
	FullDescription      *sarifMessage `json:"fullDescription,omitempty"`
	DefaultConfiguration sarifConfig   `json:"defaultConfiguration"`
	Help                 *sarifMessage `json:"help,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string       `json:"level"`
	Message sarifMessage `json:"message"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	BaselineState       string            `json:"baselineState,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine int           `json:"startLine,omitempty"`
	Snippet   *sarifMessage `json:"snippet,omitempty"`
}

// sarifLevel maps a severity to a SARIF level; SARIF calls info "note".
func sarifLevel(s checks.Severity) string {
	switch s {
	case checks.Error:
		return "error"
	case checks.Warning:
		return "warning"
	default:
		return "note"
	}
}

func toSARIF(run Run) sarifLog {
	rules := rulesOf(run)
	index := map[string]int{}
	sr := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: toolName, InformationURI: toolURI, Version: run.ToolVersion,
			Rules: make([]sarifRule, 0, len(rules)),
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		Results:     make([]sarifResult, 0, len(run.Findings)),
	}
	for i, c := range rules {
		index[c.ID] = i
		sr.Tool.Driver.Rules = append(sr.Tool.Driver.Rules, sarifRuleOf(c))
	}
	// Every notice is told, as a warning when the run stopped early (code
	// scanning would otherwise close the alerts of the pages not reached
	// without saying why), as a note otherwise.
	level := "note"
	if !run.Complete {
		level = "warning"
	}
	for _, n := range run.Notices {
		sr.Invocations[0].ToolExecutionNotifications = append(sr.Invocations[0].ToolExecutionNotifications,
			sarifNotification{Level: level, Message: sarifMessage{Text: n}})
	}
	usesRoot := false
	for _, f := range run.Findings {
		loc, rooted := sarifLocationOf(run, f)
		usesRoot = usesRoot || rooted
		res := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: index[f.Rule],
			Level:     sarifLevel(f.Severity),
			Message:   sarifMessage{Text: f.Message},
			Locations: []sarifLocation{loc},
		}
		if f.Fingerprint != "" {
			res.PartialFingerprints = map[string]string{fingerprintKey: f.Fingerprint}
		}
		if run.Baseline != nil {
			switch f.Baseline {
			case "new":
				res.BaselineState = "new"
			case "known":
				res.BaselineState = "unchanged"
			}
		}
		sr.Results = append(sr.Results, res)
	}
	if usesRoot && run.SourceRoot != "" {
		sr.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: dirURI(run.SourceRoot)}}
	}
	return sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{sr}}
}

// sarifRuleOf describes a rule for tool.driver. A rule known only from its
// findings (rulesOf) has no descriptions to give.
func sarifRuleOf(c *checks.Check) sarifRule {
	r := sarifRule{ID: c.ID, DefaultConfiguration: sarifConfig{Level: sarifLevel(c.Severity)}}
	if c.Summary != "" {
		r.ShortDescription = &sarifMessage{Text: c.Summary}
	}
	if c.Doc != "" {
		r.FullDescription = &sarifMessage{Text: c.Doc}
	}
	if c.Help != "" {
		r.Help = &sarifMessage{Text: c.Help + "\n\nRun `pagelint rules " + c.ID + "` for what the rule flags and why."}
	}
	return r
}

// sarifLocationOf places a finding. In check mode it is the page's file,
// relative to the source root so that code scanning finds it in the
// repository; rooted reports that the uri uses %SRCROOT%. A page-level
// finding (no line) points at line 1, because code scanning shows only
// results with a region.startLine. A file outside the source root gets an
// absolute file URI, and a crawl the page's URL.
func sarifLocationOf(run Run, f checks.Finding) (loc sarifLocation, rooted bool) {
	var region sarifRegion
	if f.Line > 0 {
		region.StartLine = f.Line
	}
	if f.Evidence != "" {
		region.Snippet = &sarifMessage{Text: f.Evidence}
	}
	phys := &loc.PhysicalLocation
	switch rel, ok := sourcePath(run, f); {
	case ok:
		phys.ArtifactLocation = sarifArtifactLoc{URI: relURI(rel)}
		if run.SourceRoot != "" {
			phys.ArtifactLocation.URIBaseID = srcRoot
			rooted = true
		}
		region.StartLine = max(region.StartLine, 1)
	default:
		if abs, ok := absFile(run, f); ok {
			phys.ArtifactLocation = sarifArtifactLoc{URI: fileURI(abs)}
			region.StartLine = max(region.StartLine, 1)
		} else {
			phys.ArtifactLocation = sarifArtifactLoc{URI: f.URL}
		}
	}
	if region != (sarifRegion{}) {
		phys.Region = &region
	}
	return loc, rooted
}

// relURI escapes a slash-separated relative path as a URI reference (a
// space becomes %20; a colon in the first segment gets a "./" so it is not
// read as a scheme).
func relURI(rel string) string {
	return (&url.URL{Path: rel}).String()
}

// fileURI is the file: URI of an absolute path; a Windows drive path gets
// the leading slash the URI needs (file:///C:/site).
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// dirURI is the file: URI of a folder, with the final slash SARIF requires
// of a base uri.
func dirURI(abs string) string {
	u := fileURI(abs)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// writeSARIF writes one SARIF log, indented with two spaces, with a final
// newline. Page text is kept as it is, with the same terminal-control
// escaping as the json format.
func writeSARIF(w io.Writer, run Run, _ Options) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(toSARIF(run)); err != nil {
		return fmt.Errorf("encode sarif report: %w", err)
	}
	if _, err := w.Write(escapeTerminalControls(buf.Bytes())); err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}
