package postgres

import (
	"regexp"
	"strings"
)

// renamedHint matches a rename annotation in an SQL comment, the SQL
// spelling of HCL's renamed_from (the form sqldef uses):
//
//	user_name text, -- @renamed from=username
//	"NewName" text  /* @renamed from="OldName" */
var renamedHint = regexp.MustCompile(`(?:--|/\*)\s*@renamed\s+from=("(?:[^"]|"")+"|[^\s,*]+)`)

// renameHintAt returns the rename annotation on the source line where the
// definition at offset starts (after the offset), or "".
func (p *sqlParser) renameHintAt(offset int32) string {
	at := p.base + int(offset)
	if offset < 0 || at >= len(p.src) {
		return ""
	}
	line := p.src[at:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if !strings.Contains(line, "@renamed") { // the regexp costs more than the test
		return ""
	}
	m := renamedHint.FindStringSubmatch(line)
	if m == nil {
		return ""
	}
	name := m[1]
	if strings.HasPrefix(name, `"`) {
		return strings.ReplaceAll(name[1:len(name)-1], `""`, `"`)
	}
	return name
}
