package history

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations bring a file from one schema version to the next: migrations[i]
// takes it from version i to i+1. Append only: a file in the wild may be at
// any version, and an edited migration would leave it different from a new one.
var migrations = []string{
	// 1: runs and their findings.
	`CREATE TABLE runs (
		id           INTEGER PRIMARY KEY AUTOINCREMENT,
		target       TEXT    NOT NULL,
		start        TEXT    NOT NULL, -- RFC 3339, UTC
		duration_ms  INTEGER NOT NULL,
		pages        INTEGER NOT NULL,
		complete     INTEGER NOT NULL,
		tool_version TEXT    NOT NULL,
		config_hash  TEXT    NOT NULL
	);
	CREATE INDEX runs_by_target ON runs (target, id);
	CREATE TABLE findings (
		run         INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
		seq         INTEGER NOT NULL, -- the engine's order
		fingerprint TEXT    NOT NULL,
		rule        TEXT    NOT NULL,
		severity    TEXT    NOT NULL,
		url         TEXT    NOT NULL,
		path        TEXT    NOT NULL,
		file        TEXT    NOT NULL,
		line        INTEGER NOT NULL,
		target      TEXT    NOT NULL,
		message     TEXT    NOT NULL,
		evidence    TEXT    NOT NULL,
		help        TEXT    NOT NULL,
		PRIMARY KEY (run, seq)
	) WITHOUT ROWID;`,

	// 2: the pages each run checked, so that a finding on a page the next
	// run did not check is "not checked" rather than "fixed". Runs stored
	// before it have checked_known = 0: their set is unknown.
	`ALTER TABLE runs ADD COLUMN checked_known INTEGER NOT NULL DEFAULT 0;
	CREATE TABLE pages (
		run  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
		path TEXT    NOT NULL,
		PRIMARY KEY (run, path)
	) WITHOUT ROWID;`,
}

// SchemaVersion is the version a file has once Open has migrated it.
var SchemaVersion = len(migrations)

// migrate applies the missing migrations, each in its own immediate
// transaction that re-reads the version first, so two processes opening a
// new file at once do not both create its tables.
func migrate(ctx context.Context, db *sql.DB, upTo int) error {
	for {
		done, err := migrateOne(ctx, db, upTo)
		if err != nil || done {
			return err
		}
	}
}

func migrateOne(ctx context.Context, db *sql.DB, upTo int) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE (the DSN's _txlock)
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case v > len(migrations):
		return false, fmt.Errorf("schema version %d is newer than this pagelint knows (%d): upgrade pagelint", v, len(migrations))
	case v >= upTo:
		return true, tx.Rollback()
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migrate schema to version %d: %w", v+1, err)
	}
	// PRAGMA takes no parameters; v+1 is an int we computed.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, fmt.Errorf("migrate schema to version %d: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate schema to version %d: %w", v+1, err)
	}
	return false, nil
}
