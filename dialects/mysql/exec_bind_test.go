package mysql

import (
	"reflect"
	"testing"
)

// TestBind: numbered placeholders become "?" with their arguments in the
// order the statement takes them — repeated, reordered or left out — and
// nothing inside strings, quoted identifiers, comments or other words is
// taken for one.
func TestBind(t *testing.T) {
	args := []any{"a", 2, "c"}
	cases := []struct {
		name, stmt string
		want       string
		wantArgs   []any
	}{
		{"positional statements pass through", "SELECT ? + ?", "SELECT ? + ?", args},
		{"in order", "SELECT $1, $2, $3", "SELECT ?, ?, ?", []any{"a", 2, "c"}},
		{"out of order", "UPDATE t SET o = $2, e = NULLIF($3, '') WHERE id = $1", "UPDATE t SET o = ?, e = NULLIF(?, '') WHERE id = ?", []any{2, "c", "a"}},
		{"repeated", "SELECT 1 WHERE a >= $1 AND (a, b) > ($1, $2)", "SELECT 1 WHERE a >= ? AND (a, b) > (?, ?)", []any{"a", "a", 2}},
		{"left out", "SELECT $3", "SELECT ?", []any{"c"}},
		{"not in strings", "SELECT '$1', \"$2\", $1", "SELECT '$1', \"$2\", ?", []any{"a"}},
		{"not in escaped strings", `SELECT 'it\'s $1', $2`, `SELECT 'it\'s $1', ?`, []any{2}},
		{"not in quoted identifiers", "SELECT `$1` FROM t WHERE x = $2", "SELECT `$1` FROM t WHERE x = ?", []any{2}},
		{"not in comments", "SELECT /* $1 */ $2 -- $3\n, # $1\n $3", "SELECT /* $1 */ ? -- $3\n, # $1\n ?", []any{2, "c"}},
		{"not in other words", "SELECT price$1, $1x, $1", "SELECT price$1, $1x, ?", []any{"a"}},
		{"no argument is left for the server", "SELECT $4, $1", "SELECT $4, ?", []any{"a"}},
		{"no placeholder at all", "SELECT 1", "SELECT 1", args},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, gotArgs := Dialect{}.Bind(c.stmt, args)
			if got != c.want || !reflect.DeepEqual(gotArgs, c.wantArgs) {
				t.Errorf("Bind(%q)\n got %q %v\nwant %q %v", c.stmt, got, gotArgs, c.want, c.wantArgs)
			}
		})
	}
}
