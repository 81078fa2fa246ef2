package mysql

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/format"
	"github.com/tidedb/tide/schema"
)

// The storage options ROW_FORMAT and KEY_BLOCK_SIZE (schema.AttrRowFormat,
// schema.AttrKeyBlockSize). A table keeps only the ones it was given: the
// server lists them in information_schema.TABLES.CREATE_OPTIONS and SHOW
// CREATE TABLE prints them, an explicit ROW_FORMAT=DYNAMIC included even
// where DYNAMIC is innodb_default_row_format (TABLES.ROW_FORMAT, by
// contrast, names the format in use whether given or not). An explicit
// format equal to the server's default is therefore a difference of its
// own: it stays when the default changes or the table moves to a server
// with another default, while a table without one follows the default.
// ROW_FORMAT=DEFAULT and KEY_BLOCK_SIZE=0 mean "none given".

// rowFormatNames spells the TiDB parser's ROW_FORMAT values as the server
// lists them (upper case); RowFormatDefault is "" (none).
var rowFormatNames = map[uint64]string{
	ast.RowFormatDefault: "", ast.RowFormatDynamic: "DYNAMIC", ast.RowFormatFixed: "FIXED",
	ast.RowFormatCompressed: "COMPRESSED", ast.RowFormatRedundant: "REDUNDANT", ast.RowFormatCompact: "COMPACT",
}

// canonicalRowFormat spells a row format as CREATE_OPTIONS does: upper
// case, and "" for DEFAULT (no format given).
func canonicalRowFormat(v string) string {
	v = strings.ToUpper(strings.TrimSpace(v))
	if v == "DEFAULT" {
		return ""
	}
	return v
}

// canonicalKeyBlockSize spells a key block size in decimal without leading
// zeros, and "" for 0 (no size given). A value that is not a number is
// kept for Validate to report.
func canonicalKeyBlockSize(v string) string {
	n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
	switch {
	case err != nil:
		return v
	case n == 0:
		return ""
	}
	return strconv.FormatUint(n, 10)
}

// normalizeStorage puts t's storage options in canonical form, dropping
// the ones that mean "none given", and reports one that cannot be written
// into DDL.
func normalizeStorage(t *schema.Table) error {
	if v, ok := t.Attrs[schema.AttrRowFormat]; ok {
		setOrDelete(t.Attrs, schema.AttrRowFormat, canonicalRowFormat(v))
	}
	if v, ok := t.Attrs[schema.AttrKeyBlockSize]; ok {
		setOrDelete(t.Attrs, schema.AttrKeyBlockSize, canonicalKeyBlockSize(v))
	}
	return checkStorage(t)
}

// setOrDelete sets m[k] = v, or deletes k when v is "".
func setOrDelete(m map[string]string, k, v string) {
	if v == "" {
		delete(m, k)
		return
	}
	m[k] = v
}

// parseStorageOption applies a ROW_FORMAT or KEY_BLOCK_SIZE table option of
// an SQL file to t; ok is false for any other option.
func parseStorageOption(t *schema.Table, o *ast.TableOption) (ok bool, err error) {
	var key, value string
	switch o.Tp {
	case ast.TableOptionRowFormat:
		name, known := rowFormatNames[o.UintValue]
		if !known {
			return true, fmt.Errorf("%s is a TokuDB row format, which tide does not manage; remove it", restoreOption(o))
		}
		key, value = schema.AttrRowFormat, name
	case ast.TableOptionKeyBlockSize:
		key, value = schema.AttrKeyBlockSize, canonicalKeyBlockSize(strconv.FormatUint(o.UintValue, 10))
	default:
		return false, nil
	}
	if t.Attrs == nil {
		t.Attrs = map[string]string{}
	}
	setOrDelete(t.Attrs, key, value)
	return true, nil
}

// restoreOption spells a table option as SQL, for messages.
func restoreOption(o *ast.TableOption) string {
	var sb strings.Builder
	_ = o.Restore(format.NewRestoreCtx(format.DefaultRestoreFlags, &sb))
	return sb.String()
}

// checkStorage reports a storage option that cannot be written into DDL.
func checkStorage(t *schema.Table) error {
	if v, ok := t.Attrs[schema.AttrRowFormat]; ok && !isPlainName(v) {
		return fmt.Errorf("table %s: row_format %q is not a valid row format name", t.QName(), v)
	}
	if _, err := t.KeyBlockSize(); err != nil {
		return err
	}
	return nil
}

// storageOptionsSQL renders t's storage options for CREATE TABLE, in SHOW
// CREATE TABLE's order.
func storageOptionsSQL(t *schema.Table) string {
	var b strings.Builder
	if v := t.Attrs[schema.AttrRowFormat]; v != "" {
		b.WriteString(" ROW_FORMAT=" + v)
	}
	if v := t.Attrs[schema.AttrKeyBlockSize]; v != "" {
		b.WriteString(" KEY_BLOCK_SIZE=" + v)
	}
	return b.String()
}

// storageClauses returns the ALTER TABLE clauses that take a table's
// storage options from one set of options to another: ROW_FORMAT=DEFAULT
// and KEY_BLOCK_SIZE=0 remove one. Nil when they do not change.
func storageClauses(from, to map[string]string) []string {
	var out []string
	if f, t := from[schema.AttrRowFormat], to[schema.AttrRowFormat]; f != t {
		out = append(out, "ROW_FORMAT = "+orDefault(t, "DEFAULT"))
	}
	if f, t := from[schema.AttrKeyBlockSize], to[schema.AttrKeyBlockSize]; f != t {
		out = append(out, "KEY_BLOCK_SIZE = "+orDefault(t, "0"))
	}
	return out
}

// orDefault returns v, or def when v is "".
func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// storageDescription describes storage options for a step's summary.
func storageDescription(attrs map[string]string) string {
	var parts []string
	if v := attrs[schema.AttrRowFormat]; v != "" {
		parts = append(parts, "ROW_FORMAT="+v)
	}
	if v := attrs[schema.AttrKeyBlockSize]; v != "" {
		parts = append(parts, "KEY_BLOCK_SIZE="+v)
	}
	if len(parts) == 0 {
		return "the defaults"
	}
	return strings.Join(parts, " ")
}
