package mysql

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tidedb/tide/schema"
)

// TestParseStorageOptions: ROW_FORMAT and KEY_BLOCK_SIZE in CREATE TABLE and
// ALTER TABLE become table attributes, spelled as CREATE_OPTIONS spells
// them; DEFAULT and 0 mean none.
func TestParseStorageOptions(t *testing.T) {
	tests := []struct {
		name, src string
		want      map[string]string
	}{
		{"row format", "CREATE TABLE t (a int) ROW_FORMAT=dynamic;", map[string]string{schema.AttrRowFormat: "DYNAMIC"}},
		{"compressed with a block size", "CREATE TABLE t (a int) ENGINE=InnoDB ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8;",
			map[string]string{schema.AttrEngine: "InnoDB", schema.AttrRowFormat: "COMPRESSED", schema.AttrKeyBlockSize: "8"}},
		{"block size alone", "CREATE TABLE t (a int) KEY_BLOCK_SIZE 4;", map[string]string{schema.AttrKeyBlockSize: "4"}},
		{"default is none", "CREATE TABLE t (a int) ROW_FORMAT=DEFAULT KEY_BLOCK_SIZE=0;", nil},
		{"alter sets one", "CREATE TABLE t (a int);\nALTER TABLE t ROW_FORMAT=REDUNDANT;", map[string]string{schema.AttrRowFormat: "REDUNDANT"}},
		{"alter resets one", "CREATE TABLE t (a int) ROW_FORMAT=COMPACT KEY_BLOCK_SIZE=8;\nALTER TABLE t ROW_FORMAT=DEFAULT;",
			map[string]string{schema.AttrKeyBlockSize: "8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Dialect{}.ParseSQL("x.sql", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Tables[0].Attrs; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("attrs = %v, want %v", got, tt.want)
			}
		})
	}
	_, err := Dialect{}.ParseSQL("x.sql", []byte("CREATE TABLE t (a int) ROW_FORMAT=TOKUDB_ZLIB;"))
	want := "x.sql:1:1: CREATE TABLE t: ROW_FORMAT = TOKUDB_ZLIB is a TokuDB row format, which tide does not manage; remove it"
	if err == nil || err.Error() != want {
		t.Errorf("TokuDB format:\n got %v\nwant %s", err, want)
	}
}

// TestNormalizeStorageOptions: HCL spellings of the storage options are
// brought to the parser's (and the inspector's) form, and a row format that
// cannot be written into DDL is an error naming the table.
func TestNormalizeStorageOptions(t *testing.T) {
	tests := []struct {
		name    string
		attrs   map[string]string
		want    map[string]string
		wantErr string
	}{
		{"upper case", map[string]string{schema.AttrRowFormat: "compressed", schema.AttrKeyBlockSize: "08"},
			map[string]string{schema.AttrRowFormat: "COMPRESSED", schema.AttrKeyBlockSize: "8"}, ""},
		{"default is none", map[string]string{schema.AttrRowFormat: "Default", schema.AttrKeyBlockSize: "0"}, nil, ""},
		{"not a name", map[string]string{schema.AttrRowFormat: "DYNAMIC; DROP TABLE x"}, nil,
			`row_format "DYNAMIC; DROP TABLE X" is not a valid row format name`},
		{"not a number", map[string]string{schema.AttrKeyBlockSize: "8k"}, nil, `key_block_size must be a positive whole number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &schema.Schema{Dialect: "mysql", Tables: []*schema.Table{{Name: "t", Attrs: tt.attrs,
				Columns: []*schema.Column{{Name: "a", Type: "int", Nullable: true}}}}}
			err := Dialect{}.Normalize(s)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %v, want one with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Tables[0].Attrs; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("attrs = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRenderStorageOptions: CREATE TABLE writes the storage options in SHOW
// CREATE TABLE's place, and what it writes parses back to the same table.
func TestRenderStorageOptions(t *testing.T) {
	tb := &schema.Table{Name: "t", Comment: "c", Columns: []*schema.Column{{Name: "a", Type: "int", Nullable: true}},
		Attrs: map[string]string{schema.AttrEngine: "InnoDB", schema.AttrRowFormat: "COMPRESSED", schema.AttrKeyBlockSize: "8"}}
	got, err := Dialect{}.CreateTableSQL(tb)
	if err != nil {
		t.Fatal(err)
	}
	want := "CREATE TABLE `t` (\n  `a` int NULL\n) ENGINE=InnoDB ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 COMMENT='c'"
	if got != want {
		t.Errorf("CreateTableSQL:\n got %s\nwant %s", got, want)
	}
	back, err := Dialect{}.ParseSQL("x.sql", []byte(got+";"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Tables[0].Attrs, tb.Attrs) {
		t.Errorf("parsed back: %v, want %v", back.Tables[0].Attrs, tb.Attrs)
	}
	tb.Attrs = map[string]string{schema.AttrRowFormat: "X Y"}
	if _, err := (Dialect{}).CreateTableSQL(tb); err == nil || !strings.Contains(err.Error(), `row_format "X Y" is not a valid row format name`) {
		t.Errorf("bad row format: %v", err)
	}
}
