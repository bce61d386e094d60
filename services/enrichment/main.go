// Command enrichment consumes resolved events, stores them enriched in
// ClickHouse with the aggregates they change, and produces a
// ProfileActivity per profile to profile.activity.
package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"

	pkgconfig "github.com/profilehub/platform/pkg/config"
	"github.com/profilehub/platform/pkg/service"
	"github.com/profilehub/platform/pkg/store"
	"github.com/profilehub/platform/pkg/telemetry"
	"github.com/profilehub/platform/services/enrichment/internal/app"
	"github.com/profilehub/platform/services/enrichment/internal/config"
)

func main() {
	configPath := flag.String("config", "", "path of the YAML config file; PROFILEHUB_* variables override it")
	flag.Parse()
	service.Main(app.ServiceName, func(ctx context.Context) error { return run(ctx, *configPath) })
}

func run(ctx context.Context, configPath string) error {
	cfg := config.Default()
	if err := pkgconfig.Load(configPath, &cfg); err != nil {
		return err
	}
	log, err := telemetry.NewLogger(app.ServiceName, cfg.Log.Level)
	if err != nil {
		return err
	}
	app.LogConfig(log, cfg)

	ch, err := store.OpenClickHouse(ctx, cfg.ClickHouse)
	if err != nil {
		return err
	}
	defer ch.Close()

	pool, err := store.OpenPostgres(ctx, cfg.Postgres)
	if err != nil {
		return err
	}
	defer pool.Close()

	svc, err := app.New(cfg, ch, pool, log, prometheus.NewRegistry())
	if err != nil {
		return fmt.Errorf("building enrichment: %w", err)
	}
	return svc.Run(ctx)
}
