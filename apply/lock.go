package apply

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// session is the dedicated connection that holds the apply lock for a whole
// run; the history is written through it (autocommit), never inside a
// step's transaction.
type session struct {
	eng  *engine
	conn *sql.Conn
	ctx  context.Context
}

// LockHolder is a session holding the apply lock.
type LockHolder struct {
	PID         int64
	User        string
	Application string
	Client      string
	// Since is when the holder's session connected or, on an engine that
	// does not keep that (MySQL), when it began its current command: the
	// message says only that the holder has been there since then.
	Since time.Time
}

// LockHeldError says another apply holds the apply lock; nothing was done.
type LockHeldError struct {
	Target  string
	Holders []LockHolder
}

func (e *LockHeldError) Error() string {
	if len(e.Holders) == 0 {
		return fmt.Sprintf("another apply is running on %s (it released its lock a moment ago, or holds it from another session); nothing was changed, try again", e.Target)
	}
	var parts []string
	for _, h := range e.Holders {
		parts = append(parts, fmt.Sprintf("%s, since %s", sessionText(h.PID, h.User, h.Application, h.Client, ", "), h.Since.Format(time.RFC3339)))
	}
	return fmt.Sprintf("another apply is running on %s: the apply lock is held by %s; nothing was changed — wait for it to finish (or end that session) and run apply again",
		e.Target, strings.Join(parts, "; "))
}

// sessionText names another session in messages by what the dialect knows
// of it, parts separated by sep: "pid 12  user app  application web  from
// 10.0.0.2". The application is left out when the session has none (an
// engine without session names, or a client that set none), rather than
// naming one engine's setting.
func sessionText(pid int64, user, application, client, sep string) string {
	parts := []string{fmt.Sprintf("pid %d", pid), "user " + user}
	if application != "" {
		parts = append(parts, "application "+application)
	}
	parts = append(parts, "from "+client)
	return strings.Join(parts, sep)
}

// lockApply opens the dedicated session, names it and takes the apply lock
// without waiting.
func lockApply(ctx context.Context, eng *engine, name string) (*session, error) {
	conn, err := eng.pool.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("apply lock on %s: %w", eng.target, err)
	}
	s := &session{eng: eng, conn: conn, ctx: ctx}
	if _, err := conn.ExecContext(ctx, eng.sql.SetSessionName(name)); err != nil {
		conn.Close()
		return nil, fmt.Errorf("apply lock on %s: %w", eng.target, err)
	}
	var got bool
	if err := conn.QueryRowContext(ctx, eng.sql.TryApplyLock()).Scan(&got); err != nil {
		conn.Close()
		return nil, fmt.Errorf("apply lock on %s: %w", eng.target, err)
	}
	if !got {
		holders, herr := s.holders()
		conn.Close()
		if herr != nil {
			return nil, fmt.Errorf("another apply is running on %s (who holds the lock could not be read: %v); nothing was changed", eng.target, herr)
		}
		return nil, &LockHeldError{Target: eng.target, Holders: holders}
	}
	return s, nil
}

// holders reads who holds the apply lock.
func (s *session) holders() ([]LockHolder, error) {
	rows, err := s.conn.QueryContext(s.ctx, s.eng.sql.ApplyLockHolders())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LockHolder
	for rows.Next() {
		var h LockHolder
		if err := rows.Scan(&h.PID, &h.User, &h.Application, &h.Client, &h.Since); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// release gives the lock back and closes the session (the server would
// release the lock with the session anyway).
func (s *session) release() {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(s.ctx), 10*time.Second)
	defer cancel()
	_, _ = s.conn.ExecContext(ctx, s.eng.sql.ReleaseApplyLock())
	_ = s.conn.Close()
}
