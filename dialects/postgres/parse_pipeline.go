package postgres

import (
	"runtime"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// parsedPiece is one statement's parse.
type parsedPiece struct {
	tree *pg_query.ParseResult
	err  error
}

// pipelineWindow bounds the statements parsed ahead of the one being
// handled, so that only a few hundred parse trees are alive at a time.
const pipelineWindow = 256

// parsePieces parses every piece with pg_query on all cores and hands the
// results to handle in order, one at a time; handle's first error stops the
// pipeline and is returned. (Parsing is most of the cost of reading a large
// file and pg_query is thread-safe; handling stays sequential because
// generated names depend on statement order.)
func parsePieces(pieces []string, handle func(i int, r parsedPiece) error) error {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || len(pieces) < 32 {
		for i, piece := range pieces {
			tree, err := pg_query.Parse(piece)
			if err := handle(i, parsedPiece{tree, err}); err != nil {
				return err
			}
		}
		return nil
	}
	slots := make([]chan parsedPiece, pipelineWindow)
	for i := range slots {
		slots[i] = make(chan parsedPiece, 1)
	}
	tokens := make(chan struct{}, pipelineWindow)
	next := make(chan int)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(next)
		for i := range pieces {
			select {
			case tokens <- struct{}{}:
			case <-done:
				return
			}
			select {
			case next <- i:
			case <-done:
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for i := range next {
				tree, err := pg_query.Parse(pieces[i])
				select {
				case slots[i%pipelineWindow] <- parsedPiece{tree, err}:
				case <-done:
					return
				}
			}
		}()
	}
	for i := range pieces {
		r := <-slots[i%pipelineWindow]
		<-tokens
		if err := handle(i, r); err != nil {
			return err
		}
	}
	return nil
}
