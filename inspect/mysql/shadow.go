package mysql

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/tidedb/tide/inspect"
)

// ShadowPrefix starts the name of every shadow database tide creates.
const ShadowPrefix = "tide_shadow_"

// Shadow implements inspect.Database. It creates an empty database named
// tide_shadow_<random> on the same server with this database's default
// character set and collation, so that tables inherit the same ones there.
// The shadow reports its objects under this database's name and its
// tables' AUTO_INCREMENT counters as their auto_increment option (its
// tables are new, so the counter is the option they were created with).
// drop closes the shadow's pool and drops it; it is safe to call more than
// once.
//
// The shadow's pool does not allow several statements in one round trip:
// DDL is not transactional on MySQL, so a batch that fails half-way could
// not be replayed to find its failing statement (inspect.NormalizeWholeShadow
// sends batches, which then fail as a whole and are replayed one by one).
func (d *Database) Shadow(ctx context.Context) (inspect.Database, func(context.Context) error, error) {
	name := ShadowPrefix + randomSuffix()
	create := fmt.Sprintf("CREATE DATABASE %s CHARACTER SET %s COLLATE %s", quoteIdent(name), d.server.Charset, d.server.Collation)
	if _, err := d.pool.ExecContext(ctx, create); err != nil {
		return nil, nil, fmt.Errorf("%w; creating a shadow database needs the CREATE and DROP privileges on %s*: "+
			"grant them or point --dev-url at a server where the user has them", d.wrapErr("create shadow database "+name, err), ShadowPrefix)
	}
	cfg := d.cfg.Clone()
	cfg.DBName = name
	shadow, err := openConfig(ctx, cfg, d.name, true, nil)
	if err != nil {
		_ = d.dropDatabase(context.WithoutCancel(ctx), name)
		return nil, nil, err
	}
	var once sync.Once
	var dropErr error
	drop := func(ctx context.Context) error {
		once.Do(func() {
			_ = shadow.Close()
			dropErr = d.dropDatabase(ctx, name)
		})
		return dropErr
	}
	return shadow, drop, nil
}

// dropDatabase drops a database.
func (d *Database) dropDatabase(ctx context.Context, name string) error {
	if _, err := d.pool.ExecContext(ctx, "DROP DATABASE IF EXISTS "+quoteIdent(name)); err != nil {
		return d.wrapErr("drop shadow database "+name, err)
	}
	return nil
}

// randomSuffix returns 16 random hex digits.
func randomSuffix() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
