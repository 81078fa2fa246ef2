package mysql

import (
	"path/filepath"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// TestStorageOptionRecipes plans ROW_FORMAT and KEY_BLOCK_SIZE changes and
// compares the actions with testdata/recipes/storage_<case>.golden (-update
// rewrites them): an InnoDB rebuild in place with LOCK=NONE (LOCK=SHARED
// with a FULLTEXT index) and a TABLE_REWRITE hazard, a copy on another
// engine, and with an engine change one statement carrying both.
func TestStorageOptionRecipes(t *testing.T) {
	srv := &Server{Version: mariaDB1011, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Engine: "InnoDB"}
	tests := []struct {
		name     string
		version  dialects.Version
		from, to map[string]string
		fulltext bool
	}{
		{name: "row_format_set", version: mariaDB1011, to: map[string]string{schema.AttrRowFormat: "COMPACT"}},
		{name: "row_format_set_mysql", version: mysql8036, to: map[string]string{schema.AttrRowFormat: "COMPACT"}},
		{name: "row_format_to_default", version: mariaDB1011, from: map[string]string{schema.AttrRowFormat: "DYNAMIC"}},
		{name: "compress", version: mariaDB1011, to: map[string]string{schema.AttrRowFormat: "COMPRESSED", schema.AttrKeyBlockSize: "8"}},
		{name: "uncompress", version: mariaDB1011, from: map[string]string{schema.AttrRowFormat: "COMPRESSED", schema.AttrKeyBlockSize: "8"},
			to: map[string]string{schema.AttrRowFormat: "DYNAMIC"}},
		{name: "row_format_fulltext", version: mariaDB1011, to: map[string]string{schema.AttrRowFormat: "COMPACT"}, fulltext: true},
		{name: "row_format_myisam", version: mariaDB1011, from: map[string]string{schema.AttrEngine: "MyISAM", schema.AttrRowFormat: "FIXED"},
			to: map[string]string{schema.AttrEngine: "MyISAM", schema.AttrRowFormat: "DYNAMIC"}},
		{name: "engine_and_row_format", version: mariaDB1011, from: map[string]string{schema.AttrEngine: "MyISAM", schema.AttrRowFormat: "FIXED"}},
		{name: "charset_only", version: mariaDB1011, from: map[string]string{schema.AttrRowFormat: "DYNAMIC"},
			to: map[string]string{schema.AttrRowFormat: "DYNAMIC", schema.AttrCharset: "latin1", schema.AttrCollate: "latin1_bin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := recipeTable()
			cur.ForeignKeys = nil
			if tt.fulltext {
				cur.Indexes = append(cur.Indexes, &schema.Index{Name: "ft", Using: "fulltext", Parts: []schema.IndexPart{{Column: "name"}}})
			}
			cur.Attrs = tt.from
			des := (&schema.Schema{Tables: []*schema.Table{cur}}).Clone()
			des.Tables[0].Attrs = tt.to
			env := &dialects.Env{Version: tt.version, Current: &schema.Schema{Tables: []*schema.Table{cur}}, Desired: des}
			d := Dialect{Database: "shop"}
			if tt.version.Flavor == "mariadb" {
				d.Server = srv
			}
			actions, err := d.Recipe(schema.SetTableAttrs{From: cur, To: des.Tables[0]}, env)
			compareGolden(t, filepath.Join("testdata", "recipes", "storage_"+tt.name+".golden"), []byte(describeActions(actions, err)))
		})
	}
}
