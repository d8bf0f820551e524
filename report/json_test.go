package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestJSONRoundTrip decodes the output into the wire structs, refusing
// unknown fields, and expects exactly what was encoded: nothing is lost to
// the HTML or terminal-control escaping.
func TestJSONRoundTrip(t *testing.T) {
	for name, run := range map[string]Run{"sample": sampleRun, "check": checkRun, "empty": emptyRun, "baseline": baselineRun} {
		t.Run(name, func(t *testing.T) {
			out := render(t, "json", run, Options{})
			dec := json.NewDecoder(bytes.NewReader(out))
			dec.DisallowUnknownFields()
			var got jsonRun
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("decode: %v\n%s", err, out)
			}
			if dec.More() {
				t.Errorf("more than one JSON document in the output")
			}
			if want := toJSON(run); !reflect.DeepEqual(got, want) {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
			}
			for i, f := range run.Findings {
				if got.Findings[i].Message != f.Message || got.Findings[i].Evidence != f.Evidence {
					t.Errorf("finding %d: message/evidence changed in transit: %q %q", i, got.Findings[i].Message, got.Findings[i].Evidence)
				}
			}
		})
	}
}

// TestJSONContract checks the field names and presence rules of
// spec/findings.md on the raw document, independently of the wire structs.
func TestJSONContract(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(render(t, "json", sampleRun, Options{}), &doc); err != nil {
		t.Fatal(err)
	}
	if got, want := sortedKeys(doc), []string{"complete", "findings", "notices", "pages", "schema", "summary", "target"}; !slices.Equal(got, want) {
		t.Errorf("top-level keys = %v, want %v", got, want)
	}
	if doc["schema"] != "pagelint/findings@1" {
		t.Errorf("schema = %v", doc["schema"])
	}
	summary := doc["summary"].(map[string]any)
	if got, want := sortedKeys(summary), []string{"error", "info", "warning"}; !slices.Equal(got, want) {
		t.Errorf("summary keys = %v, want %v", got, want)
	}
	if summary["error"] != 2.0 || summary["warning"] != 4.0 || summary["info"] != 1.0 {
		t.Errorf("summary = %v, want error 2, warning 4, info 1", summary)
	}

	always := []string{"rule", "severity", "url", "message", "fingerprint"}
	optional := map[string]bool{"file": true, "line": true, "target": true, "evidence": true, "help": true, "baseline": true}
	findings := doc["findings"].([]any)
	if len(findings) != len(sampleRun.Findings) {
		t.Fatalf("%d findings, want %d", len(findings), len(sampleRun.Findings))
	}
	for i, raw := range findings {
		f := raw.(map[string]any)
		src := sampleRun.Findings[i]
		for _, k := range always {
			if _, ok := f[k]; !ok {
				t.Errorf("finding %d: no %q", i, k)
			}
		}
		for k := range f {
			if !optional[k] && !slices.Contains(always, k) {
				t.Errorf("finding %d: key %q is not in the contract", i, k)
			}
		}
		for k, present := range map[string]bool{
			"file": src.File != "", "line": src.Line > 0, "target": src.Target != "",
			"evidence": src.Evidence != "", "help": src.Help != "",
		} {
			if _, ok := f[k]; ok != present {
				t.Errorf("finding %d: %q present = %v, want %v", i, k, ok, present)
			}
		}
		if sev := f["severity"]; sev != "error" && sev != "warning" && sev != "info" {
			t.Errorf("finding %d: severity %v", i, sev)
		}
	}
}

func TestJSONEmptyListsAreArrays(t *testing.T) {
	out := string(render(t, "json", Run{Notices: nil, Findings: nil}, Options{}))
	for _, want := range []string{`"notices": []`, `"findings": []`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "null") {
		t.Errorf("output has a null:\n%s", out)
	}
}

// TestJSONText: HTML stays readable, the document ends with a newline, and
// nothing in it can drive a terminal when someone cats the file.
func TestJSONText(t *testing.T) {
	out := string(render(t, "json", sampleRun, Options{}))
	if strings.Contains(out, `\u003c`) || strings.Contains(out, `\u0026`) {
		t.Errorf("HTML characters are escaped:\n%s", out)
	}
	if !strings.Contains(out, `"<a href=\"/missing.html?utm=x&amp;ref=blog\">READ MORE</a>"`) {
		t.Errorf("evidence is not written as is:\n%s", out)
	}
	if !strings.HasSuffix(out, "}\n") || strings.HasSuffix(out, "\n\n") {
		t.Errorf("output does not end with exactly one newline")
	}
	if !strings.Contains(out, "\n  \"schema\"") {
		t.Errorf("output is not indented with two spaces")
	}
	if !utf8.ValidString(out) {
		t.Errorf("output is not UTF-8")
	}
	for _, r := range out {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r <= 0x9f) || isBidiControl(r) {
			t.Errorf("raw control %U in the output", r)
		}
	}
	for _, want := range []string{`\u001b[2J`, `\r`, `\u009b31m`, `\u202eevil`, "Zoë Ångström", "“smart quotes”"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
}

func sortedKeys(m map[string]any) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestJSONBaseline: with a baseline each finding says whether it is new or
// known and the summary gains new, known and fixed; without one the
// document is exactly the original contract, even if findings carry a
// baseline state.
func TestJSONBaseline(t *testing.T) {
	var doc struct {
		Findings []map[string]any
		Summary  map[string]any
	}
	if err := json.Unmarshal(render(t, "json", baselineRun, Options{}), &doc); err != nil {
		t.Fatal(err)
	}
	for i, f := range doc.Findings {
		if f["baseline"] != baselineRun.Findings[i].Baseline {
			t.Errorf("finding %d: baseline = %v, want %s", i, f["baseline"], baselineRun.Findings[i].Baseline)
		}
	}
	if got, want := sortedKeys(doc.Summary), []string{"error", "fixed", "info", "known", "new", "warning"}; !slices.Equal(got, want) {
		t.Errorf("summary keys = %v, want %v", got, want)
	}
	if doc.Summary["new"] != 2.0 || doc.Summary["known"] != 2.0 || doc.Summary["fixed"] != 1.0 {
		t.Errorf("summary = %v, want new 2, known 2, fixed 1", doc.Summary)
	}

	zero := baselineRun
	zero.Baseline = &BaselineCounts{}
	if out := string(render(t, "json", zero, Options{})); !strings.Contains(out, `"new": 0`) || !strings.Contains(out, `"fixed": 0`) {
		t.Errorf("zero baseline counts are left out:\n%s", out)
	}

	without := baselineRun
	without.Baseline = nil
	out := string(render(t, "json", without, Options{}))
	for _, key := range []string{`"baseline"`, `"new"`, `"known"`, `"fixed"`} {
		if strings.Contains(out, key) {
			t.Errorf("%s without a baseline:\n%s", key, out)
		}
	}
}
