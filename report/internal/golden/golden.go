// Package golden compares test output with a file checked into testdata
// (x/tools' -update convention). Under `go test ./report -update` it
// rewrites the file instead, and the diff is then reviewed like code.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Check fails t when got differs from the file at path, showing a line diff.
// With -update it writes got to path (creating its folder) and passes.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("update golden: %v", err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("update golden: %v", err)
		}
		t.Logf("updated %s", path)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (create it with go test -update): %v", err)
	}
	// A checkout with autocrlf turns the file's LF into CRLF; the output is LF.
	want = bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (rerun with -update to accept it):\n%s", path, Diff(string(want), string(got)))
	}
}

// Diff is a line diff of want and got: "-" lines only in want, "+" lines
// only in got, "  " lines in both. Control characters are shown as \xNN so
// that a diff of terminal output cannot itself recolour or move the cursor.
func Diff(want, got string) string {
	a, b := lines(want), lines(got)
	// lcs[i][j] is the length of the longest common subsequence of a[i:], b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	line := func(prefix, s string) {
		out.WriteString(prefix)
		for _, r := range strings.TrimSuffix(s, "\n") {
			if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
				fmt.Fprintf(&out, "\\x%02x", r)
				continue
			}
			out.WriteRune(r)
		}
		if !strings.HasSuffix(s, "\n") {
			out.WriteString(" (no final newline)")
		}
		out.WriteString("\n")
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			line("  ", a[i])
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			line("+ ", b[j])
			j++
		default:
			line("- ", a[i])
			i++
		}
	}
	return out.String()
}

// lines splits s after each newline, without the empty piece after the last.
func lines(s string) []string {
	l := strings.SplitAfter(s, "\n")
	if l[len(l)-1] == "" {
		l = l[:len(l)-1]
	}
	return l
}
