package main

import (
	"bytes"
	"io"
	"net/url"
	"os"
	"strings"
	"sync"
)

// env carries a command's streams. Everything written to stdout and stderr
// passes through a redactor that replaces every password tide has seen (from
// --url, --dev-url, TIDE_URL) with "xxxxx": no output can leak one, whatever
// a driver puts into an error message.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	red            *redactor
	// isTerminal reports whether stdin is an interactive terminal; tests
	// replace it.
	isTerminal func() bool
	// colour is true when stdout is a terminal and NO_COLOR is unset.
	colour bool
}

func newEnv(stdin io.Reader, stdout, stderr io.Writer) *env {
	red := &redactor{}
	e := &env{stdin: stdin, stdout: red.wrap(stdout), stderr: red.wrap(stderr), red: red}
	e.isTerminal = func() bool { return isCharDevice(stdin) }
	e.colour = isCharDevice(stdout) && os.Getenv("NO_COLOR") == ""
	return e
}

func isCharDevice(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// redactor remembers secrets and scrubs them from text.
type redactor struct {
	mu      sync.Mutex
	secrets []string
}

// addURL remembers the password of a database URL, raw and URL-escaped.
func (r *redactor) addURL(raw string) {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return
	}
	if p, ok := u.User.Password(); ok && p != "" {
		r.mu.Lock()
		r.secrets = append(r.secrets, p, url.QueryEscape(p), url.PathEscape(p))
		r.mu.Unlock()
	}
	for k, v := range u.Query() {
		if strings.EqualFold(k, "password") && len(v) > 0 && v[0] != "" {
			r.mu.Lock()
			r.secrets = append(r.secrets, v[0])
			r.mu.Unlock()
		}
	}
}

func (r *redactor) scrub(b []byte) []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.secrets {
		if len(s) >= 1 && bytes.Contains(b, []byte(s)) {
			b = bytes.ReplaceAll(b, []byte(s), []byte("xxxxx"))
		}
	}
	return b
}

func (r *redactor) wrap(w io.Writer) io.Writer { return &redactingWriter{w: w, r: r} }

type redactingWriter struct {
	w io.Writer
	r *redactor
}

func (rw *redactingWriter) Write(p []byte) (int, error) {
	if _, err := rw.w.Write(rw.r.scrub(append([]byte(nil), p...))); err != nil {
		return 0, err
	}
	return len(p), nil
}
