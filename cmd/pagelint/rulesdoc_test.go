package main

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/pagelint/pagelint/checks"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md from the registry")

// TestRulesDoc keeps docs/rules.md in step with the rule registry.
func TestRulesDoc(t *testing.T) {
	const path = "../../docs/rules.md"
	want := rulesMarkdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/pagelint -run TestRulesDoc -update)", err)
	}
	if string(got) != want {
		t.Errorf("docs/rules.md is out of date: run go test ./cmd/pagelint -run TestRulesDoc -update")
	}
}

// TestReadmeNamesEveryRule keeps the README's rule list complete.
func TestReadmeNamesEveryRule(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks.All() {
		if !strings.Contains(string(raw), "`"+c.ID+"`") {
			t.Errorf("README.md does not name rule %s", c.ID)
		}
	}
}
