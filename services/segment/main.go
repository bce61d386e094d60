// Command segment evaluates rule segments on the traits of traits.inferred,
// stores each profile's current segments in Postgres and produces changed
// memberships to segments.changed.
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
	"github.com/profilehub/platform/services/segment/internal/app"
	"github.com/profilehub/platform/services/segment/internal/config"
	"github.com/profilehub/platform/services/segment/internal/rules"
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
	rs, err := rules.Load(cfg.Segment.RulesPath)
	if err != nil {
		return fmt.Errorf("segment.rules_path: %w", err)
	}
	app.LogConfig(log, cfg, rs)

	pool, err := store.OpenPostgres(ctx, cfg.Postgres)
	if err != nil {
		return err
	}
	defer pool.Close()

	svc, err := app.New(cfg, rs, pool, log, prometheus.NewRegistry())
	if err != nil {
		return fmt.Errorf("building segment: %w", err)
	}
	return svc.Run(ctx)
}
