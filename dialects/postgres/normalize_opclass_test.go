package postgres

import (
	"fmt"
	"testing"
)

// TestNormalizeDropsDefaultOpclass parses one index per case and checks the
// operator class Normalize leaves on its key: "" where the class is the
// default for the column's type and the method (as the inspector reports
// it), the class otherwise.
func TestNormalizeDropsDefaultOpclass(t *testing.T) {
	cases := []struct {
		name, typ, index, want string
	}{
		{"btree text_ops", "text", "USING btree (c text_ops)", ""},
		{"no USING", "text", "(c text_ops)", ""},
		{"upper-case class", "text", "(c TEXT_OPS)", ""},
		{"qualified default", "text", "(c pg_catalog.text_ops)", ""},
		{"varchar coerces to text", "varchar(20)", "(c text_ops)", ""},
		{"hash text", "text", "USING hash (c text_ops)", ""},
		{"spgist varchar", "character varying", "USING spgist (c text_ops)", ""},
		{"pattern ops kept", "text", "(c text_pattern_ops)", "text_pattern_ops"},
		{"qualified pattern ops unqualified", "text", "(c pg_catalog.text_pattern_ops)", "text_pattern_ops"},
		{"varchar pattern ops kept", "varchar(20)", "(c varchar_pattern_ops)", "varchar_pattern_ops"},
		{"gin jsonb_ops", "jsonb", "USING gin (c jsonb_ops)", ""},
		{"gin jsonb_path_ops kept", "jsonb", "USING gin (c jsonb_path_ops)", "jsonb_path_ops"},
		{"gin array", "text[]", "USING gin (c array_ops)", ""},
		{"btree array", "integer[]", "(c array_ops)", ""},
		{"gist array unknown", "integer[]", "USING gist (c array_ops)", "array_ops"},
		{"btree enum", "mood", "(c enum_ops)", ""},
		{"hash enum", "mood", "USING hash (c enum_ops)", ""},
		{"gist range", "tstzrange", "USING gist (c range_ops)", ""},
		{"brin range", "daterange", "USING brin (c range_inclusion_ops)", ""},
		{"brin typmod", "timestamptz(3)", "USING brin (c timestamptz_minmax_ops)", ""},
		{"brin multi kept", "integer", "USING brin (c int4_minmax_multi_ops)", "int4_minmax_multi_ops"},
		{"other type's default kept", "bigint", "(c int4_ops)", "int4_ops"},
		{"default of another method kept", "text", "USING hash (c text_pattern_ops)", "text_pattern_ops"},
		{"expression key left to the server", "text", "((lower(c)) text_ops)", "text_ops"},
		{"unknown class kept", "text", "USING gin (c gin_trgm_ops)", "gin_trgm_ops"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := fmt.Sprintf("CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE t (c %s);\nCREATE INDEX i ON t %s;\n", tc.typ, tc.index)
			s, err := Dialect{}.ParseSQL("opclass.sql", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if err := (Dialect{}).Normalize(s); err != nil {
				t.Fatal(err)
			}
			ix := s.Tables[0].Indexes[0]
			if got := ix.Parts[0].Opclass; got != tc.want {
				t.Errorf("%s: opclass %q, want %q", src, got, tc.want)
			}
			if err := (Dialect{}).Normalize(s); err != nil || ix.Parts[0].Opclass != tc.want {
				t.Errorf("second Normalize: opclass %q, err %v; want %q", ix.Parts[0].Opclass, err, tc.want)
			}
		})
	}
}

func TestStripTypmods(t *testing.T) {
	cases := map[string]string{
		"text":                        "text",
		"character varying(20)":       "character varying",
		"timestamp(3) with time zone": "timestamp with time zone",
		"numeric(10,2)":               "numeric",
		"time(6) without time zone":   "time without time zone",
		"bit varying(8)":              "bit varying",
	}
	for in, want := range cases {
		if got := stripTypmods(in); got != want {
			t.Errorf("stripTypmods(%q) = %q, want %q", in, got, want)
		}
	}
}
