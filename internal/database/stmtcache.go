package database

import (
	"container/list"
	"context"
	"database/sql/driver"
	"strings"
)

// stmtCacheSize bounds the statements one SQLite connection keeps prepared:
// more than the distinct SQL constants a page or job runs, few enough that
// queries built at run time (IN lists of any length) cannot grow it forever.
const stmtCacheSize = 256

// stmtConnector opens SQLite connections that keep their statements
// prepared (see stmtConn).
type stmtConnector struct{ driver.Connector }

// Connect opens a connection of the underlying driver and wraps it.
func (c stmtConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return newStmtConn(conn)
}

// stmtConn is a SQLite connection that prepares each statement once and
// runs it again from then on. The SQLite driver parses and plans every
// statement database/sql hands it, which costs more than running a small
// one: a dossier's submission runs a dozen statements, each parsed anew
// without this cache (PostgreSQL's driver keeps its own cache). Statements
// are kept by their text, the SQL constants of the modules, least recently
// used first out.
//
// A connection is used by one goroutine at a time (database/sql sees to
// it), so the cache needs no lock. A statement whose rows are still open
// is busy: a second query with the same text meanwhile (a query inside the
// loop over another's rows) gets a statement of its own.
type stmtConn struct {
	conn  driver.Conn
	exec  driver.ExecerContext
	query driver.QueryerContext
	prep  driver.ConnPrepareContext
	stmts map[string]*list.Element // of *cachedStmt
	lru   list.List                // front: most recently used
}

type cachedStmt struct {
	text string
	stmt driver.Stmt
	busy bool
}

func newStmtConn(conn driver.Conn) (driver.Conn, error) {
	exec, ok1 := conn.(driver.ExecerContext)
	query, ok2 := conn.(driver.QueryerContext)
	prep, ok3 := conn.(driver.ConnPrepareContext)
	_, ok4 := conn.(driver.ConnBeginTx)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		// A driver without these would lose features behind the wrapper:
		// hand its connection over as it is.
		return conn, nil
	}
	return &stmtConn{conn: conn, exec: exec, query: query, prep: prep, stmts: map[string]*list.Element{}}, nil
}

// cacheable tells whether text is one statement: a script of several
// (migrations) is run by the driver statement by statement, each parsed anyway.
func cacheable(text string) bool {
	t := strings.TrimRight(strings.TrimSpace(text), ";")
	return !strings.Contains(t, ";")
}

// get returns the prepared statement of text, preparing it when the cache
// lacks it; nil (and no error) when text is not to be cached or its
// statement is busy.
func (c *stmtConn) get(ctx context.Context, text string) (*cachedStmt, error) {
	if e, ok := c.stmts[text]; ok {
		cs := e.Value.(*cachedStmt)
		if cs.busy {
			return nil, nil
		}
		c.lru.MoveToFront(e)
		return cs, nil
	}
	if !cacheable(text) {
		return nil, nil
	}
	st, err := c.prep.PrepareContext(ctx, text)
	if err != nil {
		return nil, err
	}
	cs := &cachedStmt{text: text, stmt: st}
	c.stmts[text] = c.lru.PushFront(cs)
	for c.lru.Len() > stmtCacheSize {
		old := c.lru.Back()
		ocs := old.Value.(*cachedStmt)
		if ocs.busy {
			// Its rows are open: it goes when they close (see release).
			c.lru.MoveToFront(old)
			break
		}
		c.drop(old)
	}
	return cs, nil
}

func (c *stmtConn) drop(e *list.Element) error {
	cs := c.lru.Remove(e).(*cachedStmt)
	delete(c.stmts, cs.text)
	return cs.stmt.Close()
}

// ExecContext runs text from its prepared statement.
func (c *stmtConn) ExecContext(ctx context.Context, text string, args []driver.NamedValue) (driver.Result, error) {
	cs, err := c.get(ctx, text)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.exec.ExecContext(ctx, text, args)
	}
	return cs.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext runs text from its prepared statement, which stays busy
// until the rows close.
func (c *stmtConn) QueryContext(ctx context.Context, text string, args []driver.NamedValue) (driver.Rows, error) {
	cs, err := c.get(ctx, text)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.query.QueryContext(ctx, text, args)
	}
	rows, err := cs.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	cs.busy = true
	return &stmtRows{Rows: rows, release: func() { cs.busy = false }}, nil
}

// PrepareContext prepares text for database/sql's own Stmt, which closes it.
func (c *stmtConn) PrepareContext(ctx context.Context, text string) (driver.Stmt, error) {
	return c.prep.PrepareContext(ctx, text)
}

// Prepare is PrepareContext without a context.
func (c *stmtConn) Prepare(text string) (driver.Stmt, error) {
	return c.prep.PrepareContext(context.Background(), text)
}

// The statements that begin and end a transaction, kept as the others:
// the driver would prepare and finalize them for every transaction, which
// costs about as much as the small write a transaction usually holds.
// beginWriteSQL takes the write lock at once, as _txlock=immediate asks of
// the driver (see OpenSQLite); a read-only transaction begins deferred.
const (
	beginWriteSQL = "BEGIN IMMEDIATE"
	beginReadSQL  = "BEGIN"
	commitSQL     = "COMMIT"
	rollbackSQL   = "ROLLBACK"
)

// BeginTx begins a transaction on the connection from kept statements.
// A BEGIN that fails is rolled back, whatever the error: a BEGIN that took
// effect before its context ended must not leave the connection inside a
// transaction that database/sql does not know of.
func (c *stmtConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	begin := beginWriteSQL
	if opts.ReadOnly {
		begin = beginReadSQL
	}
	if _, err := c.ExecContext(ctx, begin, nil); err != nil {
		c.ExecContext(context.Background(), rollbackSQL, nil)
		return nil, err
	}
	return stmtTx{c}, nil
}

// stmtTx is a transaction begun by stmtConn.BeginTx.
type stmtTx struct{ c *stmtConn }

// Commit commits from the kept COMMIT statement. It runs to its end
// whatever happens to the context of the work it commits: in WAL mode a
// COMMIT waits for no lock (BEGIN IMMEDIATE took it), and its error, when
// there is one, is then SQLite's own, never a context's ending after the
// data was written. A COMMIT that fails may leave the transaction open
// (busy): it is rolled back, as database/sql expects the connection clean.
func (t stmtTx) Commit() error {
	_, err := t.c.ExecContext(context.Background(), commitSQL, nil)
	if err != nil {
		t.c.ExecContext(context.Background(), rollbackSQL, nil)
	}
	return err
}

// Rollback rolls back from the kept ROLLBACK statement; it must run even
// when the context of the work has ended.
func (t stmtTx) Rollback() error {
	_, err := t.c.ExecContext(context.Background(), rollbackSQL, nil)
	return err
}

// Begin is BeginTx with the default options.
func (c *stmtConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// Close finalizes the kept statements, then closes the connection.
func (c *stmtConn) Close() error {
	for c.lru.Len() > 0 {
		c.drop(c.lru.Back())
	}
	return c.conn.Close()
}

// ResetSession passes database/sql's check to the driver.
func (c *stmtConn) ResetSession(ctx context.Context) error {
	if r, ok := c.conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

// IsValid passes database/sql's check to the driver.
func (c *stmtConn) IsValid() bool {
	if v, ok := c.conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// Ping passes database/sql's check to the driver.
func (c *stmtConn) Ping(ctx context.Context) error {
	if p, ok := c.conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

// stmtRows are the rows of a kept statement, which becomes free again when
// they close.
type stmtRows struct {
	driver.Rows
	release func()
}

func (r *stmtRows) Close() error {
	err := r.Rows.Close()
	if r.release != nil {
		r.release()
		r.release = nil
	}
	return err
}
