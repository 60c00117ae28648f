package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/todo-app/todo/backend/auth/store"
)

// pruneInterval is how often expired sessions are deleted. Expired sessions
// are already refused, so pruning only keeps the table small.
const pruneInterval = time.Hour

// pruneSessions deletes sessions that expired more than a day ago, once per
// pruneInterval, until ctx ends.
func pruneSessions(ctx context.Context, st *store.Store, logger *slog.Logger) {
	ticker := time.NewTicker(pruneInterval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		opCtx, cancel := context.WithTimeout(ctx, time.Minute)
		n, err := st.DeleteExpiredSessions(opCtx, time.Now().Add(-24*time.Hour))
		cancel()
		if err != nil {
			logger.Error("pruning expired sessions failed", "err", err.Error())
			continue
		}
		logger.Info("expired sessions pruned", "count", n)
	}
}
