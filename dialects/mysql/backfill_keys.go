package mysql

import (
	"fmt"
	"strings"
)

// A backfill run from Go reads each batch's last key as text, checkpoints
// it, and binds it back as a parameter of the next batch. MySQL compares a
// column with a string parameter exactly for integers, character strings,
// dates and times (the string is converted to the column's type), but not
// for every type: binary strings are not text, ENUM and SET order by member
// number while a string compares by spelling, and DECIMAL compared with a
// string goes through floating point. keyCodec says, per key type, how a
// key is read as text and bound back so that comparisons are exact.

// keyCodec reads a key column as text and binds a text parameter back.
type keyCodec struct {
	// read wraps a key column reference in the expression that reads it.
	read func(col string) string
	// bind wraps a parameter in the expression compared with the column.
	bind func(param string) string
	// ordinal says the column orders by number (ENUM, SET, BIT): a stored
	// procedure holds it in an integer variable, read as col + 0, since a
	// variable of the column's own type compares as a string.
	ordinal bool
}

// procRead wraps a key column reference in the expression a stored
// procedure reads it with into a variable of procType.
func (k keyCodec) procRead(col string) string {
	if k.ordinal {
		return "(" + col + " + 0)"
	}
	return col
}

// procType is the type of a stored procedure's variable holding the key
// column of type typ.
func (k keyCodec) procType(typ string) string {
	if k.ordinal {
		return "bigint unsigned"
	}
	return typ
}

func same(s string) string { return s }

// keyCodecFor returns the codec of a key column of canonical type typ
// ("" = unknown: read and bound as they are).
func keyCodecFor(typ string) keyCodec {
	base, args := typeBase(typ)
	switch base {
	case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob":
		return keyCodec{
			read: func(c string) string { return "HEX(" + c + ")" },
			bind: func(p string) string { return "UNHEX(" + p + ")" },
		}
	case "enum", "set", "bit":
		return keyCodec{
			read:    func(c string) string { return "(" + c + " + 0)" },
			bind:    func(p string) string { return "CAST(" + p + " AS UNSIGNED)" },
			ordinal: true,
		}
	case "date", "datetime", "timestamp", "time":
		return keyCodec{
			read: func(c string) string { return "CAST(" + c + " AS CHAR)" },
			bind: same,
		}
	case "decimal", "numeric", "dec", "fixed":
		precision, scale := 10, 0
		if len(args) > 0 {
			precision = args[0]
		}
		if len(args) > 1 {
			scale = args[1]
		}
		cast := fmt.Sprintf(" AS DECIMAL(%d,%d))", precision, scale)
		return keyCodec{
			read: same,
			bind: func(p string) string { return "CAST(" + p + cast },
		}
	}
	return keyCodec{read: same, bind: same}
}

// keyCodecs returns the codec of each key column of b (by b.KeyTypes;
// columns without a type are read and bound as they are).
func keyCodecs(key, types []string) []keyCodec {
	out := make([]keyCodec, len(key))
	for i := range key {
		typ := ""
		if i < len(types) {
			typ = types[i]
		}
		out[i] = keyCodecFor(typ)
	}
	return out
}

// keysetBound is the condition "key op vals" on the quoted key columns,
// op ">" (exclusive lower bound) or "<=" (inclusive upper bound). A
// composite key is compared as a row, and its first column alone too, so
// that the server reads a range of the key's index: MariaDB does not turn
// a row comparison into a range.
func keysetBound(key []string, op string, vals []string) string {
	if len(key) == 1 {
		return quoteIdent(key[0]) + " " + op + " " + vals[0]
	}
	first := ">="
	if op == "<=" {
		first = "<="
	}
	return quoteIdent(key[0]) + " " + first + " " + vals[0] +
		" AND (" + quoteIdents(key) + ") " + op + " (" + strings.Join(vals, ", ") + ")"
}

// boundParams returns the bound parameters $from..$from+n-1, each wrapped
// by its key column's codec.
func boundParams(codecs []keyCodec, from int) []string {
	out := make([]string, len(codecs))
	for i, c := range codecs {
		out[i] = c.bind(fmt.Sprintf("$%d", from+i))
	}
	return out
}
