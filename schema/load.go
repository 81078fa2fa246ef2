package schema

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// LoadOptions tune Load and LoadHCL.
type LoadOptions struct {
	// Vars are the values of --var name=value, by variable name.
	Vars map[string]string
	// Dialect is the dialect when no `database { dialect = … }` block says;
	// "" makes a missing dialect an error. A database block wins over it; the
	// caller compares the result's Schema.Dialect with its target.
	Dialect string
	// ParseSQL parses a .sql file for the given dialect. It is injected by the
	// command line, because package schema must not import the dialects; nil
	// makes any .sql file an error.
	ParseSQL func(dialect, file string, src []byte) (*Schema, error)
	// DefaultSchema returns the dialect's default namespace, where objects
	// that name none are put ("public" for postgres). "" from it leaves
	// such objects unqualified (Schema ""): they are in whatever namespace
	// the target connection is in, as on MySQL offline, where no URL names
	// the database. Nil means "public", the namespace tests and tools that
	// pass no dialect knowledge get.
	DefaultSchema func(dialect string) string
	// NamespaceSQL returns the dialect's statement that creates namespace
	// name ("CREATE DATABASE `shop`" on MySQL), which the error for an
	// object of an SQL file in an undeclared namespace tells the user to
	// add; nil (or "" from it) gives the HCL schema block instead.
	NamespaceSQL func(dialect, name string) string
}

// source is one desired-state file read into memory.
type source struct {
	name string
	src  []byte
}

// Load reads .hcl and .sql files, and directories of them, into one Schema.
// A directory contributes its .hcl and .sql files, one level deep, in name
// order; other files in it are ignored. A file named explicitly must be .hcl
// or .sql. HCL files are decoded first (they may set the dialect), then SQL
// files are parsed with opts.ParseSQL and merged; a name defined twice, in
// any files, is an error naming both places. The merged schema is checked
// with Validate. Errors are *Error or ErrorList, each naming file:line:col.
func Load(paths []string, opts LoadOptions) (*Schema, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no desired-state files given; pass a .hcl or .sql file or a directory")
	}
	var hclFiles, sqlFiles []source
	seen := map[string]bool{}
	for _, p := range paths {
		files, err := expandPath(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			clean := filepath.Clean(f)
			if seen[clean] {
				continue // the same file reached twice (a dir and a file in it)
			}
			seen[clean] = true
			src, err := os.ReadFile(f)
			if err != nil {
				return nil, &Error{Pos: Pos{File: f}, Msg: "cannot read desired-state file: " + ioReason(err)}
			}
			if isSQLFile(f) {
				sqlFiles = append(sqlFiles, source{name: f, src: src})
			} else {
				hclFiles = append(hclFiles, source{name: f, src: src})
			}
		}
	}
	return newDecoder(opts).run(hclFiles, sqlFiles)
}

// LoadHCL decodes HCL sources held in memory, keyed by file name (used in
// positions); files are read in name order. It does everything Load does
// for .hcl files, Validate included.
func LoadHCL(files map[string][]byte, opts LoadOptions) (*Schema, error) {
	var srcs []source
	for _, name := range sortedKeys(files) {
		srcs = append(srcs, source{name: name, src: files[name]})
	}
	return newDecoder(opts).run(srcs, nil)
}

// expandPath lists the desired-state files a path names: the file itself
// (which must be .hcl or .sql) or a directory's .hcl and .sql files.
func expandPath(p string) ([]string, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, &Error{Pos: Pos{File: p}, Msg: "cannot read desired state: " + ioReason(err)}
	}
	if !info.IsDir() {
		if !isHCLFile(p) && !isSQLFile(p) {
			return nil, &Error{Pos: Pos{File: p}, Msg: "not a desired-state file; name it *.hcl or *.sql (or pass its directory)"}
		}
		return []string{p}, nil
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return nil, &Error{Pos: Pos{File: p}, Msg: "cannot list directory: " + ioReason(err)}
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !(isHCLFile(name) || isSQLFile(name)) {
			continue
		}
		out = append(out, filepath.Join(p, name))
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, &Error{Pos: Pos{File: p}, Msg: "directory holds no .hcl or .sql files"}
	}
	return out, nil
}

// ioReason is an I/O error without the path (which the Error's position
// already names).
func ioReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func isHCLFile(name string) bool { return strings.EqualFold(filepath.Ext(name), ".hcl") }

func isSQLFile(name string) bool { return strings.EqualFold(filepath.Ext(name), ".sql") }
