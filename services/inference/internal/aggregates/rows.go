package aggregates

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/shopspring/decimal"

	"github.com/profilehub/platform/services/inference/internal/traits"
)

func (r *Reader) loadActivity(ctx context.Context, ids clickhouse.GroupSet, out map[string]*traits.Aggregates) error {
	rows, err := r.conn.Query(ctx, queryActivity, ids)
	if err != nil {
		return fmt.Errorf("querying events summary of %d profiles: %w", len(ids.Value), err)
	}
	defer rows.Close()

	for rows.Next() {
		var (
			id                     string
			lastEvent, first, last time.Time
			orderEvents            uint64
			allGuest               uint8
		)
		if err := rows.Scan(&id, &lastEvent, &orderEvents, &first, &last, &allGuest); err != nil {
			return fmt.Errorf("scanning events summary: %w", err)
		}
		a := traits.Activity{LastEventAt: lastEvent.UTC(), AllGuest: allGuest == 1}
		if orderEvents > 0 {
			a.FirstOrderAt, a.LastOrderAt = first.UTC(), last.UTC()
		}
		out[id] = &traits.Aggregates{ProfileID: id, Activity: a}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading events summary: %w", err)
	}
	return nil
}

func (r *Reader) loadDaily(ctx context.Context, ids clickhouse.GroupSet, out map[string]*traits.Aggregates) error {
	rows, err := r.conn.Query(ctx, queryDaily, ids)
	if err != nil {
		return fmt.Errorf("querying profile_daily of %d profiles: %w", len(ids.Value), err)
	}
	defer rows.Close()

	for rows.Next() {
		var (
			id                                string
			day                               time.Time
			orders, cancellations, views, evs uint32
			net                               decimal.Decimal
		)
		if err := rows.Scan(&id, &day, &orders, &cancellations, &net, &views, &evs); err != nil {
			return fmt.Errorf("scanning profile_daily: %w", err)
		}
		if a, ok := out[id]; ok {
			a.Daily = append(a.Daily, traits.DailyRow{Day: day.UTC(), Orders: int64(orders),
				Cancellations: int64(cancellations), NetRevenue: net, ProductViews: int64(views), Events: int64(evs)})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading profile_daily: %w", err)
	}
	return nil
}

func (r *Reader) loadProducts(ctx context.Context, ids clickhouse.GroupSet, out map[string]*traits.Aggregates) error {
	rows, err := r.conn.Query(ctx, queryProducts, ids)
	if err != nil {
		return fmt.Errorf("querying profile_products of %d profiles: %w", len(ids.Value), err)
	}
	defer rows.Close()

	for rows.Next() {
		var (
			id, product, category string
			units                 int64
			revenue               decimal.Decimal
			orders, views         uint32
		)
		if err := rows.Scan(&id, &product, &category, &units, &revenue, &orders, &views); err != nil {
			return fmt.Errorf("scanning profile_products: %w", err)
		}
		if a, ok := out[id]; ok {
			a.Products = append(a.Products, traits.ProductRow{ProductID: product, Category: category,
				Units: units, Revenue: revenue, Orders: int64(orders), Views: int64(views)})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading profile_products: %w", err)
	}
	return nil
}

func (r *Reader) loadHours(ctx context.Context, ids clickhouse.GroupSet, out map[string]*traits.Aggregates) error {
	rows, err := r.conn.Query(ctx, queryHours, ids)
	if err != nil {
		return fmt.Errorf("querying profile_hour_of_week of %d profiles: %w", len(ids.Value), err)
	}
	defer rows.Close()

	for rows.Next() {
		var (
			id     string
			hour   uint8
			events uint32
		)
		if err := rows.Scan(&id, &hour, &events); err != nil {
			return fmt.Errorf("scanning profile_hour_of_week: %w", err)
		}
		if a, ok := out[id]; ok {
			a.Hours = append(a.Hours, traits.HourRow{HourOfWeek: int(hour), Events: int64(events)})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading profile_hour_of_week: %w", err)
	}
	return nil
}
