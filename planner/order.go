package planner

import (
	"container/heap"
	"fmt"
	"sort"
	"strings"

	"github.com/tidedb/tide/schema"
)

// Ordering model
//
// Diff collects its changes as nodes of a dependency graph, the way vitess'
// schemadiff does: each node carries
//
//   - a level (the coarse order of the plan: namespaces, types, early view
//     drops, table renames, new tables, changes of existing tables, foreign
//     keys, views, removals — see the level* constants), and a rank, group and
//     sequence number inside its level;
//   - the objects it creates (provides) and the objects it needs to exist
//     (needs): every provider of a key runs before every node that needs it;
//   - the objects it removes (frees) and the objects whose removal must wait
//     for it (holds): every holder of a key runs before every node that frees
//     it (a referencing table is dropped before the table it references).
//
// The order is a topological sort of those edges (Kahn's algorithm). Among the
// nodes that are ready, the one with the smallest (level, rank, group, seq,
// object, kind) runs first (in levelTables group — the table — comes before
// rank, so that one table's changes stay together), so levels are kept wherever the edges allow and the
// same inputs always give the same order. When edges form a cycle no order
// exists and the sort fails with a *CycleError naming the objects involved.

// Levels of the plan order.
const (
	levelDropViews    = 0 // views dropped before the tables or types they read change
	levelNamespaces   = 1 // AddNamespace, SetNamespaceComment
	levelTypes        = 2 // enums and sequences created or changed
	levelRenameTables = 4
	levelAddTables    = 5
	levelTables       = 6 // changes of existing tables, grouped by table
	levelForeignKeys  = 7
	levelViews        = 8 // AddView, SetViewComment
	levelRemovals     = 9 // drops, in the contract-friendly order below
)

// Ranks inside levelTables (per table, in this order).
const (
	rankRenameColumn = iota + 1
	rankAddColumn
	rankAlterColumn
	rankRenameObject
	rankPrimaryKey
	rankUnique
	rankCheck
	rankIndex
	rankTableComment
)

// Ranks inside levelRemovals.
const (
	rankDropForeignKey = iota + 1
	rankDropView
	rankDropIndex
	rankDropCheck
	rankDropUnique
	rankDropPrimaryKey
	rankDropColumn
	rankDropTable
	rankDropSequence
	rankDropEnum
	rankDropNamespace
)

// node is one unit of the order: a change, or a Drop+Add pair that replaces
// an object whose definition changed (the two always stay adjacent).
type node struct {
	changes []schema.Change
	level   int
	group   string
	rank    int
	seq     int

	provides, needs []string
	frees, holds    []string
}

// object and kind name the node for sorting and errors (the last change: the
// Add of a replacement pair).
func (n *node) object() string { return n.changes[len(n.changes)-1].Object() }
func (n *node) kind() string   { return n.changes[len(n.changes)-1].Kind() }

// label is "kind object" for messages.
func (n *node) label() string { return n.kind() + " " + n.object() }

// less is the deterministic priority among ready nodes.
func (n *node) less(o *node) bool {
	switch {
	case n.level != o.level:
		return n.level < o.level
	case n.level == levelTables && n.group != o.group: // table by table
		return n.group < o.group
	case n.rank != o.rank:
		return n.rank < o.rank
	case n.group != o.group:
		return n.group < o.group
	case n.seq != o.seq:
		return n.seq < o.seq
	case n.object() != o.object():
		return n.object() < o.object()
	default:
		return n.kind() < o.kind()
	}
}

// CycleError reports changes that depend on each other in a circle, so that
// no order can carry them out.
type CycleError struct {
	// Changes are the changes caught in (or waiting behind) the cycle, as
	// "kind object", sorted.
	Changes []string
}

// Error names the objects and says what to do.
func (e *CycleError) Error() string {
	return fmt.Sprintf("planner: cannot order the changes, they depend on each other in a cycle: %s; "+
		"split the change into two plans or remove one of the dependencies", strings.Join(e.Changes, ", "))
}

// nodeHeap is a min-heap of node indexes by node.less.
type nodeHeap struct {
	idx   []int
	nodes []*node
}

func (h *nodeHeap) Len() int           { return len(h.idx) }
func (h *nodeHeap) Less(i, j int) bool { return h.nodes[h.idx[i]].less(h.nodes[h.idx[j]]) }
func (h *nodeHeap) Swap(i, j int)      { h.idx[i], h.idx[j] = h.idx[j], h.idx[i] }
func (h *nodeHeap) Push(x any)         { h.idx = append(h.idx, x.(int)) }
func (h *nodeHeap) Pop() any {
	last := h.idx[len(h.idx)-1]
	h.idx = h.idx[:len(h.idx)-1]
	return last
}

// edges returns, for each node, the nodes that must run after it.
func edges(nodes []*node) [][]int {
	providers := map[string][]int{}
	freers := map[string][]int{}
	for i, n := range nodes {
		for _, k := range n.provides {
			providers[k] = append(providers[k], i)
		}
		for _, k := range n.frees {
			freers[k] = append(freers[k], i)
		}
	}
	after := make([][]int, len(nodes))
	seen := map[[2]int]bool{}
	add := func(from, to int) {
		if from == to || seen[[2]int{from, to}] {
			return
		}
		seen[[2]int{from, to}] = true
		after[from] = append(after[from], to)
	}
	for i, n := range nodes {
		for _, k := range n.needs {
			for _, p := range providers[k] {
				add(p, i)
			}
		}
		for _, k := range n.holds {
			for _, f := range freers[k] {
				add(i, f)
			}
		}
	}
	return after
}

// order sorts the nodes topologically (see the package comment above) and
// flattens them into changes.
func order(nodes []*node) ([]schema.Change, error) {
	after := edges(nodes)
	waiting := make([]int, len(nodes))
	for _, next := range after {
		for _, j := range next {
			waiting[j]++
		}
	}
	h := &nodeHeap{nodes: nodes}
	for i := range nodes {
		if waiting[i] == 0 {
			h.idx = append(h.idx, i)
		}
	}
	heap.Init(h)
	out := []schema.Change{}
	done := 0
	for h.Len() > 0 {
		i := heap.Pop(h).(int)
		done++
		out = append(out, nodes[i].changes...)
		for _, j := range after[i] {
			waiting[j]--
			if waiting[j] == 0 {
				heap.Push(h, j)
			}
		}
	}
	if done < len(nodes) {
		var stuck []string
		for i, n := range nodes {
			if waiting[i] > 0 {
				stuck = append(stuck, n.label())
			}
		}
		sort.Strings(stuck)
		return nil, &CycleError{Changes: stuck}
	}
	return out, nil
}
