package schema

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// String formats the position as "file:line:col" (or "file" / "" when parts
// are unknown, as for objects read from a database).
func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.Line == 0:
		return p.File
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
	}
}

// IsZero reports whether the position is unknown.
func (p Pos) IsZero() bool { return p == Pos{} }

// Error is one problem in a desired-state source, at a position. Its text is
// "file:line:col: message", the form editors and terminals link to.
type Error struct {
	Pos Pos
	Msg string
}

// Error returns "file:line:col: message" (just the message when the
// position is unknown).
func (e *Error) Error() string {
	if p := e.Pos.String(); p != "" {
		return p + ": " + e.Msg
	}
	return e.Msg
}

// ErrorList is several Errors, in the order they were found (files by name,
// then source order). errors.As finds the first *Error through it.
type ErrorList []*Error

// Error returns one "file:line:col: message" line per error.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Err returns nil for an empty list, the single *Error for a list of one,
// and the list itself otherwise.
func (l ErrorList) Err() error {
	switch len(l) {
	case 0:
		return nil
	case 1:
		return l[0]
	default:
		return l
	}
}

// errorf appends an error at pos.
func (l *ErrorList) errorf(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// addDiags appends the error diagnostics of an HCL operation.
func (l *ErrorList) addDiags(diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		*l = append(*l, diagError(d))
	}
}

// diagError converts one HCL diagnostic into an Error at its subject.
func diagError(d *hcl.Diagnostic) *Error {
	var pos Pos
	if d.Subject != nil {
		pos = posOf(d.Subject.Filename, d.Subject.Start)
	}
	msg := strings.TrimSuffix(d.Summary, ".")
	if d.Detail != "" {
		msg += ": " + strings.TrimSuffix(d.Detail, ".")
	}
	return &Error{Pos: pos, Msg: msg}
}

// posOf converts an HCL position into a Pos.
func posOf(file string, p hcl.Pos) Pos {
	return Pos{File: file, Line: p.Line, Column: p.Column}
}

// rangePos is the start of an HCL range as a Pos.
func rangePos(r hcl.Range) Pos { return posOf(r.Filename, r.Start) }
