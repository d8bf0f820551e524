package history

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pagelint/pagelint/checks"
)

var t0 = time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)

func record(target string, n int, start time.Time) Record {
	rec := Record{
		Run: Run{Target: target, Start: start, Duration: 1500 * time.Millisecond, Pages: 3, Complete: true,
			ToolVersion: "1.2.3", ConfigHash: "c0ffee"},
		Checked: map[string]bool{"/": true, "/blog/": true, "/about/": true},
	}
	sevs := []checks.Severity{checks.Error, checks.Warning, checks.Info}
	for i := range n {
		rec.Findings = append(rec.Findings, checks.Finding{
			Rule: "broken-link", Severity: sevs[i%3], URL: target + "blog/", Path: "/blog/", File: "blog/index.html",
			Line: 10 + i, Target: "/missing/", Message: fmt.Sprintf("finding %d <b>&", i), Evidence: `<a href="/missing/">x</a>`,
			Fingerprint: fmt.Sprintf("%016x", i), Help: "fix it",
		})
	}
	return rec
}

func openT(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestAddLoadRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openT(t, filepath.Join(t.TempDir(), "h.db"))
	want := record("http://127.0.0.1:8080/", 5, t0)
	id, err := s.Add(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Load(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != id || got.Target != want.Target || !got.Start.Equal(t0) || got.Duration != want.Duration ||
		got.Pages != 3 || !got.Complete || got.ToolVersion != "1.2.3" || got.ConfigHash != "c0ffee" {
		t.Errorf("run = %+v", got.Run)
	}
	if got.Errors != 2 || got.Warnings != 2 || got.Infos != 1 {
		t.Errorf("counts = %d/%d/%d, want 2/2/1", got.Errors, got.Warnings, got.Infos)
	}
	if len(got.Findings) != 5 {
		t.Fatalf("%d findings, want 5", len(got.Findings))
	}
	for i, f := range got.Findings {
		if f != want.Findings[i] {
			t.Errorf("finding %d = %+v\nwant %+v", i, f, want.Findings[i])
		}
	}
	if len(got.Checked) != 3 || !got.Checked["/about/"] {
		t.Errorf("checked = %v", got.Checked)
	}
}

func TestResolve(t *testing.T) {
	ctx := context.Background()
	s := openT(t, filepath.Join(t.TempDir(), "h.db"))
	if _, err := s.Resolve(ctx, "latest", ""); !errors.Is(err, ErrNoRun) {
		t.Errorf("latest of an empty file: %v, want ErrNoRun", err)
	}
	a := "http://a.test/"
	b := "http://b.test/"
	for i, target := range []string{a, b, a, a} {
		if _, err := s.Add(ctx, record(target, i, t0.Add(time.Duration(i)*time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		ref, target string
		want        int64
		err         string
	}{
		{"latest", "", 4, ""},
		{"", "", 4, ""},
		{"-1", "", 3, ""},
		{"-3", "", 1, ""},
		{"-4", "", 0, "fewer than 5 runs"},
		{"2", "", 2, ""},
		{"9", "", 0, "no such run"},
		{"-1", a, 3, ""},
		{"-2", a, 1, ""},
		{"latest", b, 2, ""},
		{"x", "", 0, "want latest, -N or a run id"},
		{"0", "", 0, "want latest, -N or a run id"},
	} {
		got, err := s.Resolve(ctx, tc.ref, tc.target)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Resolve(%q, %q) = %d, %v; want error %q", tc.ref, tc.target, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Resolve(%q, %q) = %d, %v; want %d", tc.ref, tc.target, got, err, tc.want)
		}
	}
	prev, err := s.Previous(ctx, a, 4)
	if err != nil || prev == nil || prev.ID != 3 {
		t.Errorf("Previous(a, 4) = %v, %v; want run 3", prev, err)
	}
	if prev, err := s.Previous(ctx, b, 2); err != nil || prev != nil {
		t.Errorf("Previous(b, 2) = %v, %v; want none", prev, err)
	}
	runs, err := s.Runs(ctx, a)
	if err != nil || len(runs) != 3 || runs[0].ID != 1 || runs[2].ID != 4 {
		t.Errorf("Runs(a) = %+v, %v", runs, err)
	}
}

func TestMigrationsFromEmptyFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil { // an empty file is a valid empty database
		t.Fatal(err)
	}
	s := openT(t, path)
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion {
		t.Errorf("user_version = %d, %v; want %d", v, err, SchemaVersion)
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	s.Close()
	// Opening again is a no-op.
	s2 := openT(t, path)
	if _, err := s2.Add(ctx, record("x", 1, t0)); err != nil {
		t.Fatal(err)
	}
}

// TestMigrationFromVersion1 opens a file written before pages were recorded:
// its runs survive, and read back with an unknown checked set.
func TestMigrationFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.db")
	old, err := open(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.db.ExecContext(ctx, `INSERT INTO runs (target, start, duration_ms, pages, complete, tool_version, config_hash)
		VALUES ('http://a.test/', '2026-11-01T06:00:00Z', 1000, 2, 1, '1.0.0', 'h')`); err != nil {
		t.Fatal(err)
	}
	if _, err := old.db.ExecContext(ctx, `INSERT INTO findings VALUES (1, 0, 'fp', 'broken-link', 'error', 'http://a.test/', '/', '', 3, '', 'm', '', '')`); err != nil {
		t.Fatal(err)
	}
	old.Close()

	s := openT(t, path)
	rec, err := s.Load(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Target != "http://a.test/" || len(rec.Findings) != 1 || rec.Errors != 1 || rec.Checked != nil {
		t.Errorf("migrated run = %+v", rec)
	}
	id, err := s.Add(ctx, record("http://a.test/", 1, t0))
	if err != nil || id != 2 {
		t.Errorf("Add after migration = %d, %v", id, err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.db")
	s := openT(t, path)
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "upgrade pagelint") {
		t.Errorf("Open of a newer file: %v", err)
	}
}

func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	if err := os.WriteFile(path, []byte("this is a JSON report, not a database\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("Open of a text file: %v", err)
	}
}

// TestConcurrentWriters: two stores (two connections, as two processes
// would have) write to one file at once; every run lands whole.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.db")
	const perWriter = 15
	var wg sync.WaitGroup
	errs := make(chan error, 2*perWriter)
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(ctx, path) // both may create the schema at once
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			for i := range perWriter {
				if _, err := s.Add(ctx, record(fmt.Sprintf("http://w%d.test/", w), 50+i, t0)); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s := openT(t, path)
	runs, err := s.Runs(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2*perWriter {
		t.Fatalf("%d runs, want %d", len(runs), 2*perWriter)
	}
	for _, r := range runs {
		rec, err := s.Load(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := r.Errors + r.Warnings + r.Infos; n != len(rec.Findings) || n < 50 {
			t.Errorf("run %d has %d findings (counts say %d)", r.ID, len(rec.Findings), n)
		}
	}
}

// TestConcurrentProcesses: two processes write to one file at once, as two
// scheduled jobs would; every run of both lands whole.
func TestConcurrentProcesses(t *testing.T) {
	if os.Getenv("PAGELINT_HISTORY_HELPER") != "" || os.Getenv("PAGELINT_HISTORY_WRITER") != "" {
		return
	}
	path := filepath.Join(t.TempDir(), "h.db")
	var cmds []*exec.Cmd
	for range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperManyRuns$", "-test.count=1")
		cmd.Env = append(os.Environ(), "PAGELINT_HISTORY_WRITER="+path)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("writer: %v", err)
		}
	}
	s := openT(t, path)
	runs, err := s.Runs(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2*helperRuns {
		t.Errorf("%d runs, want %d", len(runs), 2*helperRuns)
	}
	for _, r := range runs {
		if r.Errors+r.Warnings+r.Infos != 300 {
			t.Errorf("run %d has %d findings, want 300", r.ID, r.Errors+r.Warnings+r.Infos)
		}
	}
}

const helperRuns = 10

// TestHelperManyRuns is not a test: TestConcurrentProcesses runs it in two
// child processes at once.
func TestHelperManyRuns(t *testing.T) {
	path := os.Getenv("PAGELINT_HISTORY_WRITER")
	if path == "" {
		t.Skip("helper process for TestConcurrentProcesses")
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for range helperRuns {
		if _, err := s.Add(context.Background(), record(fmt.Sprintf("http://p%d.test/", os.Getpid()), 300, t0)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRolledBackRunLeavesNoTrace: a run whose transaction fails part way
// (here: the context is cancelled before the commit) is not in the file.
func TestRolledBackRunLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	s := openT(t, filepath.Join(t.TempDir(), "h.db"))
	if _, err := s.Add(ctx, record("http://a.test/", 3, t0)); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	s.beforeCommit = cancel
	if _, err := s.Add(cctx, record("http://a.test/", 200, t0)); err == nil {
		t.Fatal("Add with a cancelled context succeeded")
	}
	s.beforeCommit = nil
	checkOneRun(t, s)
}

func checkOneRun(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	runs, err := s.Runs(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].ID != 1 {
		t.Fatalf("runs = %+v, want only run 1", runs)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM findings").Scan(&n); err != nil || n != 3 {
		t.Errorf("%d findings in the file (%v), want the first run's 3", n, err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM pages").Scan(&n); err != nil || n != 3 {
		t.Errorf("%d checked pages in the file (%v), want the first run's 3", n, err)
	}
	var ok string
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
}

// TestKilledMidWrite kills a process (SIGKILL, no cleanup) while its run is
// written but not committed: the file opens, with the earlier run intact.
func TestKilledMidWrite(t *testing.T) {
	if os.Getenv("PAGELINT_HISTORY_HELPER") != "" || os.Getenv("PAGELINT_HISTORY_WRITER") != "" {
		return // we are a helper's own test binary run; see TestHelperWriter
	}
	path := filepath.Join(t.TempDir(), "h.db")
	s := openT(t, path)
	if _, err := s.Add(context.Background(), record("http://a.test/", 3, t0)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PAGELINT_HISTORY_HELPER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "in transaction" {
				ready <- true
				return
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			_ = cmd.Process.Kill()
			t.Fatal("helper ended before writing")
		}
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("helper did not start writing within a minute")
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	// The helper's -wal file holds uncommitted frames; they must be ignored.
	s2 := openT(t, path)
	checkOneRun(t, s2)
	if _, err := s2.Add(context.Background(), record("http://a.test/", 1, t0)); err != nil {
		t.Errorf("the file takes a new run after the kill: %v", err)
	}
}

// TestHelperWriter is not a test: TestKilledMidWrite runs it in a child
// process, which writes a large run and blocks before the commit until it
// is killed.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv("PAGELINT_HISTORY_HELPER")
	if path == "" {
		t.Skip("helper process for TestKilledMidWrite")
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	s.beforeCommit = func() {
		// 5000 findings overflow the page cache, so some uncommitted
		// pages are already in the -wal file when the kill comes.
		fmt.Println("in transaction")
		time.Sleep(time.Minute)
		os.Exit(4) // not reached: the parent kills us
	}
	_, err = s.Add(context.Background(), record("http://a.test/", 5000, t0))
	fmt.Println("add returned:", err)
	os.Exit(5)
}

// TestOddFileNames: the file name goes into a file: URI; characters that
// mean something there still name the file as given.
func TestOddFileNames(t *testing.T) {
	for _, name := range []string{"a b.db", "x#1.db", "q?x=1.db", "per%cent.db", "ü.db"} {
		path := filepath.Join(t.TempDir(), name)
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := s.Add(context.Background(), record("t", 1, t0)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
