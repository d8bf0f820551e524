package golden

import "testing"

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name, want, got, diff string
	}{
		{"same", "a\nb\n", "a\nb\n", "  a\n  b\n"},
		{"changed line", "a\nb\nc\n", "a\nB\nc\n", "  a\n+ B\n- b\n  c\n"},
		{"added line", "a\n", "a\nb\n", "  a\n+ b\n"},
		{"removed line", "a\nb\n", "b\n", "- a\n  b\n"},
		{"final newline", "a\n", "a", "+ a (no final newline)\n- a\n"},
		{"control bytes", "x\n", "\x1b[2Jx\n", "+ \\x1b[2Jx\n- x\n"},
		{"empty", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Diff(tc.want, tc.got); got != tc.diff {
				t.Errorf("Diff(%q, %q) =\n%s\nwant\n%s", tc.want, tc.got, got, tc.diff)
			}
		})
	}
}
