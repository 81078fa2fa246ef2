package postgres

import "testing"

// TestExprKeyAgreesWithTreeText checks that two expressions share an
// exprKey exactly when their trees (locations left out) are equal, over
// expressions of every node type the fast encoding handles and some it
// hands to treeText, each also written with other spacing.
func TestExprKeyAgreesWithTreeText(t *testing.T) {
	exprs := []string{
		"0", "1", "-1", "1.5", "'1.5'", "'new'", "'New'", "''", "NULL", "true", "false", "B'101'", "X'1F'",
		"now()", "now( )", "lower(email)", "lower(name)", "upper(email)", "pg_catalog.lower(email)",
		"coalesce(a, b)", "coalesce(b, a)", "count(*)", "count(DISTINCT a)", "f(VARIADIC a)",
		"amount >= 0", "amount > 0", "0 <= amount", "amount >= 1", "a = b", "a <> b", "a IN (1, 2)",
		"a BETWEEN 1 AND 2", "a LIKE 'x%'", "a IS NULL", "a IS NOT NULL", "(a, b) IS NULL",
		"a AND b", "a OR b", "NOT a", "a AND b AND c", "a AND (b OR c)", "(a AND b) OR c",
		"'x'::text", "'x'::varchar(10)", "'x'::varchar(20)", "1::bigint", "1::int", "'{}'::int[]",
		"t.a", "s.t.a", "a", "b", "CASE WHEN a THEN 1 ELSE 2 END", "CASE WHEN a THEN 1 ELSE 3 END",
		"a[1]", "ARRAY[1, 2]", "sum(a) FILTER (WHERE a > 0)", "row_number() OVER ()",
		"a::text || 'x'", "a || b::text", "date_trunc('day', created_at)", "gen_random_uuid()",
	}
	spaced := func(s string) string { return "  " + s + " " }
	for _, a := range exprs {
		na, err := parseExpr(a)
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		nsp, err := parseExpr(spaced(a))
		if err != nil {
			t.Fatal(err)
		}
		if exprKey(na) != exprKey(nsp) {
			t.Errorf("%q: key depends on where it is written", a)
		}
		for _, b := range exprs {
			nb, err := parseExpr(b)
			if err != nil {
				t.Fatal(err)
			}
			sameTree := treeText(na) == treeText(nb)
			sameKey := exprKey(na) == exprKey(nb)
			if sameTree != sameKey {
				t.Errorf("%q vs %q: same tree %v, same key %v", a, b, sameTree, sameKey)
			}
		}
	}
}

// TestExprKeyFastPath checks that the usual default, check and index
// expressions take the typed encoding.
func TestExprKeyFastPath(t *testing.T) {
	for _, e := range []string{"'new'", "0", "now()", "amount >= 0", "lower(email)", "email IS NOT NULL",
		"'x'::character varying", "a AND NOT b", "1.5", "true"} {
		n, err := parseExpr(e)
		if err != nil {
			t.Fatal(err)
		}
		if k := exprKey(n); k[0] != 'f' {
			t.Errorf("%s: key %q is not the typed encoding", e, k)
		}
	}
}
