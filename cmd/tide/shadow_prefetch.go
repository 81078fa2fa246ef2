package main

import (
	"context"

	"github.com/tidedb/tide/inspect"
)

// prefetchedShadow is a Database whose first Shadow call returns a shadow
// database created in the background since prefetchShadow — creating one
// takes the server a few hundred milliseconds, which then overlap with
// inspecting the target and reading the files. Later calls create fresh
// ones. release drops the prefetched shadow if nobody took it.
type prefetchedShadow struct {
	inspect.Database
	ready chan shadowResult
	taken bool
}

type shadowResult struct {
	db   inspect.Database
	drop func(context.Context) error
	err  error
}

// prefetchShadow starts creating a shadow database on db.
func prefetchShadow(ctx context.Context, db inspect.Database) *prefetchedShadow {
	p := &prefetchedShadow{Database: db, ready: make(chan shadowResult, 1)}
	go func() {
		s, drop, err := db.Shadow(ctx)
		p.ready <- shadowResult{s, drop, err}
	}()
	return p
}

// Shadow implements inspect.Database.
func (p *prefetchedShadow) Shadow(ctx context.Context) (inspect.Database, func(context.Context) error, error) {
	if p.taken {
		return p.Database.Shadow(ctx)
	}
	p.taken = true
	r := <-p.ready
	if r.err != nil { // e.g. the context was cancelled meanwhile: try once more
		return p.Database.Shadow(ctx)
	}
	return r.db, r.drop, nil
}

// release waits for the prefetched shadow and drops it unless Shadow
// handed it out (whose caller then drops it).
func (p *prefetchedShadow) release() {
	if p.taken {
		return
	}
	p.taken = true
	if r := <-p.ready; r.err == nil {
		_ = r.drop(context.Background())
	}
}
