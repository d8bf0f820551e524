package crawler

import (
	"bytes"
	"compress/flate"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // registers the "sqlite" driver, pure Go

	"github.com/pagelint/pagelint/page"
	"github.com/pagelint/pagelint/robots"
)

// StateFile is the name of the SQLite file a crawl state keeps in its folder
// (with its -wal file while a crawl runs).
const StateFile = "crawl.db"

// stateVersion is the schema this pagelint writes. A state from another
// version is refused rather than guessed at: it is a crawl in progress,
// cheap to start again compared with a report built from misread rows.
const stateVersion = 1

// stateSchema is the whole schema. A page is a row of pages from the moment
// it is queued (the visited set and the queue are one table: done = 0 is
// the queue, in seq order); it is done once everything the crawl learnt from
// it is stored, in the same transaction.
const stateSchema = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE pages (
	seq   INTEGER PRIMARY KEY,     -- queue order
	key   TEXT    NOT NULL UNIQUE, -- the page key (normalized, tracking parameters stripped)
	url   TEXT    NOT NULL,        -- the URL to request
	depth INTEGER NOT NULL,
	done  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pages_queue ON pages (seq) WHERE done = 0;
CREATE TABLE summaries (
	url     TEXT PRIMARY KEY,
	summary BLOB NOT NULL, -- page.Summary as JSON, deflated
	kept    BLOB           -- what the rules keep of the page (its findings), deflated
) WITHOUT ROWID;
CREATE TABLE fetches (
	url   TEXT    NOT NULL,
	link  INTEGER NOT NULL, -- 0: the crawler read it as a page; 1: the link checker checked it
	fetch BLOB    NOT NULL, -- page.Fetch as JSON
	PRIMARY KEY (url, link)
) WITHOUT ROWID;
CREATE TABLE aliases (alias TEXT PRIMARY KEY, page TEXT NOT NULL) WITHOUT ROWID;
-- The link checks the pages read asked for, written with the page: a
-- check that had no result when the crawl stopped is made on resume.
CREATE TABLE links (target TEXT PRIMARY KEY, body INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE notes (seq INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE sitefiles (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, data BLOB NOT NULL);
`

// Keys of the meta table.
const (
	metaStart       = "start"       // the normalized start URL
	metaSettings    = "settings"    // JSON object: the settings that change what is read and found
	metaInitialized = "initialized" // "1" once robots.txt, the sitemaps and the start page are stored
	metaFinished    = "finished"    // "1" once a run ended with an empty queue
)

// A State is a crawl kept on disk (--state DIR): the pages queued and read,
// the link results, and each page's summary and findings, so a crawl that
// was stopped can go on (--resume) and end as if it had not been.
type State struct {
	dir  string
	path string
	db   *sql.DB
	meta map[string]string
	// stmts are prepared once: parsing the SQL of each statement of each
	// page's transaction again cost more than running it.
	stmts map[string]*sql.Stmt

	// mu serializes every use of the one connection: a transaction per
	// page, and the reads of the visited set and the queue.
	mu sync.Mutex
}

// OpenState opens the crawl state in dir, creating dir and the state when
// they do not exist. With resume it must hold a crawl; without, it must
// not: a crawl is never thrown away or mixed with another one silently.
// Every error names dir and is meant to end the run before any request.
func OpenState(dir string, resume bool) (*State, error) {
	if dir == "" {
		return nil, errors.New("--state: no folder given")
	}
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return nil, fmt.Errorf("--state %s: not a folder", dir)
	case errors.Is(err, fs.ErrNotExist) && resume:
		return nil, fmt.Errorf("--state %s: no crawl to resume there (run once without --resume to start one)", dir)
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("--state %s: %w", dir, unwrapPathError(err))
		}
	case err != nil:
		return nil, fmt.Errorf("--state %s: %w", dir, unwrapPathError(err))
	}
	path := filepath.Join(dir, StateFile)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if resume {
			return nil, fmt.Errorf("--state %s: no crawl to resume there (no %s; run once without --resume to start one)", dir, StateFile)
		}
		// SQLite would fail later, and less clearly, in a folder it cannot write.
		probe, err := os.CreateTemp(dir, ".pagelint-probe-*")
		if err != nil {
			return nil, fmt.Errorf("--state %s: cannot write there: %w", dir, unwrapPathError(err))
		}
		probe.Close()
		_ = os.Remove(probe.Name())
	}
	s, err := openStateDB(dir, path)
	if err != nil {
		return nil, err
	}
	// A crawl that never got past its start (robots.txt, the start page)
	// left nothing to resume: it is started again.
	started := s.meta[metaInitialized] != ""
	switch {
	case resume && !started:
		_ = s.Close()
		return nil, fmt.Errorf("--state %s: no crawl to resume there (run once without --resume to start one)", dir)
	case !resume && started:
		s.db.Close()
		what := "an unfinished crawl"
		if s.meta[metaFinished] != "" {
			what = "a finished crawl"
		}
		return nil, fmt.Errorf("--state %s already holds %s of %s: add --resume to continue it, or remove the folder to start over", dir, what, s.meta[metaStart])
	}
	return s, nil
}

func openStateDB(dir, path string) (*State, error) {
	q := url.Values{}
	// One process per state: the exclusive lock is taken at the first write
	// and kept, so a second crawl on the same folder fails at once.
	q.Add("_pragma", "busy_timeout(0)")
	q.Add("_pragma", "locking_mode(EXCLUSIVE)")
	q.Add("_pragma", "journal_mode(WAL)")
	// WAL with synchronous NORMAL: a commit survives the process being
	// killed (SIGKILL), though not the machine losing power.
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("--state %s: open %s: %w", dir, path, err)
	}
	db.SetMaxOpenConns(1)
	s := &State{dir: dir, path: path, db: db}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.readMeta(); err != nil {
		db.Close()
		return nil, err
	}
	s.stmts = map[string]*sql.Stmt{}
	for _, q := range stateStatements {
		st, err := db.Prepare(q)
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("--state %s: %s is not a usable crawl state: %w", dir, path, err)
		}
		s.stmts[q] = st
	}
	return s, nil
}

// The statements of a crawl, prepared when the state is opened.
const (
	sqlQueue    = "INSERT OR IGNORE INTO pages (key, url, depth) VALUES (?, ?, ?)"
	sqlDone     = "INSERT INTO pages (key, url, depth, done) VALUES (?, ?, ?, 1) ON CONFLICT (key) DO UPDATE SET done = 1"
	sqlFetch    = "INSERT OR IGNORE INTO fetches (url, link, fetch) VALUES (?, 0, ?)" // the first record wins, as in the Site
	sqlLink     = "INSERT OR REPLACE INTO fetches (url, link, fetch) VALUES (?, 1, ?)"
	sqlAsk      = "INSERT INTO links (target, body) VALUES (?, ?) ON CONFLICT (target) DO UPDATE SET body = max(body, excluded.body)"
	sqlAlias    = "INSERT OR REPLACE INTO aliases (alias, page) VALUES (?, ?)"
	sqlSummary  = "INSERT OR REPLACE INTO summaries (url, summary, kept) VALUES (?, ?, ?)"
	sqlCounter  = "INSERT INTO counters (name, n) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET n = n + excluded.n"
	sqlNote     = "INSERT INTO notes (text) VALUES (?)"
	sqlSiteFile = "INSERT INTO sitefiles (kind, data) VALUES (?, ?)"
	sqlMeta     = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
	sqlKnown    = "SELECT 1 FROM pages WHERE key = ?"
	sqlNext     = "SELECT seq, key, url, depth FROM pages WHERE done = 0 AND seq > ? ORDER BY seq LIMIT ?"
	sqlQueued   = "SELECT count(*) FROM pages WHERE done = 0"
)

var stateStatements = []string{
	sqlQueue, sqlDone, sqlFetch, sqlLink, sqlAsk, sqlAlias, sqlSummary, sqlCounter, sqlNote, sqlSiteFile, sqlMeta,
	sqlKnown, sqlNext, sqlQueued,
}

// A stateTx is a transaction that runs the prepared statements.
type stateTx struct {
	*sql.Tx
	s *State
}

func (t stateTx) run(query string, args ...any) (sql.Result, error) {
	return t.Stmt(t.s.stmts[query]).Exec(args...)
}

// migrate creates the schema in a new file and refuses a file that is not
// a crawl state of this version.
func (s *State) migrate() error {
	ctx := context.Background()
	bad := func(err error) error {
		msg := err.Error()
		if strings.Contains(msg, "locked") || strings.Contains(msg, "busy") {
			return fmt.Errorf("--state %s: %s is in use by another pagelint crawl", s.dir, s.path)
		}
		return fmt.Errorf("--state %s: %s is not a pagelint crawl state: %w", s.dir, s.path, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return bad(err)
	}
	defer func() { _ = tx.Rollback() }()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return bad(err)
	}
	switch v {
	case stateVersion:
		return nil
	case 0:
	default:
		return fmt.Errorf("--state %s: %s is a crawl state of another pagelint version (schema %d, this one reads %d): remove the folder to start over", s.dir, s.path, v, stateVersion)
	}
	var tables int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
		return bad(err)
	}
	if tables > 0 {
		return bad(errors.New("it has tables of its own"))
	}
	if _, err := tx.ExecContext(ctx, stateSchema); err != nil {
		return bad(err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", stateVersion)); err != nil {
		return bad(err)
	}
	if err := tx.Commit(); err != nil {
		return bad(err)
	}
	return nil
}

func (s *State) readMeta() error {
	rows, err := s.db.Query("SELECT key, value FROM meta")
	if err != nil {
		return fmt.Errorf("--state %s: read %s: %w", s.dir, s.path, err)
	}
	defer rows.Close()
	s.meta = map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return fmt.Errorf("--state %s: read %s: %w", s.dir, s.path, err)
		}
		s.meta[k] = v
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("--state %s: read %s: %w", s.dir, s.path, err)
	}
	return nil
}

// Dir is the state's folder, as given.
func (s *State) Dir() string { return s.dir }

// Setting returns a setting of the crawl the state holds ("" for a new
// state, or a setting it does not have).
func (s *State) Setting(name string) string {
	var settings map[string]string
	if err := json.Unmarshal([]byte(s.meta[metaSettings]), &settings); err != nil {
		return ""
	}
	return settings[name]
}

// Close closes the state file. Every page is committed as it is read, so
// nothing is lost when Close is never reached. A crawl that never stored
// its start page has nothing to resume: its file is removed, so that a
// script that resumes whenever the file exists starts it again.
func (s *State) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close crawl state %s: %w", s.path, err)
	}
	if s.meta[metaInitialized] == "" {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(s.path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove the unused crawl state %s: %w", s.path, unwrapPathError(err))
			}
		}
	}
	return nil
}

// bind ties the state to a crawl: a new state records the start URL and
// settings; a resumed one must have been made by the same crawl.
func (s *State) bind(start string, settings map[string]string) error {
	if old := s.meta[metaStart]; old != "" && s.meta[metaInitialized] != "" {
		if old != start {
			return fmt.Errorf("--state %s holds a crawl of %s, not of %s: give that start URL to resume it, or use another folder", s.dir, old, start)
		}
		var was map[string]string
		if err := json.Unmarshal([]byte(s.meta[metaSettings]), &was); err != nil {
			return fmt.Errorf("--state %s: %s is not a pagelint crawl state: settings: %w", s.dir, s.path, err)
		}
		if diff := settingsDiff(was, settings); diff != "" {
			return fmt.Errorf("--state %s: the crawl there was started with other settings (%s): resume it with the same ones, or remove the folder to start over", s.dir, diff)
		}
		return nil
	}
	raw, err := json.Marshal(settings)
	if err != nil {
		return err
	}
	return s.write(func(tx stateTx) error {
		return putMeta(tx, metaStart, start, metaSettings, string(raw))
	})
}

// settingsDiff names the settings that differ, at most three, as
// "--max-depth 3 then, -1 now".
func settingsDiff(was, now map[string]string) string {
	var names []string
	for k := range was {
		names = append(names, k)
	}
	for k := range now {
		if _, ok := was[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	var out []string
	for _, k := range names {
		if was[k] == now[k] {
			continue
		}
		if len(out) == 3 {
			out = append(out, "…")
			break
		}
		show := func(v string) string {
			if v == "" {
				return "none"
			}
			return v
		}
		out = append(out, fmt.Sprintf("%s %s then, %s now", k, show(was[k]), show(now[k])))
	}
	return strings.Join(out, "; ")
}

// putMeta writes meta keys and values, and notes them in the State (whose
// mu write holds).
func putMeta(tx stateTx, kv ...string) error {
	for i := 0; i+1 < len(kv); i += 2 {
		if _, err := tx.run(sqlMeta, kv[i], kv[i+1]); err != nil {
			return err
		}
		tx.s.meta[kv[i]] = kv[i+1]
	}
	return nil
}

// write runs f in one transaction.
func (s *State) write(f func(stateTx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.Begin()
	if err != nil {
		return fmt.Errorf("write crawl state %s: %w", s.path, err)
	}
	if err := f(stateTx{Tx: tx, s: s}); err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("write crawl state %s: %w", s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("write crawl state %s: %w", s.path, err)
	}
	return nil
}

// A queuedPage is a row of the queue.
type queuedPage struct {
	seq   int64
	key   string
	url   string
	depth int
}

// known reports whether key is in the visited set (queued or read).
func (s *State) known(key string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var one int
	err := s.stmts[sqlKnown].QueryRow(key).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("read crawl state %s: %w", s.path, err)
	}
	return true, nil
}

// queuedCount is the size of the queue.
func (s *State) queuedCount() (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int
	if err := s.stmts[sqlQueued].QueryRow().Scan(&n); err != nil {
		return 0, fmt.Errorf("read crawl state %s: %w", s.path, err)
	}
	return n, nil
}

// next returns at most n queued pages after seq, in queue order.
func (s *State) next(after int64, n int) ([]queuedPage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rows, err := s.stmts[sqlNext].Query(after, n)
	if err != nil {
		return nil, fmt.Errorf("read crawl state %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []queuedPage
	for rows.Next() {
		var q queuedPage
		if err := rows.Scan(&q.seq, &q.key, &q.url, &q.depth); err != nil {
			return nil, fmt.Errorf("read crawl state %s: %w", s.path, err)
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read crawl state %s: %w", s.path, err)
	}
	return out, nil
}

// encodeRobots keeps a robots.txt without its parsed rules, which
// decodeRobots parses again from the body.
func encodeRobots(rb *page.RobotsFile) ([]byte, error) {
	c := *rb
	c.Rules = nil
	return json.Marshal(c)
}

func decodeRobots(data []byte) (*page.RobotsFile, error) {
	var rb page.RobotsFile
	if err := json.Unmarshal(data, &rb); err != nil {
		return nil, err
	}
	if rb.Status >= 200 && rb.Status < 300 {
		rb.Rules = robots.Parse(rb.Body)
		// Body keeps robots.MaxSize bytes; the rules were read from more.
		rb.Rules.Truncated = rb.Size > robots.MaxSize
	}
	return &rb, nil
}

// Summaries are most of a state (links with their evidence: about 36 KB a
// page of JSON on the Debian docs); deflated at the fastest level they take
// an eighth of that, for about 0.2 ms a page.
var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

func deflate(raw []byte) ([]byte, error) {
	if raw == nil {
		return nil, nil
	}
	var b bytes.Buffer
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&b)
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func inflate(packed []byte) ([]byte, error) {
	if packed == nil {
		return nil, nil
	}
	r := flate.NewReader(bytes.NewReader(packed))
	defer r.Close()
	return io.ReadAll(r)
}
