package mysql

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// storageOptions are the CREATE_OPTIONS tide manages, by their lower-case
// name there: ROW_FORMAT and KEY_BLOCK_SIZE, present only when the table
// was given them (TABLES.ROW_FORMAT names the format in use either way).
var storageOptions = map[string]string{
	"row_format":     schema.AttrRowFormat,
	"key_block_size": schema.AttrKeyBlockSize,
}

// splitCreateOptions splits a table's CREATE_OPTIONS into the options tide
// manages, as Table.Attrs (row_format upper case, ROW_FORMAT=DEFAULT and
// KEY_BLOCK_SIZE=0 left out), and the ones it does not, "" when there are
// none. The server lists the options a table was created with, and a few
// it implies or keeps without effect, which are neither: MySQL's
// encryption='N'; MariaDB's transactional=1 of an Aria table, and Aria's
// page_checksum and transactional on a table of another engine (MariaDB
// keeps them when a table moves from Aria to, say, InnoDB, which ignores
// them).
func splitCreateOptions(engine, options string) (managed map[string]string, unmanaged string) {
	aria := strings.EqualFold(engine, "Aria")
	var out []string
	for _, o := range strings.Fields(options) {
		lo := strings.ToLower(o)
		name, value, _ := strings.Cut(lo, "=")
		switch {
		case lo == "`encryption`='n'" || lo == "encryption='n'":
		case lo == "transactional=1" && aria:
		case (name == "page_checksum" || name == "transactional") && !aria:
		case storageOptions[name] != "":
			value = strings.ToUpper(strings.Trim(value, "'"))
			if name == "row_format" && value == "DEFAULT" || name == "key_block_size" && strings.Trim(value, "0") == "" {
				continue
			}
			if managed == nil {
				managed = map[string]string{}
			}
			managed[storageOptions[name]] = strings.TrimLeft(value, "0")
		default:
			out = append(out, o)
		}
	}
	return managed, strings.Join(out, " ")
}
