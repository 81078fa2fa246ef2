package main

import (
	"context"
	"testing"

	"github.com/tidedb/tide/inspect"
)

// countingDB counts the shadows it creates and drops.
type countingDB struct {
	inspect.Database
	created, dropped int
}

func (c *countingDB) Shadow(context.Context) (inspect.Database, func(context.Context) error, error) {
	c.created++
	return c, func(context.Context) error { c.dropped++; return nil }, nil
}

func TestPrefetchedShadow(t *testing.T) {
	ctx := context.Background()

	unused := &countingDB{}
	prefetchShadow(ctx, unused).release()
	if unused.created != 1 || unused.dropped != 1 {
		t.Errorf("an unused prefetched shadow: created %d, dropped %d; want 1, 1", unused.created, unused.dropped)
	}

	used := &countingDB{}
	p := prefetchShadow(ctx, used)
	_, drop, err := p.Shadow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.release() // the taker drops it, not release
	if used.created != 1 || used.dropped != 0 {
		t.Errorf("a taken prefetched shadow: created %d, dropped %d before its drop; want 1, 0", used.created, used.dropped)
	}
	_ = drop(ctx)
	if _, _, err := p.Shadow(ctx); err != nil || used.created != 2 {
		t.Errorf("a second Shadow call: err %v, created %d; want a fresh shadow (2)", err, used.created)
	}
}
