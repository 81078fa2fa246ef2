package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect/mysql/mytest"
)

// TestMySQLOfflineNames: an offline MySQL plan has no database to name, so
// objects of files that name none are "the target database": unqualified
// in summaries and errors, <database> in the online schema change tools'
// command lines, never PostgreSQL's "public". An SQL file that USEs a
// database it does not create is told to add the CREATE DATABASE.
func TestMySQLOfflineNames(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"o1.sql": "CREATE TABLE t (id int PRIMARY KEY, a int);\n",
		"o2.sql": "CREATE TABLE t (id int PRIMARY KEY, a bigint);\nCREATE TABLE u (id int PRIMARY KEY);\n",
		"o2.hcl": "database { dialect = \"mysql\" }\ntable \"t\" {\n  column \"id\" {\n    type = \"int\"\n    null = false\n  }\n" +
			"  column \"a\" { type = \"bigint\" }\n  primary_key { columns = [\"id\"] }\n}\n",
		"bad.sql":    "CREATE TABLE t (id int PRIMARY KEY, a int);\nALTER TABLE t DROP COLUMN a;\n",
		"use.sql":    "-- the database is not created\nUSE shop;\nCREATE TABLE t (id int PRIMARY KEY);\n",
		"create.sql": "CREATE DATABASE shop;\nUSE shop;\nCREATE TABLE t (id int PRIMARY KEY);\n",
	})
	f := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name     string
		args     []string
		code     int
		want     []string
		wantNone []string
	}{
		{"text plan", []string{"plan", "--from", f("o1.sql"), "--to", f("o2.sql"), "--dialect", "mysql"}, 0,
			[]string{"create table u\n", "change column t.a (type)", "--database='<database>'", "D=<database>"}, []string{"public"}},
		{"json plan", []string{"plan", "--from", f("o1.sql"), "--to", f("o2.sql"), "--dialect", "mysql", "--format", "json"}, 0,
			[]string{`"CREATE TABLE ` + "`u`"}, []string{"public"}},
		{"hcl desired state", []string{"plan", "--from", f("o1.sql"), "--to", f("o2.hcl"), "--dialect", "mysql"}, 0,
			[]string{"change column t.a (type)"}, []string{"public"}},
		{"error in an SQL file", []string{"plan", "--from", f("o1.sql"), "--to", f("bad.sql"), "--dialect", "mysql"}, 1,
			[]string{"bad.sql:2:1: ALTER TABLE t: DROP COLUMN is not supported"}, []string{"public"}},
		{"USE without CREATE DATABASE", []string{"plan", "--from", f("o1.sql"), "--to", f("use.sql"), "--dialect", "mysql"}, 1,
			[]string{"use.sql:3:1: \"shop\" is not created by the desired state; add CREATE DATABASE `shop`; before the first statement that uses it (only the target's own database needs none)"},
			[]string{"public", "schema \"shop\" {}"}},
		{"USE with CREATE DATABASE", []string{"plan", "--from", f("o1.sql"), "--to", f("create.sql"), "--dialect", "mysql"}, 0,
			[]string{"create database shop", "create table shop.t", "CREATE TABLE `shop`.`t`", "drop table t\n"}, []string{"public"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.args...)
			all := out + errOut
			if code != tt.code {
				t.Fatalf("exit %d, want %d:\n%s", code, tt.code, all)
			}
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("output lacks %q:\n%s", w, all)
				}
			}
			for _, w := range tt.wantNone {
				if strings.Contains(all, w) {
					t.Errorf("output has %q:\n%s", w, all)
				}
			}
		})
	}
}

// TestMySQLUseOfURLDatabase: live, the URL's database is the one objects
// of files that name none are in, and an SQL file may USE it without
// creating it; another database USEd without CREATE DATABASE gets the SQL
// hint naming the URL's database as the one that needs none.
func TestMySQLUseOfURLDatabase(t *testing.T) {
	url := mytest.NewDB(t)
	name := mytest.Config(t, url).DBName
	dir := writeFiles(t, map[string]string{
		"same.sql":  "USE " + name + ";\nCREATE TABLE t (id int PRIMARY KEY);\n",
		"other.sql": "USE elsewhere;\nCREATE TABLE t (id int PRIMARY KEY);\n",
	})
	code, out, errOut := run(t, "plan", "--url", url, "--to", filepath.Join(dir, "same.sql"))
	if code != 0 || !strings.Contains(out, "create table "+name+".t") {
		t.Errorf("USE of the URL's database: exit %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = run(t, "plan", "--url", url, "--to", filepath.Join(dir, "other.sql"))
	want := "other.sql:2:1: \"elsewhere\" is not created by the desired state; add CREATE DATABASE `elsewhere`; before the first statement that uses it (only \"" + name + "\" needs none)"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("USE of another database: exit %d, stderr %q; want %q", code, errOut, want)
	}
}
