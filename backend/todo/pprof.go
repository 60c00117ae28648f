package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// checkProfilerAddr accepts only a loopback address, because the profiler
// exposes the process's memory and code paths to every client that reaches it.
func checkProfilerAddr(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid PPROF_ADDR %q: use host:port such as 127.0.0.1:6061", addr)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("invalid PPROF_ADDR %q: the profiler listens only on a loopback address such as 127.0.0.1", addr)
	}
	return nil
}

// serveProfiler serves the net/http/pprof handlers on addr until ctx ends.
// It runs beside the API on its own listener, so the API's routes, logs and
// errors stay as they are.
func serveProfiler(ctx context.Context, addr string, logger *slog.Logger) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	server := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}

	go func() {
		<-ctx.Done()
		_ = server.Close()
	}()

	logger.Info("profiler listening", "addr", addr)
	if err := server.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Error("profiler stopped", "addr", addr, "err", err.Error())
	}
}
