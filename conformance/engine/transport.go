package engine

import (
	"context"
	"fmt"
)

// maxFailStreak attempts in a row without any response (the pipeline's NoAnswerStreak) mean
// the target is gone: the run stops starting scenarios instead of spending a timeout in each.
const maxFailStreak = 20

// targetGone is why a run stopped early: the target stopped answering.
type targetGone struct{ streak int64 }

func (g *targetGone) Error() string {
	return fmt.Sprintf("the target stopped answering (%d requests in a row got no response)", g.streak)
}

// watchTarget returns ctx, ended early once the target stops answering.
func (e *env) watchTarget(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	e.stop = cancel
	return ctx, func() { cancel(nil) }
}

// noteExchange stops the run once maxFailStreak requests in a row got no response; the
// pipeline counts them (any answer, on any request path, resets the count).
func (e *env) noteExchange(err error) {
	if err == nil || e.stop == nil {
		return
	}
	if n := e.pipe.Stats().NoAnswerStreak; n >= maxFailStreak {
		e.stop(&targetGone{streak: n})
	}
}
