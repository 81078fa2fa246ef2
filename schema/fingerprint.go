package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Fingerprint is a stable hash of a schema's content (statistics and source
// positions excluded). Two inspections of an unchanged database give the same
// fingerprint; a saved plan records it to detect a stale plan.
func Fingerprint(s *Schema) string {
	c := s.Clone()
	c.Sort()
	b, err := json.Marshal(c)
	if err != nil { // the model holds only strings, numbers and slices
		panic("schema: fingerprint: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}
