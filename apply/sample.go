package apply

import (
	"database/sql"
)

// sampleRows is how many offending rows a pre-flight failure shows.
const sampleRows = 5

// sample runs a pre-flight check's sample query (dialects.Preflight
// SampleSQL, written by the dialect: the offending rows' key columns, then
// the columns holding the offending values) and reads up to sampleRows rows
// as text, NULL as "NULL", with the query's column names.
func (r *runner) sample(query string) (cols []string, out [][]string, err error) {
	rows, err := r.sess.conn.QueryContext(r.dbctx, query)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	if cols, err = rows.Columns(); err != nil {
		return nil, nil, err
	}
	for rows.Next() && len(out) < sampleRows {
		vals := make([]sql.NullString, len(cols))
		dest := make([]any, len(cols))
		for i := range vals {
			dest[i] = &vals[i]
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, nil, err
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = "NULL"
			if v.Valid {
				row[i] = v.String
			}
		}
		out = append(out, row)
	}
	return cols, out, rows.Err()
}
