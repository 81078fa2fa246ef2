package mysql

import (
	"context"
	"reflect"
	"testing"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/mysql/mytest"
	"github.com/tidedb/tide/schema"
)

// TestSplitCreateOptions: ROW_FORMAT and KEY_BLOCK_SIZE of CREATE_OPTIONS
// are table attributes (in either server's spelling; DEFAULT and 0 are
// none), the options the server keeps without effect are neither, and
// anything else is unmanaged.
func TestSplitCreateOptions(t *testing.T) {
	tests := []struct {
		engine, options string
		managed         map[string]string
		unmanaged       string
	}{
		{"InnoDB", "", nil, ""},
		{"InnoDB", "row_format=DYNAMIC", map[string]string{schema.AttrRowFormat: "DYNAMIC"}, ""},
		{"InnoDB", "row_format=COMPRESSED KEY_BLOCK_SIZE=8", map[string]string{schema.AttrRowFormat: "COMPRESSED", schema.AttrKeyBlockSize: "8"}, ""},
		{"InnoDB", "key_block_size=4", map[string]string{schema.AttrKeyBlockSize: "4"}, ""},
		{"InnoDB", "row_format=DEFAULT key_block_size=0", nil, ""},
		{"Aria", "row_format=PAGE transactional=1", map[string]string{schema.AttrRowFormat: "PAGE"}, ""},
		{"InnoDB", "`encryption`='N' row_format=compact max_rows=100", map[string]string{schema.AttrRowFormat: "COMPACT"}, "max_rows=100"},
		{"InnoDB", "page_checksum=1 stats_persistent=0", nil, "stats_persistent=0"},
	}
	for _, tt := range tests {
		managed, unmanaged := splitCreateOptions(tt.engine, tt.options)
		if !reflect.DeepEqual(managed, tt.managed) || unmanaged != tt.unmanaged {
			t.Errorf("splitCreateOptions(%q, %q) = %v, %q; want %v, %q", tt.engine, tt.options, managed, unmanaged, tt.managed, tt.unmanaged)
		}
	}
}

// TestInspectStorageOptions: a database with ROW_FORMAT and KEY_BLOCK_SIZE
// tables inspects (it was refused), with the options each table was given
// and not the format in use: an explicit DYNAMIC is kept, the implied one
// is not, and ROW_FORMAT=DEFAULT is none.
func TestInspectStorageOptions(t *testing.T) {
	url := mytest.NewDB(t)
	mytest.Exec(t, url, `CREATE TABLE implied (id int PRIMARY KEY);
CREATE TABLE dyn (id int PRIMARY KEY) ROW_FORMAT=DYNAMIC;
CREATE TABLE compact (id int PRIMARY KEY) ROW_FORMAT=COMPACT;
CREATE TABLE zipped (id int PRIMARY KEY) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8;
CREATE TABLE kbs (id int PRIMARY KEY) KEY_BLOCK_SIZE=4;
CREATE TABLE reset (id int PRIMARY KEY) ROW_FORMAT=DEFAULT;
CREATE TABLE paged (id int PRIMARY KEY) ENGINE=Aria ROW_FORMAT=PAGE`)
	s, err := openTest(t, url).Inspect(context.Background(), inspect.Options{NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		"implied": nil,
		"dyn":     {schema.AttrRowFormat: "DYNAMIC"},
		"compact": {schema.AttrRowFormat: "COMPACT"},
		"zipped":  {schema.AttrRowFormat: "COMPRESSED", schema.AttrKeyBlockSize: "8"},
		"kbs":     {schema.AttrKeyBlockSize: "4"},
		"reset":   nil,
		"paged":   {schema.AttrEngine: "Aria", schema.AttrRowFormat: "PAGE"},
	}
	for _, tb := range s.Tables {
		got := map[string]string{}
		for _, k := range []string{schema.AttrEngine, schema.AttrRowFormat, schema.AttrKeyBlockSize} {
			if v, ok := tb.Attrs[k]; ok {
				got[k] = v
			}
		}
		w := want[tb.Name]
		if w == nil {
			w = map[string]string{}
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("table %s: options %v, want %v", tb.Name, got, w)
		}
	}
	if len(s.Tables) != len(want) {
		t.Errorf("%d tables, want %d", len(s.Tables), len(want))
	}
}
