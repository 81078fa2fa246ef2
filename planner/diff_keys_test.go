package planner

import "testing"

func TestRenameWords(t *testing.T) {
	renames := map[string]string{"old": "new", "a": "b"}
	tests := []struct{ in, want string }{
		{"old > 0", "new > 0"},
		{`"old" <> 'old'`, `"new" <> 'old'`},       // literals untouched, quoted identifiers renamed
		{"older + old_x + a", "older + old_x + b"}, // whole words only
		{"lower(old) = 'it''s old'", "lower(new) = 'it''s old'"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := renameWords(tc.in, renames); got != tc.want {
			t.Errorf("renameWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHasWord(t *testing.T) {
	tests := []struct {
		sql, name string
		want      bool
	}{
		{"SELECT * FROM public.orders", "orders", true},
		{"SELECT * FROM ORDERS", "orders", true},
		{"SELECT * FROM orders_archive", "orders", false},
		{"SELECT 'orders' AS label", "orders", false},
	}
	for _, tc := range tests {
		if got := hasWord(tc.sql, tc.name); got != tc.want {
			t.Errorf("hasWord(%q, %q) = %v", tc.sql, tc.name, got)
		}
	}
}

func TestTypeKey(t *testing.T) {
	tests := []struct{ typ, schema, want string }{
		{"mood", "public", "type:public.mood"},
		{"app.mood[]", "public", "type:app.mood"},
		{`"app"."mood"`, "public", "type:app.mood"},
	}
	for _, tc := range tests {
		if got := typeKey(tc.typ, tc.schema); got != tc.want {
			t.Errorf("typeKey(%q) = %q, want %q", tc.typ, got, tc.want)
		}
	}
}
