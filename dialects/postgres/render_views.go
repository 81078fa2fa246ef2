package postgres

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/schema"
)

// orderViews returns views so that every view comes after the views it
// reads. A view's DependsOn is used when set; otherwise its definition is
// searched for the other views' names (a textual heuristic). Among views
// with no order between them, the input order is kept. A cycle is an error
// naming the views on it.
func orderViews(views []*schema.View) ([]*schema.View, error) {
	deps := make([][]int, len(views)) // deps[i]: indexes of views that i reads
	for i, v := range views {
		for j, w := range views {
			if i != j && viewReads(v, w) {
				deps[i] = append(deps[i], j)
			}
		}
	}
	done := make([]bool, len(views))
	var out []*schema.View
	for len(out) < len(views) {
		progressed := false
		for i, v := range views {
			if done[i] || !allDone(deps[i], done) {
				continue
			}
			done[i] = true
			out = append(out, v)
			progressed = true
			break // restart from the top so that input order wins ties
		}
		if !progressed {
			var cycle []string
			for i, v := range views {
				if !done[i] {
					cycle = append(cycle, v.QName().String())
				}
			}
			return nil, fmt.Errorf("views %s read each other in a cycle; PostgreSQL cannot create them — break the cycle", strings.Join(cycle, ", "))
		}
	}
	return out, nil
}

func allDone(idx []int, done []bool) bool {
	for _, j := range idx {
		if !done[j] {
			return false
		}
	}
	return true
}

// viewReads reports whether v reads w: from v.DependsOn when known, else
// from w's name appearing as a whole word in v's definition (qualified or
// not, quoted or not).
func viewReads(v, w *schema.View) bool {
	if len(v.DependsOn) > 0 {
		for _, d := range v.DependsOn {
			if d == w.QName() || (d.Schema == "" && d.Name == w.Name) {
				return true
			}
		}
		return false
	}
	def := v.Def
	return containsWord(def, quoteIdent(w.Name)) || containsWord(strings.ToLower(def), strings.ToLower(w.Name))
}

// containsWord reports whether word occurs in s not preceded or followed by
// an identifier character.
func containsWord(s, word string) bool {
	if word == "" {
		return false
	}
	for from := 0; ; {
		i := strings.Index(s[from:], word)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(word)
		if (i == 0 || !isIdentByte(s[i-1])) && (end == len(s) || !isIdentByte(s[end])) {
			return true
		}
		from = i + 1
	}
}

func isIdentByte(b byte) bool {
	return b == '_' || b == '$' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b >= 0x80
}
