package mysql

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/tidedb/tide/schema"
)

// update rewrites the golden files under testdata/.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// compareGolden compares got with the golden file, or rewrites it under -update.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file (rerun with -update if the change is intended)\n--- got\n%s", path, got)
	}
}

// schemaJSON is a schema's indented JSON, with SQL operators unescaped.
func schemaJSON(t *testing.T, s *schema.Schema) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// parseFile parses a testdata file, failing the test on error.
func parseFile(t *testing.T, file string) *schema.Schema {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Dialect{}.ParseSQL(file, src)
	if err != nil {
		t.Fatalf("ParseSQL: %v", err)
	}
	return s
}
