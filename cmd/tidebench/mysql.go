package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tidedb/tide/cmd/tidebench/schemagen"
	"github.com/tidedb/tide/inspect"
	_ "github.com/tidedb/tide/inspect/mysql" // registers mysql:// URLs
)

// benchMySQL measures tide against mysqldump --no-data on generated MySQL
// schemas: inspect, plan (live) and plan (offline), as bench does for
// PostgreSQL.
func benchMySQL(admin, tide, sizeList string, runs int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "tidebench-mysql")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	fmt.Println("| tables (MySQL/MariaDB) | mysqldump --no-data | tide inspect | inspect / mysqldump | tide plan (live) | tide plan (offline, files) |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|")
	for _, f := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return fmt.Errorf("-mysql-sizes: %v", err)
		}
		base := filepath.Join(dir, fmt.Sprintf("base%d.sql", n))
		variant := filepath.Join(dir, fmt.Sprintf("variant%d.sql", n))
		if err := os.WriteFile(base, []byte(schemagen.MySQL(schemagen.Options{Tables: n})), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(variant, []byte(schemagen.MySQL(schemagen.Options{Tables: n, Variant: 1})), 0o644); err != nil {
			return err
		}
		dbURL, dumpArgs, drop, err := createMySQLDB(ctx, admin, fmt.Sprintf("tidebench_%d_%d", n, os.Getpid()), base)
		if err != nil {
			return err
		}
		err = benchRow(runs, n, tide, "mysql", dbURL, base, variant, append([]string{"mysqldump"}, dumpArgs...)...)
		drop()
		if err != nil {
			return err
		}
	}
	return nil
}

// createMySQLDB creates a database on the server of admin, loads a script
// into it and returns its URL, the mysqldump arguments dumping its schema
// and a function that drops it.
func createMySQLDB(ctx context.Context, admin, name, script string) (string, []string, func(), error) {
	srv, err := inspect.Open(ctx, admin)
	if err != nil {
		return "", nil, nil, err
	}
	defer srv.Close()
	if _, err := srv.DB().ExecContext(ctx, "CREATE DATABASE `"+name+"`"); err != nil {
		return "", nil, nil, err
	}
	drop := func() {
		if s, err := inspect.Open(ctx, admin); err == nil {
			_, _ = s.DB().ExecContext(ctx, "DROP DATABASE IF EXISTS `"+name+"`")
			s.Close()
		}
	}
	u, err := url.Parse(admin)
	if err != nil {
		drop()
		return "", nil, nil, err
	}
	u.Path = "/" + name
	dbURL := u.String()
	src, err := os.ReadFile(script)
	if err != nil {
		drop()
		return "", nil, nil, err
	}
	db, err := inspect.Open(ctx, dbURL)
	if err != nil {
		drop()
		return "", nil, nil, err
	}
	defer db.Close()
	for _, stmt := range strings.SplitAfter(string(src), ";\n") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := db.DB().ExecContext(ctx, stmt); err != nil {
			drop()
			return "", nil, nil, fmt.Errorf("load %s: %w", script, err)
		}
	}
	args := []string{"--no-data", "--skip-comments", "-h", u.Hostname(), "-u", u.User.Username()}
	if p := u.Port(); p != "" {
		args = append(args, "-P", p)
	}
	if pw, ok := u.User.Password(); ok {
		args = append(args, "--password="+pw)
	}
	return dbURL, append(args, name), drop, nil
}
