package apply

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tidedb/tide/planner"
)

// UnusableKeyError says a backfill cannot walk its table in keyset batches:
// the table has no primary key (or unique index on NOT NULL columns) the
// batches could order by and resume after. It is returned before any step
// runs.
type UnusableKeyError struct {
	Target string
	Step   planner.Step
	// Problem says what is missing.
	Problem string
}

func (e *UnusableKeyError) Error() string {
	b := e.Step.Backfill
	var set []string
	for _, a := range b.Set {
		set = append(set, a.Column+" = "+a.Expr)
	}
	where := "every row"
	if strings.TrimSpace(b.Where) != "" {
		where = "the rows where " + b.Where
	}
	return fmt.Sprintf("refusing to apply to %s: step %d backfills %s in keyset batches, but %s; nothing was changed\n"+
		"  either add a primary key (or a unique index on NOT NULL columns) to %s and plan again,\n"+
		"  or do this step by hand: set %s on %s of %s (one UPDATE locks each row it changes until it commits), then apply again",
		e.Target, e.Step.ID, b.Table, e.Problem, b.Table, strings.Join(set, ", "), where, b.Table)
}

// checkBackfillKeys makes sure, before anything runs, that every backfill
// among steps has a key that identifies one row: without one, batches can
// neither be ordered nor resumed. A table that does not exist yet (the plan
// creates it) is checked when its backfill starts.
func (r *runner) checkBackfillKeys(steps []planner.Step) error {
	for _, st := range steps {
		if st.Backfill == nil {
			continue
		}
		if err := r.checkBackfillKey(st, false); err != nil {
			return err
		}
	}
	return nil
}

// checkBackfillKey checks one backfill's key; mustExist says the table must
// exist by now.
func (r *runner) checkBackfillKey(st planner.Step, mustExist bool) error {
	b := st.Backfill
	if len(b.Key) == 0 {
		return &UnusableKeyError{Target: r.eng.target, Step: st, Problem: b.Table.String() + " has no primary key or unique NOT NULL key"}
	}
	keyJSON, _ := json.Marshal(b.Key)
	var exists, notNull, unique bool
	query, args := r.eng.bind(r.eng.sql.KeysetKeyUsable(), b.Table.Schema, b.Table.Name, string(keyJSON))
	err := r.sess.conn.QueryRowContext(r.dbctx, query, args...).Scan(&exists, &notNull, &unique)
	if err == sql.ErrNoRows {
		exists = false
	} else if err != nil {
		return fmt.Errorf("check the key of %s for the backfill of step %d on %s: %w", b.Table, st.ID, r.eng.target, err)
	}
	key := "(" + strings.Join(b.Key, ", ") + ")"
	switch {
	case !exists && mustExist:
		return fmt.Errorf("step %d backfills %s on %s, which does not exist", st.ID, b.Table, r.eng.target)
	case !exists:
		return nil
	case !notNull:
		return &UnusableKeyError{Target: r.eng.target, Step: st, Problem: "its key " + key + " has a column that is missing or allows NULL"}
	case !unique:
		return &UnusableKeyError{Target: r.eng.target, Step: st, Problem: "no unique index covers its key " + key + ", so a key value may name several rows"}
	}
	return nil
}
