package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// connectError rewords a driver error from the first round trip into one
// line that names host:port/db and says what went wrong, without the driver's
// connection-string prefix and never with the password.
func (d *Database) connectError(err error) error {
	return fmt.Errorf("connect to %s: %s", d.Target(), d.scrub(connectReason(err)))
}

// connectReason picks the most useful part of a connection failure.
func connectReason(err error) string {
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr):
		return pgErr.Message
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out waiting for the server (is it reachable from here?)"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused: is the PostgreSQL server running and accepting TCP connections on that host and port?"
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Sprintf("cannot resolve host %q: %s", dnsErr.Name, dnsErr.Err)
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Err != nil {
		return opErr.Err.Error()
	}
	msg := err.Error()
	if looksLikeProtocolMismatch(msg) {
		return "the server is not a PostgreSQL server (it did not answer in the PostgreSQL wire protocol); " +
			"use a URL for its own dialect, e.g. mysql://"
	}
	return lastLine(msg)
}

// looksLikeProtocolMismatch recognises pgx's errors for a peer that speaks
// another protocol (a MySQL server sends its own greeting first).
func looksLikeProtocolMismatch(msg string) bool {
	for _, s := range []string{"unexpected message", "unknown message type", "bad message", "invalid message",
		"receive message failed", "unexpected EOF", "server refused TLS"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// lastLine returns the last non-empty line of a multi-line driver error with
// pgx's "failed to connect to `user=… database=…`:" prefix removed.
func lastLine(msg string) string {
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	if i := strings.Index(last, "`: "); strings.HasPrefix(last, "failed to connect to `") && i > 0 {
		last = last[i+3:]
	}
	return last
}

// scrub removes the connection's password from a message, whatever the
// driver put in it.
func (d *Database) scrub(msg string) string {
	if d.password == "" {
		return msg
	}
	return strings.ReplaceAll(msg, d.password, "xxxxx")
}

// wrapErr adds the database target to an error from a catalog read or
// statement, scrubbed of the password.
func (d *Database) wrapErr(what string, err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return fmt.Errorf("%s on %s: %s (SQLSTATE %s)", what, d.Target(), d.scrub(pgErr.Message), pgErr.Code)
	}
	return fmt.Errorf("%s on %s: %s", what, d.Target(), d.scrub(err.Error()))
}
