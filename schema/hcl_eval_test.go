package schema

import (
	"testing"
)

// TestHCLFunctionsAndVariables evaluates each function and variable form
// through a table comment and checks the result.
func TestHCLFunctionsAndVariables(t *testing.T) {
	tests := []struct {
		expr string
		vars map[string]string
		want string
	}{
		{`format("%s_%03d", "t", 7)`, nil, "t_007"},
		{`upper("ab")`, nil, "AB"},
		{`lower("AB")`, nil, "ab"},
		{`title("hello world")`, nil, "Hello World"},
		{`join("-", ["a", "b"], ["c"])`, nil, "a-b-c"},
		{`join(",", concat(["a"], ["b", "c"]))`, nil, "a,b,c"},
		{`replace("a.b.c", ".", "_")`, nil, "a_b_c"},
		{`trimspace("  x \n")`, nil, "x"},
		{`trimprefix("tbl_users", "tbl_")`, nil, "users"},
		{`trimsuffix("users_tmp", "_tmp")`, nil, "users"},
		{`substr("abcdef", 1, 3)`, nil, "bcd"},
		{`tostring(length("héllo"))`, nil, "5"},
		{`tostring(length(["a", "b"]))`, nil, "2"},
		{`split(",", "a,b,c")[1]`, nil, "b"},
		{`coalesce(null, "fallback")`, nil, "fallback"},
		{`tostring(42)`, nil, "42"},
		{`tostring(contains(["a"], "a"))`, nil, "true"},
		{`join(",", distinct(["a", "a", "b"]))`, nil, "a,b"},
		{`join(",", flatten([["a"], ["b"]]))`, nil, "a,b"},
		{`lookup({a = "x"}, "a", "d")`, nil, "x"},
		{`merge({a = "x"}, {a = "y"}).a`, nil, "y"},
		{`tostring(max(1, 5) + min(2, 3))`, nil, "7"},
		{`join(",", formatlist("c_%s", ["a", "b"]))`, nil, "c_a,c_b"},
		{`"${var.s}/${var.n + 1}/${var.b ? "yes" : "no"}"`, map[string]string{"s": "cli", "n": "41", "b": "true"}, "cli/42/yes"},
		{`"${var.s}/${var.n}/${var.b}"`, nil, "dflt/1/false"},
		{`local.derived`, map[string]string{"s": "x"}, "X!"},
		{`tostring(tobool("true") ? tonumber("3") : 0)`, nil, "3"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			src := `database { dialect = "postgres" }
variable "s" { default = "dflt" }
variable "n" {
  type    = number
  default = 1
}
variable "b" {
  type    = bool
  default = false
}
locals { derived = "${upper(var.s)}!" }
table "t" { comment = ` + tt.expr + ` }
`
			s, err := LoadHCL(map[string][]byte{"f.hcl": []byte(src)}, LoadOptions{Vars: tt.vars})
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Tables[0].Comment; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
