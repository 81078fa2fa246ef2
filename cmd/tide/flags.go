package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tidedb/tide/inspect"
)

// multiFlag is a repeatable string flag (--to a --to b).
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// options are the flags shared by the commands; each command registers the
// subset it takes.
type options struct {
	url, devURL     string
	to, from        multiFlag
	vars            multiFlag
	schemas         multiFlag
	dialect         string
	format          string
	out             string
	autoApprove     bool
	allowDataLoss   bool
	phase           string
	lockTimeout     time.Duration
	inspectLock     time.Duration
	stmtTimeout     time.Duration
	batchSize       int
	batchPause      time.Duration
	batchTime       time.Duration
	lockRetries     int
	maxReplicaLag   time.Duration
	noResume        bool
	positional      []string
	fs              *flag.FlagSet
	usageLine, help string
}

func newFlags(e *env, name, usageLine, help string) *options {
	o := &options{usageLine: usageLine, help: help}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: %s\n\n%s\n\nFlags:\n", o.usageLine, o.help)
		fs.PrintDefaults()
	}
	o.fs = fs
	return o
}

func (o *options) database() {
	o.fs.StringVar(&o.url, "url", "", "database URL, e.g. postgres://user:pass@host:5432/db (default $TIDE_URL)")
	o.fs.Var(&o.schemas, "schema", "limit to this schema (repeatable; default: every user schema)")
	o.fs.DurationVar(&o.inspectLock, "inspect-lock-timeout", inspect.DefaultLockTimeout, fmt.Sprintf(
		"how long reading the catalog may wait for a lock (on a table being altered) before it tries again; it gives up after %d attempts, naming the sessions that block it",
		inspect.LockAttempts))
}

// inspectOptions are the inspect.Options the flags ask for.
func (o *options) inspectOptions(noStats bool) inspect.Options {
	return inspect.Options{Schemas: o.schemas, NoStats: noStats, LockTimeout: o.inspectLock}
}

func (o *options) desired() {
	o.fs.Var(&o.to, "to", "desired state: an .hcl or .sql file, or a directory of them (repeatable)")
	o.fs.Var(&o.vars, "var", "set an HCL variable: name=value (repeatable)")
	o.fs.StringVar(&o.devURL, "dev-url", "", "server used to normalise the desired schema in a throwaway database (default: the target server)")
}

// parse parses args, allowing flags and positional arguments in any order,
// and fills defaults from the environment. It returns false (and the exit
// code to use) when the command should stop.
func (o *options) parse(e *env, args []string) (int, bool) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "-") && a != "-" {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") {
				if f := o.fs.Lookup(name); f != nil && !isBoolFlag(f) && i+1 < len(args) {
					flags = append(flags, args[i+1])
					i++
				}
			}
			continue
		}
		pos = append(pos, a)
	}
	if err := o.fs.Parse(flags); err != nil {
		if err == flag.ErrHelp {
			return exitOK, false
		}
		return exitError, false
	}
	o.positional = pos
	if o.fs.Lookup("inspect-lock-timeout") != nil && o.inspectLock <= 0 {
		fmt.Fprintf(e.stderr, "tide: --inspect-lock-timeout %s: give a positive duration, such as 5s\n", o.inspectLock)
		return exitError, false
	}
	if o.fs.Lookup("url") != nil && o.url == "" {
		o.url = os.Getenv("TIDE_URL")
	}
	e.red.addURL(o.url)
	e.red.addURL(o.devURL)
	return 0, true
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// varMap turns --var name=value flags into a map.
func (o *options) varMap() (map[string]string, error) {
	m := map[string]string{}
	for _, v := range o.vars {
		k, val, ok := strings.Cut(v, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--var %q: expected name=value", v)
		}
		m[k] = val
	}
	return m, nil
}
