package schema

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadHCL checks that any input gives a schema or an error, never a
// panic, and that an accepted schema encodes to HCL that loads again.
func FuzzLoadHCL(f *testing.F) {
	seeds, err := filepath.Glob("testdata/*/*.hcl")
	if err != nil {
		f.Fatal(err)
	}
	more, _ := filepath.Glob("testdata/*/*/*.hcl")
	for _, p := range append(seeds, more...) {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add(EncodeHCL(richSchema()))
	f.Add([]byte(`locals { a = local.a }`))
	f.Add([]byte(`table "t" { column "c" { type = format("%s", var.x) } }`))
	opts := LoadOptions{Dialect: "postgres", Vars: map[string]string{}}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := LoadHCL(map[string][]byte{"fuzz.hcl": src}, opts)
		if err != nil {
			if s != nil {
				t.Fatalf("LoadHCL returned both a schema and an error: %v", err)
			}
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if s == nil {
			t.Fatal("LoadHCL returned neither a schema nor an error")
		}
		out := EncodeHCL(s)
		if _, err := LoadHCL(map[string][]byte{"again.hcl": out}, LoadOptions{}); err != nil {
			t.Fatalf("encoded schema does not load: %v\n--- input\n%s\n--- encoded\n%s", err, src, out)
		}
	})
}
