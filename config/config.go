package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/pagelint/pagelint/checks"
)

// Names are the file names Find looks for, in each folder.
var Names = []string{".pagelint.yml", ".pagelint.yaml"}

// File is a parsed .pagelint.yml.
type File struct {
	Path   string         // where it was read from
	Checks checks.Config  // rules, overrides, ignore
	FailOn *checks.FailOn // nil when not set
	Format string         // "" when not set
	Now    *time.Time     // the date rules compare with; nil when not set
	Crawl  Crawl          // crawl settings, each a pointer: nil = not set (flags and defaults apply)
	Check  Check          // check-mode settings (base-url, pretty-urls, root, check-external)
	Links  Links          // link excludes/includes (regexes on targets), compiled and validated
	Hash   string         // sha256 hex of the file bytes (history keeps it)

	lines map[string]int // dotted key ("crawl.max-pages") -> line of its value
}

// Crawl holds the settings of `pagelint crawl`; nil means not set. Timeout
// and UserAgent also serve `pagelint check --check-external`.
type Crawl struct {
	MaxPages, MaxDepth, Concurrency *int
	MaxURLLength, MaxPerPattern     *int
	Delay, Timeout, MaxDuration     *time.Duration
	UserAgent, Scope                *string
	IgnoreRobots, SkipExternal      *bool
}

// Check holds the settings of `pagelint check`; nil means not set. Root, when
// set, is already resolved against the config file's folder.
type Check struct {
	BaseURL, Root             *string
	PrettyURLs, CheckExternal *bool
}

// Links are the link targets to leave unchecked. Exclude and Include are
// compiled; the Sources fields hold the same expressions as written.
type Links struct {
	Exclude, Include               []*regexp.Regexp
	ExcludeSources, IncludeSources []string
}

// Skip reports whether a link target is left unchecked: it matches an
// exclude and no include.
func (l Links) Skip(target string) bool {
	for _, re := range l.Include {
		if re.MatchString(target) {
			return false
		}
	}
	for _, re := range l.Exclude {
		if re.MatchString(target) {
			return true
		}
	}
	return false
}

// An Error is a mistake in a config file. Its text is "FILE:LINE: MSG", or
// "FILE: MSG" when the line is unknown; Msg names the key.
type Error struct {
	File string
	Line int    // 1-based; 0 when unknown
	Key  string // dotted key it concerns ("crawl.max-pages", "rules.broken-link"), "" for the whole file
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Line returns the line of the value of a dotted key ("format",
// "crawl.max-pages", "rules.broken-link"), 0 when the file does not set it.
func (f *File) Line(key string) int {
	return f.lines[key]
}

// Errorf returns an *Error about a key the file sets, for checks made after
// Load (a format name unknown to the reporters): "FILE:LINE: KEY: MSG".
func (f *File) Errorf(key, format string, args ...any) error {
	return &Error{File: f.Path, Line: f.Line(key), Key: key, Msg: key + ": " + fmt.Sprintf(format, args...)}
}

// Find returns the first .pagelint.yml (or .pagelint.yaml) in dir or its
// parents, "" when none. The path is relative when dir is ("../.pagelint.yml"
// from "."), so messages stay short. Both names in one folder is an error.
// A dir that is a file stands for the folder holding it.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("look for a config file: %w", err)
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		dir, abs = filepath.Dir(dir), filepath.Dir(abs)
	}
	for d := abs; ; {
		var found []string
		for _, name := range Names {
			p := filepath.Join(d, name)
			st, err := os.Stat(p)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				continue
			case err != nil:
				return "", fmt.Errorf("look for a config file: %w", err)
			case st.IsDir():
				return "", fmt.Errorf("look for a config file: %s is a folder", p)
			}
			found = append(found, name)
		}
		switch len(found) {
		case 0:
		case 1:
			if filepath.IsAbs(dir) {
				return filepath.Join(d, found[0]), nil
			}
			// A relative dir gets a relative answer, as messages quote it;
			// when no relative path exists, the absolute one is as good.
			if rel, err := filepath.Rel(abs, d); err == nil {
				return filepath.Join(dir, rel, found[0]), nil
			}
			return filepath.Join(d, found[0]), nil
		default:
			return "", fmt.Errorf("both %s and %s are in %s: keep one", found[0], found[1], d)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		d = parent
	}
}

// Load reads and validates a config file against the given rules (pass
// checks.All()).
func Load(path string, rules []*checks.Check) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, err)
	}
	return Parse(path, data, rules)
}

// Parse is Load from bytes (name is used in messages, and its folder is the
// one a relative check.root resolves against). An empty file is an empty
// config. On error nothing is returned; the error joins every mistake found
// (each an *Error), in file order.
func Parse(name string, data []byte, rules []*checks.Check) (*File, error) {
	sum := sha256.Sum256(data)
	f := &File{Path: name, Hash: hex.EncodeToString(sum[:])}
	d := newDecoder(name, rules, f)
	root, err := parseYAML(name, data)
	if err != nil {
		return nil, err
	}
	if root != nil {
		d.file(root)
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	// The last line of defence for what the decoder may have missed; no
	// known case reaches it.
	if err := f.Checks.Validate(rules); err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	return f, nil
}

// ParseNow reads the reference date of date rules (the `now` key and the
// --now flag): a date, taken as midnight UTC, or an RFC 3339 time.
func ParseNow(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("want a date such as 2026-01-31 or an RFC 3339 time, got %q", s)
	}
	return t.UTC(), nil
}
