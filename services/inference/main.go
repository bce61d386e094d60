// Command inference computes the behavioural traits of the profiles named
// on profile.activity from their ClickHouse aggregates and produces them to
// traits.inferred.
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
	"github.com/profilehub/platform/services/inference/internal/app"
	"github.com/profilehub/platform/services/inference/internal/config"
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

	conn, err := store.OpenClickHouse(ctx, cfg.ClickHouse)
	if err != nil {
		return err
	}
	defer conn.Close()

	svc, err := app.New(cfg, conn, log, prometheus.NewRegistry())
	if err != nil {
		return fmt.Errorf("building inference: %w", err)
	}
	return svc.Run(ctx)
}
