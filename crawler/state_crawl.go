package crawler

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/pagelint/pagelint/page"
)

// A PageKeeper adds what the rules found on a page to what a crawl state
// keeps of it, and hands it back when the crawl resumes; the crawler stores
// it as opaque bytes. checks.Keeper is the one pagelint uses.
type PageKeeper interface {
	// Keep is called once the page rules have run on p, whose summary is sum.
	Keep(p *page.Page, sum *page.Summary) ([]byte, error)
	// Restore is called, before the crawl goes on, for each page read by
	// an earlier run, after its summary is back in the Site.
	Restore(sum *page.Summary, kept []byte) error
}

// KeepPages sets what the state keeps of each page besides its summary.
// Call it before Run; it matters only with a State.
func (c *Crawler) KeepPages(k PageKeeper) {
	if c.st != nil {
		c.st.keeper = k
	}
}

// stateSeen bounds the cache of the visited set: two generations of this
// many keys each; older keys are looked up in the state file. A variable
// for the tests.
var stateSeen = 1 << 16

// linkSaveEvery is how often link results are written while a crawl runs
// (they are written at its end too): a crawl killed outright checks again
// at most this much of its links.
const linkSaveEvery = 2 * time.Second

// stateRun is one crawl's use of its State. The visited-set fields are
// guarded by the Crawler's mu.
type stateRun struct {
	st      *State
	keeper  PageKeeper
	resumed bool // the state held a crawl when this run began

	cur, old map[string]struct{} // keys known to be in the visited set
	fresh    map[string]int      // keys claimed by batches not yet committed
	count    int                 // size of the visited set

	backlog atomic.Int64 // queued in the file and not yet handed to colly
	wake    chan struct{}

	askedMu sync.Mutex
	asked   map[string]bool // link checks written (target -> body), bounded by stateSeen

	linksMu  sync.Mutex
	saved    map[string]string // link target -> signature of the result stored
	nextSave time.Time         // when link results are next written

	errOnce sync.Once
	err     error
	stop    context.CancelFunc
}

func newStateRun(st *State) *stateRun {
	return &stateRun{
		st: st, resumed: st.meta[metaInitialized] != "",
		cur: map[string]struct{}{}, old: map[string]struct{}{}, fresh: map[string]int{},
		wake: make(chan struct{}, 1), saved: map[string]string{}, asked: map[string]bool{},
	}
}

// fail records the first error writing the state and stops the crawl: a
// crawl that cannot keep its state would be lost to the resume it was for.
func (s *stateRun) fail(err error) {
	s.errOnce.Do(func() {
		s.err = err
		if s.stop != nil {
			s.stop()
		}
	})
}

func (s *stateRun) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *stateRun) remember(key string) {
	if len(s.cur) >= stateSeen {
		s.old, s.cur = s.cur, make(map[string]struct{}, stateSeen)
	}
	s.cur[key] = struct{}{}
}

// isVisited reports whether key was queued or read. Called with c.mu held.
func (c *Crawler) isVisited(key string) bool {
	s := c.st
	if s == nil {
		return c.visited[key]
	}
	if _, ok := s.cur[key]; ok {
		return true
	}
	if _, ok := s.old[key]; ok {
		s.remember(key)
		return true
	}
	if s.fresh[key] > 0 {
		return true
	}
	known, err := s.st.known(key)
	if err != nil {
		s.fail(err)
		return true // fetch nothing twice, whatever else goes wrong
	}
	if known {
		s.remember(key)
	}
	return known
}

// markVisited adds key to the visited set. Called with c.mu held; with a
// State, b must then write the key.
func (c *Crawler) markVisited(key string) {
	s := c.st
	if s == nil {
		c.visited[key] = true
		return
	}
	s.remember(key)
	s.fresh[key]++
	s.count++
}

// visitedCount is the size of the visited set. Called with c.mu held.
func (c *Crawler) visitedCount() int {
	if c.st == nil {
		return len(c.visited)
	}
	return c.st.count
}

// A stateBatch is what one page (or one non-page answer) adds to the
// state, written in one transaction. A nil batch (no State) takes nothing.
type stateBatch struct {
	queue   []queuedPage
	done    []queuedPage
	fetches []page.Fetch
	aliases [][2]string
	sum     *page.Summary
	// The summary and what the keeper keeps, encoded and deflated before
	// the transaction, so the state's lock is not held for it.
	packedSum, packedKept []byte
	counts                map[string]int
	notes                 []string
	links                 map[string]bool // link checks asked for: target -> body wanted
	files                 [][2]string     // kind, JSON
	meta                  []string        // key, value pairs
	reset                 bool            // empty every table first: a new crawl
}

func (c *Crawler) newBatch() *stateBatch {
	if c.st == nil {
		return nil
	}
	return &stateBatch{}
}

func (b *stateBatch) enqueue(key, target string, depth int) {
	if b != nil {
		b.queue = append(b.queue, queuedPage{key: key, url: target, depth: depth})
	}
}

// markDone records that the request for key is answered and stored.
func (b *stateBatch) markDone(key, target string, depth int) {
	if b != nil {
		b.done = append(b.done, queuedPage{key: key, url: target, depth: depth})
	}
}

func (b *stateBatch) fetch(f page.Fetch) {
	if b != nil {
		b.fetches = append(b.fetches, f)
	}
}

// bump adds one to a counter.
func (b *stateBatch) bump(name string) {
	if b == nil {
		return
	}
	if b.counts == nil {
		b.counts = map[string]int{}
	}
	b.counts[name]++
}

func (b *stateBatch) note(text string) {
	if b != nil {
		b.notes = append(b.notes, text)
	}
}

// Names of the counters kept in the state. A URL pattern's counters are
// "pattern PAT" (pages queued) and "capped PAT" (pages left unread).
const (
	counterDepth   = "depth"
	counterLong    = "long"
	counterRobots  = "robots"
	counterLimit   = "limit"
	counterPattern = "pattern "
	counterCapped  = "capped "
)

// keep adds the page's summary, and what the rules keep of it, to b.
func (c *Crawler) keep(b *stateBatch, p *page.Page, key string) {
	sum, ok := c.site.Page(key)
	if !ok || sum.URL != key {
		return // a handler that keeps no summary (tests)
	}
	var kept []byte
	if c.st.keeper != nil {
		var err error
		if kept, err = c.st.keeper.Keep(p, sum); err != nil {
			c.st.fail(fmt.Errorf("keep the findings of %s in the crawl state: %w", key, err))
			return
		}
	}
	raw, err := json.Marshal(sum)
	if err == nil {
		b.packedSum, err = deflate(raw)
	}
	if err == nil {
		b.packedKept, err = deflate(kept)
	}
	if err != nil {
		c.st.fail(fmt.Errorf("keep %s in the crawl state: %w", key, err))
		return
	}
	b.sum = sum
}

// checkLink has the link checker check the target of l (see
// linkChecker.checkLink), and b note it.
func (c *Crawler) checkLink(b *stateBatch, l page.Link) {
	base, _ := page.SplitFragment(l.URL)
	c.checkTarget(b, page.Normalize(base), l.Follow)
}

// checkTarget has the link checker check target, and b note it unless the
// state has it already.
func (c *Crawler) checkTarget(b *stateBatch, target string, body bool) {
	c.links.checkBody(target, body)
	if b == nil {
		return
	}
	s := c.st
	s.askedMu.Lock()
	had, ok := s.asked[target]
	if !ok || body && !had {
		if len(s.asked) >= stateSeen {
			clear(s.asked) // a target forgotten here is only written again
		}
		s.asked[target] = body
	}
	s.askedMu.Unlock()
	if ok && (had || !body) {
		return
	}
	if b.links == nil {
		b.links = map[string]bool{}
	}
	b.links[target] = b.links[target] || body
}

// alias records that from is the page to, in the Site and the state.
func (c *Crawler) alias(b *stateBatch, from, to string) {
	c.site.Alias(from, to)
	if b != nil && from != to {
		b.aliases = append(b.aliases, [2]string{from, to})
	}
}

// commit writes b in one transaction. A page is done in the same
// transaction as the pages it queued, so a crawl killed at any point either
// has all of a page or reads it again.
func (c *Crawler) commit(b *stateBatch) {
	if b == nil || c.st == nil {
		return
	}
	s := c.st
	added := 0
	err := s.st.write(func(tx stateTx) error {
		n, err := writeBatch(tx, b)
		added = n
		return err
	})
	c.mu.Lock()
	// The keys this batch claimed: those it queued, and a redirect's
	// final page it read.
	for _, q := range slices.Concat(b.queue, b.done) {
		if n, ok := s.fresh[q.key]; ok {
			if n <= 1 {
				delete(s.fresh, q.key)
			} else {
				s.fresh[q.key] = n - 1
			}
		}
	}
	c.mu.Unlock()
	if err != nil {
		s.fail(err)
		return
	}
	s.backlog.Add(int64(added))
	s.poke()
	if time.Now().After(s.saveDue()) {
		c.saveLinks()
	}
}

// writeBatch writes b and returns how many pages it queued.
func writeBatch(tx stateTx, b *stateBatch) (int, error) {
	if b.reset {
		for _, table := range []string{"pages", "summaries", "fetches", "aliases", "links", "counters", "notes", "sitefiles"} {
			if _, err := tx.Exec("DELETE FROM " + table); err != nil {
				return 0, err
			}
		}
	}
	added := 0
	for _, q := range b.queue {
		res, err := tx.run(sqlQueue, q.key, q.url, q.depth)
		if err != nil {
			return 0, err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added++
		}
	}
	for _, q := range b.done {
		if _, err := tx.run(sqlDone, q.key, q.url, q.depth); err != nil {
			return 0, err
		}
	}
	for _, f := range b.fetches {
		raw, err := json.Marshal(f)
		if err != nil {
			return 0, err
		}
		if _, err := tx.run(sqlFetch, f.URL, raw); err != nil {
			return 0, err
		}
	}
	for target, body := range b.links {
		if _, err := tx.run(sqlAsk, target, body); err != nil {
			return 0, err
		}
	}
	for _, a := range b.aliases {
		if _, err := tx.run(sqlAlias, a[0], a[1]); err != nil {
			return 0, err
		}
	}
	if b.sum != nil {
		if _, err := tx.run(sqlSummary, b.sum.URL, b.packedSum, b.packedKept); err != nil {
			return 0, err
		}
	}
	for name, n := range b.counts {
		if _, err := tx.run(sqlCounter, name, n); err != nil {
			return 0, err
		}
	}
	for _, text := range b.notes {
		if _, err := tx.run(sqlNote, text); err != nil {
			return 0, err
		}
	}
	for _, f := range b.files {
		if _, err := tx.run(sqlSiteFile, f[0], f[1]); err != nil {
			return 0, err
		}
	}
	return added, putMeta(tx, b.meta...)
}

func (s *stateRun) saveDue() time.Time {
	s.linksMu.Lock()
	defer s.linksMu.Unlock()
	return s.nextSave
}

// linkSignature tells two results of one link check apart: a HEAD result
// that a GET replaced is written again.
func linkSignature(f page.Fetch) string {
	return fmt.Sprintf("%s %d %s %t", f.Method, f.Status, f.Outcome, f.Target != nil)
}

// saveLinks writes the link results that are not in the state yet. Results
// of checks cut short by an interrupt have no outcome and are never
// written: they are checked again on resume.
func (c *Crawler) saveLinks() {
	s := c.st
	if s == nil {
		return
	}
	s.linksMu.Lock()
	defer s.linksMu.Unlock()
	began := time.Now()
	// Each save looks at every link job: on a site with a great many
	// links, saves are spaced so that they take at most 5% of the time.
	defer func() { s.nextSave = time.Now().Add(max(linkSaveEvery, 20*time.Since(began))) }()
	lc := c.links
	var todo []page.Fetch
	lc.mu.Lock()
	for target, j := range lc.jobs {
		if j.state != jobDone || j.result.Outcome == "" {
			continue
		}
		if sig := linkSignature(j.result); s.saved[target] != sig {
			s.saved[target] = sig
			todo = append(todo, j.result)
		}
	}
	lc.mu.Unlock()
	if len(todo) == 0 {
		return
	}
	err := s.st.write(func(tx stateTx) error {
		for _, f := range todo {
			raw, err := json.Marshal(f)
			if err != nil {
				return err
			}
			if _, err := tx.run(sqlLink, f.URL, raw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.fail(err)
	}
}

// startState stores what a new crawl begins with: robots.txt, the
// sitemaps, the start page and the sitemap seeds, in place of what a crawl
// that never read its start page may have left. The crawl can be resumed
// once its start page is stored (see startDone).
func (c *Crawler) startState(seeds []string) error {
	b := c.newBatch()
	b.reset = true
	if rb := c.site.Robots(); rb != nil {
		raw, err := encodeRobots(rb)
		if err != nil {
			return err
		}
		b.files = append(b.files, [2]string{"robots", string(raw)})
	}
	for _, m := range c.site.Sitemaps() {
		raw, err := json.Marshal(m)
		if err != nil {
			return err
		}
		b.files = append(b.files, [2]string{"sitemap", string(raw)})
	}
	startKey := c.pageKey(c.start)
	c.mu.Lock()
	c.markVisited(startKey)
	c.mu.Unlock()
	b.enqueue(startKey, c.start.String(), 0)
	c.queueSeeds(seeds, b)
	c.commit(b)
	return c.st.err
}

// startDone makes b, which stores the start page, the one that makes the
// crawl resumable.
func (b *stateBatch) startDone(depth int) {
	if b != nil && depth == 0 {
		b.meta = append(b.meta, metaInitialized, "1")
	}
}

// resumeState reads back what earlier runs stored: the site files, every
// page read (summary and findings), the fetches, the aliases, the link
// results, the counters behind the notices, and the size of the queue.
func (c *Crawler) resumeState() error {
	st := c.st.st
	st.mu.Lock()
	defer st.mu.Unlock()
	fail := func(what string, err error) error {
		return fmt.Errorf("--state %s: %s is not a usable crawl state: %s: %w", st.dir, st.path, what, err)
	}
	each := func(query string, f func(*sql.Rows) error) error {
		rows, err := st.db.Query(query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := f(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	err := each("SELECT kind, data FROM sitefiles ORDER BY seq", func(r *sql.Rows) error {
		var kind string
		var data []byte
		if err := r.Scan(&kind, &data); err != nil {
			return err
		}
		switch kind {
		case "robots":
			rb, err := decodeRobots(data)
			if err != nil {
				return err
			}
			c.site.SetRobots(rb)
		case "sitemap":
			var m page.SitemapFile
			if err := json.Unmarshal(data, &m); err != nil {
				return err
			}
			c.site.AddSitemap(&m)
		}
		return nil
	})
	if err != nil {
		return fail("site files", err)
	}
	// The crawler's own answers first: in the Site the first record wins,
	// and in an uninterrupted crawl the link checker's come at the end.
	var links []page.Fetch
	err = each("SELECT link, fetch FROM fetches ORDER BY link", func(r *sql.Rows) error {
		var link bool
		var data []byte
		if err := r.Scan(&link, &data); err != nil {
			return err
		}
		var f page.Fetch
		if err := json.Unmarshal(data, &f); err != nil {
			return err
		}
		if link {
			links = append(links, f)
		} else {
			c.site.RecordFetch(f)
		}
		return nil
	})
	if err != nil {
		return fail("fetches", err)
	}
	c.restoreLinks(links)
	err = each("SELECT alias, page FROM aliases", func(r *sql.Rows) error {
		var from, to string
		if err := r.Scan(&from, &to); err != nil {
			return err
		}
		c.site.Alias(from, to)
		return nil
	})
	if err != nil {
		return fail("aliases", err)
	}
	pages := int64(0)
	err = each("SELECT summary, kept FROM summaries", func(r *sql.Rows) error {
		var packed, packedKept []byte
		if err := r.Scan(&packed, &packedKept); err != nil {
			return err
		}
		data, err := inflate(packed)
		if err != nil {
			return err
		}
		kept, err := inflate(packedKept)
		if err != nil {
			return err
		}
		sum := &page.Summary{}
		if err := json.Unmarshal(data, sum); err != nil {
			return err
		}
		for i, l := range sum.Links {
			if l.LinkInfo != nil { // shared with every page saying the same, as when read
				sum.Links[i].LinkInfo = c.site.Link(*l.LinkInfo)
			}
		}
		c.site.AddPage(sum)
		pages++
		if c.st.keeper != nil {
			return c.st.keeper.Restore(sum, kept)
		}
		return nil
	})
	if err != nil {
		return fail("pages", err)
	}
	c.pages.Store(pages)
	if err := each("SELECT name, n FROM counters", c.restoreCounter); err != nil {
		return fail("counters", err)
	}
	err = each("SELECT text FROM notes ORDER BY seq", func(r *sql.Rows) error {
		var text string
		if err := r.Scan(&text); err != nil {
			return err
		}
		c.unparsed = append(c.unparsed, text)
		return nil
	})
	if err != nil {
		return fail("notes", err)
	}
	var asked []linkAsk
	err = each("SELECT target, body FROM links", func(r *sql.Rows) error {
		var a linkAsk
		if err := r.Scan(&a.target, &a.body); err != nil {
			return err
		}
		asked = append(asked, a)
		return nil
	})
	if err != nil {
		return fail("links", err)
	}
	// Checks already made are jobs done (restoreLinks); the others are
	// made now, as the pages that asked for them are not read again.
	defer func() {
		for _, a := range asked {
			c.links.checkBody(a.target, a.body)
		}
	}()
	var visited, queued int64
	if err := st.db.QueryRow("SELECT count(*), count(*) FILTER (WHERE done = 0) FROM pages").Scan(&visited, &queued); err != nil {
		return fail("pages", err)
	}
	c.st.count = int(visited)
	c.st.backlog.Store(queued)
	return nil
}

// A linkAsk is a link check a page asked for.
type linkAsk struct {
	target string
	body   bool
}

func (c *Crawler) restoreCounter(r *sql.Rows) error {
	var name string
	var n int
	if err := r.Scan(&name, &n); err != nil {
		return err
	}
	switch {
	case name == counterDepth:
		c.depthHit = n
	case name == counterLong:
		c.longHit = n
	case name == counterRobots:
		c.robotsHit = n
	case name == counterLimit:
		c.limitHit = n > 0
	case strings.HasPrefix(name, counterPattern):
		c.patterns[strings.TrimPrefix(name, counterPattern)] = n
	case strings.HasPrefix(name, counterCapped):
		c.capped[strings.TrimPrefix(name, counterCapped)] = n
	}
	return nil
}

// restoreLinks hands the link results of earlier runs to the link checker
// as checks already done: a link is not asked again, except a HEAD-only
// result that now needs its body, exactly as within one run.
func (c *Crawler) restoreLinks(links []page.Fetch) {
	c.st.linksMu.Lock() // saveLinks' order: linksMu, then the checker's mu
	defer c.st.linksMu.Unlock()
	lc := c.links
	lc.mu.Lock()
	defer lc.mu.Unlock()
	for _, f := range links {
		lc.jobs[f.URL] = &linkJob{target: f.URL, body: f.Method == http.MethodGet, state: jobDone, result: f}
		c.st.saved[f.URL] = linkSignature(f)
	}
}

// pump hands the queue in the state to colly, a few requests ahead of what
// the site's concurrency allows, so neither the queue nor colly's waiting
// requests (a goroutine each) have to be held in memory. It returns when
// the queue is empty and nothing is in flight, or ctx is done.
func (c *Crawler) pump(ctx context.Context, col *colly.Collector) error {
	s := c.st
	// colly's waiting requests run in no set order: a few ahead keep the
	// site busy, and the crawl close to the queue's breadth-first order.
	ahead := int64(2*c.opts.Concurrency + 2)
	var cursor int64 // rows up to here were handed to colly in this run
	for ctx.Err() == nil {
		inFlight := c.queued.Load()
		if inFlight >= ahead {
			s.sleep(ctx, 50*time.Millisecond)
			continue
		}
		rows, err := s.st.next(cursor, int(ahead-inFlight))
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			if c.queued.Load() > 0 && s.sleep(ctx, time.Second) {
				continue // a page was stored: it may have queued more
			}
			// Nothing queued in the file, and nothing in flight or nothing
			// stored for a second (a page still being read, a retry that
			// waits): colly knows when they are done.
			col.Wait()
			if more, err := s.st.next(cursor, 1); err != nil || len(more) == 0 {
				return err
			}
			continue
		}
		for _, q := range rows {
			cursor = q.seq
			s.backlog.Add(-1)
			if err := c.visit(col, q.url, q.key, q.depth); err != nil && q.depth == 0 {
				return fmt.Errorf("start URL %s: %w", c.start, err)
			}
		}
	}
	return nil
}

// sleep waits for something to be stored, at most d; it reports whether
// something was.
func (s *stateRun) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-s.wake:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// stateSettings are the options that change which pages are read and what
// is found on them: a crawl resumes only with the same ones. Concurrency,
// delays, timeouts and retries may change between runs.
func (c *Crawler) stateSettings(extra map[string]string) map[string]string {
	o := c.opts
	res := func(list []string) string { return strings.Join(list, " ") }
	var include, exclude []string
	for _, re := range o.Links.Include {
		include = append(include, re.String())
	}
	for _, re := range o.Links.Exclude {
		exclude = append(exclude, re.String())
	}
	var headers []string
	for k, vs := range o.Links.Headers {
		headers = append(headers, k+": "+strings.Join(vs, ", "))
	}
	slices.Sort(headers)
	strip := slices.Clone(o.StripParams)
	slices.Sort(strip)
	out := map[string]string{
		"--max-pages":       strconv.Itoa(o.MaxPages),
		"--max-depth":       strconv.Itoa(o.MaxDepth),
		"--scope":           o.Scope,
		"--user-agent":      o.UserAgent,
		"--ignore-robots":   strconv.FormatBool(o.IgnoreRobots),
		"--insecure":        strconv.FormatBool(o.Links.Insecure),
		"--skip-external":   strconv.FormatBool(o.SkipExternal),
		"--max-body":        strconv.Itoa(o.MaxBody),
		"--max-url-length":  strconv.Itoa(o.MaxURLLength),
		"--max-per-pattern": strconv.Itoa(o.MaxPerPattern),
		"--strip-params":    res(strip),
		"--include":         res(include),
		"--exclude":         res(exclude),
		"--accept":          fmt.Sprint(o.Links.Accept.ranges),
		// Header values may be secrets: only whether they changed is kept.
		"--header": digest(strings.Join(headers, "\n")),
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// digest names a value without keeping it, for settings that may be secret.
func digest(v string) string {
	if v == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:6])
}

// stateNotice says, on a crawl that stopped with pages still queued, that
// the state keeps them; a crawl that ran out of pages is marked finished.
// Called with c.mu held.
func (c *Crawler) stateNotice(res *Result, parent context.Context) {
	if c.st.st.meta[metaInitialized] == "" {
		return // stopped before its start page was stored: nothing to resume (see Close)
	}
	left, err := c.st.st.queuedCount()
	if err != nil {
		res.Notices = append(res.Notices, err.Error())
		return
	}
	stopped := parent.Err() != nil || c.timeHit
	if !stopped && left == 0 {
		if err := c.st.st.write(func(tx stateTx) error { return putMeta(tx, metaFinished, "1") }); err != nil {
			res.Notices = append(res.Notices, fmt.Sprintf("the crawl state could not be marked finished: %v", err))
		}
		return
	}
	if stopped {
		res.Notices = append(res.Notices, fmt.Sprintf("the crawl state in %s keeps what was read (%d page(s) still queued): run the same command with --resume to go on", c.st.st.dir, left))
	}
}
