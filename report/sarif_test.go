package report

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
)

// sarifDef is one definition of the SARIF 2.1.0 schema
// (sarif-schema-2.1.0.json), written out by hand so the test needs no
// network: the properties it requires, the properties it allows (the
// schema sets additionalProperties to false), and the definition of each
// child object or array item this reporter can emit.
type sarifDef struct {
	required []string
	allowed  []string
	children map[string]string // property -> definition of the object, or of each item of the array
	enums    map[string][]string
}

var sarifSchemaDefs = map[string]sarifDef{
	"sarifLog": {
		required: []string{"version", "runs"},
		allowed:  []string{"$schema", "version", "runs", "inlineExternalProperties", "properties"},
		children: map[string]string{"runs": "run"},
		enums:    map[string][]string{"version": {"2.1.0"}},
	},
	"run": {
		required: []string{"tool"},
		allowed: []string{"tool", "invocations", "conversion", "language", "versionControlProvenance",
			"originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results", "automationDetails",
			"runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage",
			"newlineSequences", "columnKind", "externalPropertyFileReferences", "threadFlowLocations",
			"taxonomies", "addresses", "translations", "policies", "webRequests", "webResponses",
			"specialLocations", "properties"},
		children: map[string]string{"tool": "tool", "invocations": "invocation", "results": "result",
			"originalUriBaseIds": "artifactLocationMap"},
	},
	"tool": {
		required: []string{"driver"},
		allowed:  []string{"driver", "extensions", "properties"},
		children: map[string]string{"driver": "toolComponent"},
	},
	"toolComponent": {
		required: []string{"name"},
		allowed: []string{"guid", "name", "organization", "product", "productSuite", "shortDescription",
			"fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
			"releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings", "notifications", "rules",
			"taxa", "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
			"minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata",
			"supportedTaxonomies", "properties"},
		children: map[string]string{"rules": "reportingDescriptor", "shortDescription": "multiformatMessageString",
			"fullDescription": "multiformatMessageString"},
	},
	"reportingDescriptor": {
		required: []string{"id"},
		allowed: []string{"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
			"shortDescription", "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help",
			"relationships", "properties"},
		children: map[string]string{"shortDescription": "multiformatMessageString",
			"fullDescription": "multiformatMessageString", "help": "multiformatMessageString",
			"defaultConfiguration": "reportingConfiguration"},
	},
	"reportingConfiguration": {
		allowed: []string{"enabled", "level", "rank", "parameters", "properties"},
		enums:   map[string][]string{"level": {"none", "note", "warning", "error"}},
	},
	"multiformatMessageString": {
		required: []string{"text"},
		allowed:  []string{"text", "markdown", "properties"},
	},
	"invocation": {
		required: []string{"executionSuccessful"},
		allowed: []string{"commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc", "exitCode",
			"ruleConfigurationOverrides", "notificationConfigurationOverrides", "toolExecutionNotifications",
			"toolConfigurationNotifications", "exitCodeDescription", "exitSignalName", "exitSignalNumber",
			"processStartFailureMessage", "executionSuccessful", "machine", "account", "processId",
			"executableLocation", "workingDirectory", "environmentVariables", "stdin", "stdout", "stderr",
			"stdoutStderr", "properties"},
		children: map[string]string{"toolExecutionNotifications": "notification"},
	},
	"notification": {
		required: []string{"message"},
		allowed: []string{"locations", "message", "level", "threadId", "timeUtc", "exception", "descriptor",
			"associatedRule", "properties"},
		children: map[string]string{"message": "message"},
		enums:    map[string][]string{"level": {"none", "note", "warning", "error"}},
	},
	"message": {
		allowed: []string{"text", "markdown", "id", "arguments", "properties"},
	},
	"result": {
		required: []string{"message"},
		allowed: []string{"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations",
			"guid", "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks",
			"codeFlows", "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank",
			"attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
			"webResponse", "properties"},
		children: map[string]string{"message": "message", "locations": "location"},
		enums: map[string][]string{
			"level":         {"none", "note", "warning", "error"},
			"kind":          {"notApplicable", "pass", "fail", "review", "open", "informational"},
			"baselineState": {"new", "unchanged", "updated", "absent"},
		},
	},
	"location": {
		allowed:  []string{"id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"},
		children: map[string]string{"physicalLocation": "physicalLocation"},
	},
	"physicalLocation": {
		allowed:  []string{"address", "artifactLocation", "region", "contextRegion", "properties"},
		children: map[string]string{"artifactLocation": "artifactLocation", "region": "region"},
	},
	"artifactLocation": {
		allowed: []string{"uri", "uriBaseId", "index", "description", "properties"},
	},
	"region": {
		allowed: []string{"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength",
			"byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"},
		children: map[string]string{"snippet": "artifactContent"},
	},
	"artifactContent": {
		allowed: []string{"text", "binary", "rendered", "properties"},
	},
}

// checkSARIF walks a decoded SARIF document against sarifSchemaDefs and
// the schema's other constraints this reporter could break, returning every
// violation as "path: problem".
func checkSARIF(doc any) []string {
	var errs []string
	var walk func(path, def string, v any)
	walk = func(path, def string, v any) {
		fail := func(format string, args ...any) {
			errs = append(errs, path+": "+fmt.Sprintf(format, args...))
		}
		obj, ok := v.(map[string]any)
		if !ok {
			fail("%s is %T, want an object", def, v)
			return
		}
		if def == "artifactLocationMap" { // originalUriBaseIds: name -> artifactLocation
			for k, loc := range obj {
				walk(path+"."+k, "artifactLocation", loc)
				u, _ := loc.(map[string]any)["uri"].(string)
				if pu, err := url.Parse(u); err != nil || !pu.IsAbs() || !strings.HasSuffix(u, "/") {
					fail("base %s uri %q must be an absolute URI ending in /", k, u)
				}
			}
			return
		}
		d, ok := sarifSchemaDefs[def]
		if !ok {
			fail("no definition %s in the test", def)
			return
		}
		for _, k := range d.required {
			if _, ok := obj[k]; !ok {
				fail("%s lacks required %q", def, k)
			}
		}
		for k, val := range obj {
			if !slices.Contains(d.allowed, k) {
				fail("%s does not allow %q", def, k)
			}
			if allowed, ok := d.enums[k]; ok && !slices.Contains(allowed, fmt.Sprint(val)) {
				fail("%s.%s = %v, want one of %v", def, k, val, allowed)
			}
			child, ok := d.children[k]
			if !ok {
				continue
			}
			if arr, isArr := val.([]any); isArr {
				for i, item := range arr {
					walk(fmt.Sprintf("%s.%s[%d]", path, k, i), child, item)
				}
			} else {
				walk(path+"."+k, child, val)
			}
		}
		switch def {
		case "message":
			if _, ok := obj["text"]; !ok {
				if _, ok := obj["id"]; !ok {
					fail("message has neither text nor id")
				}
			}
		case "region":
			if n, ok := obj["startLine"].(float64); ok && n < 1 {
				fail("startLine %v < 1", n)
			}
		case "artifactLocation":
			if u, ok := obj["uri"].(string); ok {
				if _, err := url.Parse(u); err != nil || u == "" {
					fail("uri %q is not a URI reference", u)
				}
			}
		case "result":
			if n, ok := obj["ruleIndex"].(float64); ok && n < -1 {
				fail("ruleIndex %v < -1", n)
			}
			if fp, ok := obj["partialFingerprints"].(map[string]any); ok {
				for k, v := range fp {
					if _, ok := v.(string); !ok {
						fail("partialFingerprints[%s] is %T, want a string", k, v)
					}
				}
			}
		}
	}
	walk("$", "sarifLog", doc)
	slices.Sort(errs)
	return errs
}

func decodeSARIF(t *testing.T, run Run) map[string]any {
	t.Helper()
	var doc map[string]any
	out := render(t, "sarif", run, Options{})
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("sarif output is not JSON: %v\n%s", err, out)
	}
	return doc
}

// TestSARIFSchema checks every run's output against the required structure
// of SARIF 2.1.0, and what the schema cannot say: each result's ruleIndex
// names its ruleId, GitHub's required region.startLine in check mode, and
// the fingerprint.
func TestSARIFSchema(t *testing.T) {
	for name, run := range map[string]Run{
		"sample": sampleRun, "check": checkRun, "empty": emptyRun, "baseline": baselineRun,
		"no rules given": {Mode: "crawl", Complete: true, Findings: sampleRun.Findings},
	} {
		t.Run(name, func(t *testing.T) {
			doc := decodeSARIF(t, run)
			for _, e := range checkSARIF(doc) {
				t.Error(e)
			}
			if doc["$schema"] != sarifSchema {
				t.Errorf("$schema = %v", doc["$schema"])
			}
			runs := doc["runs"].([]any)
			if len(runs) != 1 {
				t.Fatalf("%d runs, want 1", len(runs))
			}
			r := runs[0].(map[string]any)
			driver := r["tool"].(map[string]any)["driver"].(map[string]any)
			if driver["name"] != "pagelint" || driver["informationUri"] != toolURI {
				t.Errorf("driver = %v", driver)
			}
			rules := driver["rules"].([]any)
			results := r["results"].([]any)
			if len(results) != len(run.Findings) {
				t.Fatalf("%d results, want %d", len(results), len(run.Findings))
			}
			for i, raw := range results {
				res := raw.(map[string]any)
				f := run.Findings[i]
				idx := int(res["ruleIndex"].(float64))
				if idx >= len(rules) || rules[idx].(map[string]any)["id"] != res["ruleId"] || res["ruleId"] != f.Rule {
					t.Errorf("result %d: ruleId %v, ruleIndex %d does not name it", i, res["ruleId"], idx)
				}
				if got := res["partialFingerprints"].(map[string]any)["pagelint/v1"]; got != f.Fingerprint {
					t.Errorf("result %d: fingerprint %v, want %s", i, got, f.Fingerprint)
				}
				if got := res["message"].(map[string]any)["text"]; got != f.Message {
					t.Errorf("result %d: message %q, want %q", i, got, f.Message)
				}
				phys := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
				if run.Mode == "check" {
					region, _ := phys["region"].(map[string]any)
					if region == nil || region["startLine"] == nil {
						t.Errorf("result %d: check mode without region.startLine", i)
					}
				}
			}
		})
	}
}

func TestSARIFRulesDefaultToRegistry(t *testing.T) {
	doc := decodeSARIF(t, Run{Mode: "crawl", Complete: true})
	rules := doc["runs"].([]any)[0].(map[string]any)["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)
	all := checks.All()
	if len(rules) != len(all) {
		t.Fatalf("%d rules, want checks.All()'s %d", len(rules), len(all))
	}
	text := func(r map[string]any, key string) string { // "" when absent: a rule being written may lack one
		m, _ := r[key].(map[string]any)
		s, _ := m["text"].(string)
		return s
	}
	for i, c := range all {
		r := rules[i].(map[string]any)
		if r["id"] != c.ID || text(r, "shortDescription") != c.Summary || text(r, "fullDescription") != c.Doc {
			t.Errorf("rule %d = %v, want %s", i, r, c.ID)
		}
		if help := text(r, "help"); c.Help != "" && (!strings.HasPrefix(help, c.Help) || !strings.Contains(help, "pagelint rules "+c.ID)) {
			t.Errorf("rule %s help = %q", c.ID, help)
		}
	}
}

func TestSARIFLocations(t *testing.T) {
	f := checks.Finding{Rule: "broken-link", Severity: checks.Error, URL: "/a b/", File: "a b/index.html", Line: 3, Fingerprint: "f"}
	page := checks.Finding{Rule: "orphan-page", Severity: checks.Info, URL: "/x.html", File: "x.html", Fingerprint: "g"}
	for _, tc := range []struct {
		name    string
		run     Run
		f       checks.Finding
		uri     string
		base    string
		line    any
		rootURI string
	}{
		{"check, inside the source root", Run{Mode: "check", SiteRoot: "/repo/public", SourceRoot: "/repo"}, f,
			"public/a%20b/index.html", "%SRCROOT%", 3.0, "file:///repo/"},
		{"check, site root is the source root", Run{Mode: "check", SiteRoot: "/repo", SourceRoot: "/repo"}, f,
			"a%20b/index.html", "%SRCROOT%", 3.0, "file:///repo/"},
		{"check, page-level finding points at line 1", Run{Mode: "check", SiteRoot: "/repo/public", SourceRoot: "/repo"}, page,
			"public/x.html", "%SRCROOT%", 1.0, "file:///repo/"},
		{"check, outside the source root", Run{Mode: "check", SiteRoot: "/tmp/build", SourceRoot: "/repo"}, f,
			"file:///tmp/build/a%20b/index.html", "", 3.0, ""},
		{"check, no source root, relative site root", Run{Mode: "check", SiteRoot: "public"}, f,
			"public/a%20b/index.html", "", 3.0, ""},
		{"crawl", Run{Mode: "crawl"}, checks.Finding{Rule: "broken-link", URL: "https://example.org/a/", Line: 9, Fingerprint: "h"},
			"https://example.org/a/", "", 9.0, ""},
		{"crawl, no line", Run{Mode: "crawl"}, checks.Finding{Rule: "orphan-page", URL: "https://example.org/a/", Fingerprint: "i"},
			"https://example.org/a/", "", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.run.Complete = true
			tc.run.Findings = []checks.Finding{tc.f}
			doc := decodeSARIF(t, tc.run)
			for _, e := range checkSARIF(doc) {
				t.Error(e)
			}
			r := doc["runs"].([]any)[0].(map[string]any)
			phys := r["results"].([]any)[0].(map[string]any)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
			loc := phys["artifactLocation"].(map[string]any)
			if loc["uri"] != tc.uri {
				t.Errorf("uri = %v, want %s", loc["uri"], tc.uri)
			}
			if base, _ := loc["uriBaseId"].(string); base != tc.base {
				t.Errorf("uriBaseId = %q, want %q", base, tc.base)
			}
			var line any
			if region, ok := phys["region"].(map[string]any); ok {
				line = region["startLine"]
			}
			if line != tc.line {
				t.Errorf("startLine = %v, want %v", line, tc.line)
			}
			var rootURI any = ""
			if bases, ok := r["originalUriBaseIds"].(map[string]any); ok {
				rootURI = bases["%SRCROOT%"].(map[string]any)["uri"]
			}
			if rootURI != tc.rootURI {
				t.Errorf("%%SRCROOT%% = %v, want %q", rootURI, tc.rootURI)
			}
		})
	}
}

func TestSARIFBaselineAndNotices(t *testing.T) {
	doc := decodeSARIF(t, baselineRun)
	r := doc["runs"].([]any)[0].(map[string]any)
	var states []string
	for _, res := range r["results"].([]any) {
		states = append(states, fmt.Sprint(res.(map[string]any)["baselineState"]))
	}
	if want := []string{"new", "unchanged", "new", "unchanged"}; !slices.Equal(states, want) {
		t.Errorf("baselineState = %v, want %v", states, want)
	}
	if strings.Contains(string(render(t, "sarif", checkRun, Options{})), "baselineState") {
		t.Errorf("baselineState without a baseline")
	}

	inv := decodeSARIF(t, sampleRun)["runs"].([]any)[0].(map[string]any)["invocations"].([]any)[0].(map[string]any)
	notes := inv["toolExecutionNotifications"].([]any)
	if len(notes) != len(sampleRun.Notices) {
		t.Fatalf("%d notifications, want one per notice", len(notes))
	}
	for i, n := range notes {
		n := n.(map[string]any)
		if n["level"] != "warning" || n["message"].(map[string]any)["text"] != sampleRun.Notices[i] {
			t.Errorf("notification %d = %v", i, n)
		}
	}
}
