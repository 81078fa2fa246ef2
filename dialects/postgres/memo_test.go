package postgres

import "testing"

// TestTypeKey checks that the type cache key ignores where a type is
// written and tells every other difference apart, so that a cached
// spelling is never returned for another type.
func TestTypeKey(t *testing.T) {
	key := func(typ string) string {
		t.Helper()
		tn, err := parseTypeName(typ)
		if err != nil {
			t.Fatal(err)
		}
		return typeKey(tn)
	}
	same := [][2]string{
		{"varchar(10)", "  varchar( 10 )"},
		{"numeric(10,2)", "numeric(10, 2)"},
		{"int[]", "   int[]"},
		{"timestamp(3) with time zone", "timestamp (3)   with time zone"},
		{"interval day to second(2)", "interval  day to second (2)"},
	}
	for _, p := range same {
		if a, b := key(p[0]), key(p[1]); a != b {
			t.Errorf("%q and %q: keys differ (%q, %q)", p[0], p[1], a, b)
		}
	}
	distinct := []string{
		"varchar(10)", "varchar(20)", "varchar", "char(10)", "numeric(10,2)", "numeric(10,3)",
		"numeric(102)", "int", "int[]", "int[][]", "int[3]", "int[4]", "public.status", "status",
		"interval day", "interval day to second", "interval day to second(2)", "bit(3)", "text",
		"timestamp(3)", "timestamp(3) with time zone", "setof_t",
	}
	seen := map[string]string{}
	for _, typ := range distinct {
		k := key(typ)
		if prev, dup := seen[k]; dup {
			t.Errorf("%q and %q share the key %q", prev, typ, k)
		}
		seen[k] = typ
	}
}
