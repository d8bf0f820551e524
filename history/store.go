package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver, pure Go

	"github.com/pagelint/pagelint/checks"
)

// busyTimeout is how long a writer waits for another one holding the file
// (a second scheduled run, a `pagelint history` reading it) before failing.
const busyTimeout = 30 * time.Second

// A Store is an open history file.
type Store struct {
	db   *sql.DB
	path string

	// beforeCommit, when set (tests only), runs inside Add's transaction
	// after every row is written and before the commit.
	beforeCommit func()
}

// A Run is one stored run without its findings.
type Run struct {
	ID          int64
	Target      string // start URL or folder
	Start       time.Time
	Duration    time.Duration
	Pages       int
	Complete    bool
	ToolVersion string
	ConfigHash  string
	// Counts per severity, filled by Runs and Load.
	Errors, Warnings, Infos int
}

// A Record is a run with everything needed to compare it with another.
type Record struct {
	Run
	Findings []checks.Finding
	// Checked holds the site paths of the pages the run checked. It is nil
	// when the run was stored before the file recorded them (schema 1).
	Checked map[string]bool
}

// Open opens the history file at path, creating it and bringing its schema
// up to date. The file is in WAL mode, so `pagelint history` can read it
// while a run writes, and every write waits up to 30 seconds for another.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, SchemaVersion)
}

func open(ctx context.Context, path string, version int) (*Store, error) {
	if path == "" {
		return nil, errors.New("history: no file name")
	}
	q := url.Values{}
	// busy_timeout first: setting WAL mode itself may wait for another opener.
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	// Writers take the write lock when they begin, not when they first
	// write: a deferred transaction that reads and then writes can fail at
	// once with SQLITE_BUSY instead of waiting, when another writer is in.
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open history %s: %w", path, err)
	}
	if err := migrate(ctx, db, version); err != nil {
		db.Close()
		return nil, fmt.Errorf("open history %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
}

// Close closes the file.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close history %s: %w", s.path, err)
	}
	return nil
}

// Path is the file's name as given to Open.
func (s *Store) Path() string { return s.path }

// Add stores rec (its ID is ignored) in one transaction and returns the new
// run's id. If the process dies before the commit, the file holds nothing
// of it.
func (s *Store) Add(ctx context.Context, rec Record) (id int64, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store run in %s: %w", s.path, err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
			err = fmt.Errorf("store run in %s: %w", s.path, err)
		}
	}()
	res, err := tx.ExecContext(ctx, `INSERT INTO runs
		(target, start, duration_ms, pages, complete, tool_version, config_hash, checked_known)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		rec.Target, rec.Start.UTC().Format(time.RFC3339Nano), rec.Duration.Milliseconds(), rec.Pages,
		rec.Complete, rec.ToolVersion, rec.ConfigHash, rec.Checked != nil)
	if err != nil {
		return 0, err
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO findings
		(run, seq, fingerprint, rule, severity, url, path, file, line, target, message, evidence, help)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	for i, f := range rec.Findings {
		if _, err := ins.ExecContext(ctx, id, i, f.Fingerprint, f.Rule, f.Severity.String(), f.URL, f.Path,
			f.File, max(f.Line, 0), f.Target, f.Message, f.Evidence, f.Help); err != nil {
			return 0, err
		}
	}
	page, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO pages (run, path) VALUES (?, ?)`)
	if err != nil {
		return 0, err
	}
	defer page.Close()
	for _, p := range sortedKeys(rec.Checked) {
		if _, err := page.ExecContext(ctx, id, p); err != nil {
			return 0, err
		}
	}
	if s.beforeCommit != nil {
		s.beforeCommit()
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return id, nil
}

const runColumns = `r.id, r.target, r.start, r.duration_ms, r.pages, r.complete, r.tool_version, r.config_hash,
	(SELECT count(*) FROM findings f WHERE f.run = r.id AND f.severity = 'error'),
	(SELECT count(*) FROM findings f WHERE f.run = r.id AND f.severity = 'warning'),
	(SELECT count(*) FROM findings f WHERE f.run = r.id AND f.severity NOT IN ('error', 'warning'))`

func scanRun(row interface{ Scan(...any) error }) (Run, error) {
	var (
		r     Run
		start string
		ms    int64
	)
	if err := row.Scan(&r.ID, &r.Target, &start, &ms, &r.Pages, &r.Complete, &r.ToolVersion, &r.ConfigHash,
		&r.Errors, &r.Warnings, &r.Infos); err != nil {
		return Run{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, start)
	if err != nil {
		return Run{}, fmt.Errorf("run %d: bad start %q: %w", r.ID, start, err)
	}
	r.Start, r.Duration = t, time.Duration(ms)*time.Millisecond
	return r, nil
}

// Runs lists the stored runs, oldest first: all of them when target is "",
// else those of that target.
func (s *Store) Runs(ctx context.Context, target string) ([]Run, error) {
	query := `SELECT ` + runColumns + ` FROM runs r`
	var args []any
	if target != "" {
		query += ` WHERE r.target = ?`
		args = append(args, target)
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY r.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list runs in %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("list runs in %s: %w", s.path, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list runs in %s: %w", s.path, err)
	}
	return out, nil
}

// ErrNoRun is returned (wrapped) when a reference names no stored run.
var ErrNoRun = errors.New("no such run")

// Load reads one run with its findings and checked pages.
func (s *Store) Load(ctx context.Context, id int64) (*Record, error) {
	// One read transaction: a writer committing meanwhile cannot make the
	// findings disagree with the run.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("load run %d from %s: %w", id, s.path, err)
	}
	defer tx.Rollback() //nolint:errcheck // read only
	rec, err := load(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("load run %d from %s: %w", id, s.path, err)
	}
	return rec, nil
}

func load(ctx context.Context, tx *sql.Tx, id int64) (*Record, error) {
	run, err := scanRun(tx.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs r WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoRun
	}
	if err != nil {
		return nil, err
	}
	rec := &Record{Run: run}
	rows, err := tx.QueryContext(ctx, `SELECT fingerprint, rule, severity, url, path, file, line, target, message, evidence, help
		FROM findings WHERE run = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			f   checks.Finding
			sev string
		)
		if err := rows.Scan(&f.Fingerprint, &f.Rule, &sev, &f.URL, &f.Path, &f.File, &f.Line, &f.Target,
			&f.Message, &f.Evidence, &f.Help); err != nil {
			return nil, err
		}
		f.Severity, _ = checks.ParseSeverity(sev) // anything unknown reads as info, as reporters count it
		rec.Findings = append(rec.Findings, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var known bool
	if err := tx.QueryRowContext(ctx, `SELECT checked_known FROM runs WHERE id = ?`, id).Scan(&known); err != nil {
		return nil, err
	}
	if !known {
		return rec, nil
	}
	rec.Checked = map[string]bool{}
	pages, err := tx.QueryContext(ctx, `SELECT path FROM pages WHERE run = ?`, id)
	if err != nil {
		return nil, err
	}
	defer pages.Close()
	for pages.Next() {
		var p string
		if err := pages.Scan(&p); err != nil {
			return nil, err
		}
		rec.Checked[p] = true
	}
	return rec, pages.Err()
}

// Resolve turns a reference into a run id: "latest" (or "") is the newest
// run, "-N" the one N runs before it, and a number a run id. When target is
// not "", only the runs of that target count for latest and -N.
func (s *Store) Resolve(ctx context.Context, ref, target string) (int64, error) {
	ref = strings.TrimSpace(ref)
	back := 0
	switch {
	case ref == "" || ref == "latest":
	case strings.HasPrefix(ref, "-"):
		n, err := strconv.Atoi(ref[1:])
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%s#%s: want latest, -N or a run id", s.path, ref)
		}
		back = n
	default:
		id, err := strconv.ParseInt(ref, 10, 64)
		if err != nil || id <= 0 {
			return 0, fmt.Errorf("%s#%s: want latest, -N or a run id", s.path, ref)
		}
		var found int64
		err = s.db.QueryRowContext(ctx, `SELECT id FROM runs WHERE id = ?`, id).Scan(&found)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("%s#%s: %w", s.path, ref, ErrNoRun)
		}
		if err != nil {
			return 0, fmt.Errorf("%s#%s: %w", s.path, ref, err)
		}
		return found, nil
	}
	query, args := `SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?`, []any{back}
	if target != "" {
		query, args = `SELECT id FROM runs WHERE target = ? ORDER BY id DESC LIMIT 1 OFFSET ?`, []any{target, back}
	}
	var id int64
	err := s.db.QueryRowContext(ctx, query, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		if back == 0 {
			return 0, fmt.Errorf("%s#%s: the file holds no run: %w", s.path, orLatest(ref), ErrNoRun)
		}
		return 0, fmt.Errorf("%s#%s: the file holds fewer than %d runs: %w", s.path, ref, back+1, ErrNoRun)
	}
	if err != nil {
		return 0, fmt.Errorf("%s#%s: %w", s.path, orLatest(ref), err)
	}
	return id, nil
}

func orLatest(ref string) string {
	if ref == "" {
		return "latest"
	}
	return ref
}

// Previous returns the newest run of target stored before run id, or nil
// when there is none.
func (s *Store) Previous(ctx context.Context, target string, id int64) (*Record, error) {
	var prev int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM runs WHERE target = ? AND id < ? ORDER BY id DESC LIMIT 1`,
		target, id).Scan(&prev)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find the run before %d in %s: %w", id, s.path, err)
	}
	return s.Load(ctx, prev)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		if v {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
