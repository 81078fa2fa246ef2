package postgres

import "testing"

// TestNormalizeExprKeepsCastParentheses is the regression test for
// pg_query's deparser dropping the parentheses a cast needs.
func TestNormalizeExprKeepsCastParentheses(t *testing.T) {
	cases := map[string]string{
		"(now() AT TIME ZONE 'utc')::text":          "(now() AT TIME ZONE 'utc')::text",
		"((now() AT TIME ZONE 'utc')::text)":        "(now() AT TIME ZONE 'utc')::text",
		"(a IS NULL)::int":                          "(a IS NULL)::int",
		"coalesce((a IS NOT NULL)::integer, 0) + 1": "COALESCE((a IS NOT NULL)::int, 0) + 1",
		`(x COLLATE "C")::text`:                     `(x COLLATE "C")::text`,
		"(a AND b)::int":                            "(a AND b)::int",
		"(a + b)::text":                             "CAST(a + b AS text)",
		"a::text":                                   "a::text",
	}
	for in, want := range cases {
		got, err := NormalizeExpr(in)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", in, got, want)
		}
		again, err := NormalizeExpr(got)
		if err != nil || again != got {
			t.Errorf("%s: not idempotent: %q then %q (%v)", in, got, again, err)
		}
	}
}
