package mysql

import "testing"

// TestBlankTypedLiterals: only the keyword of a typed literal right after
// DEFAULT is blanked, in place.
func TestBlankTypedLiterals(t *testing.T) {
	cases := []struct{ in, want string }{
		{"d date DEFAULT DATE '2024-01-01'", "d date DEFAULT      '2024-01-01'"},
		{"t time default time '12:00'", "t time default      '12:00'"},
		{"ts timestamp DEFAULT /* c */ TIMESTAMP\n'2024-01-01 12:00:00'", "ts timestamp DEFAULT /* c */          \n'2024-01-01 12:00:00'"},
		{"d date DEFAULT '2024-01-01'", "d date DEFAULT '2024-01-01'"},
		{"CHECK (d > DATE '2024-01-01')", "CHECK (d > DATE '2024-01-01')"},
		{"c varchar(30) DEFAULT 'DEFAULT DATE ''x'''", "c varchar(30) DEFAULT 'DEFAULT DATE ''x'''"},
		{"`default` date, date DATE DEFAULT NULL", "`default` date, date DATE DEFAULT NULL"},
		{"d date DEFAULT DATE", "d date DEFAULT DATE"},
	}
	for _, c := range cases {
		if got := blankTypedLiterals(c.in); got != c.want {
			t.Errorf("blankTypedLiterals(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
