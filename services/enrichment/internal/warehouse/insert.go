package warehouse

import (
	"context"
	"fmt"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// The column lists are named because ClickHouse 18.16 rejects a prepared
// INSERT without one.
const (
	insertEvents = `INSERT INTO %s.events (event_id, event_type, profile_id, event_time, received_at,
		source, session_id, channel, country, locale, timezone, device, browser, os, local_hour,
		local_dow, hour_of_week, product_id, category, is_fee, order_id, cart_action, quantity,
		rating, guest, version)`
	insertLines = `INSERT INTO %s.order_lines (profile_id, order_id, line_no, event_id, event_time,
		product_id, category, quantity, unit_price, amount, is_fee, is_cancellation,
		original_order_id, currency, version)`
)

// InsertEvents writes rows to the events table in one block. A replay
// writes equal rows with a higher version, which merges collapse.
func (w *Warehouse) InsertEvents(ctx context.Context, rows []EventRow) error {
	if len(rows) == 0 {
		return nil
	}
	version := w.clock.next()
	return w.send(ctx, "events", fmt.Sprintf(insertEvents, w.database), len(rows), func(b driver.Batch) error {
		for _, r := range rows {
			err := b.Append(r.EventID, r.EventType, r.ProfileID, r.EventTime.UTC(), r.ReceivedAt.UTC(),
				r.Source, r.SessionID, r.Channel, r.Country, r.Locale, r.Timezone, r.Device, r.Browser, r.OS,
				r.LocalHour, r.LocalDow, r.HourOfWeek, r.ProductID, r.Category, boolUInt8(r.IsFee),
				r.OrderID, r.CartAction, r.Quantity, r.Rating, boolUInt8(r.Guest), version)
			if err != nil {
				return fmt.Errorf("appending event %s: %w", r.EventID, err)
			}
		}
		return nil
	})
}

// InsertLines writes rows to the order_lines table in one block.
func (w *Warehouse) InsertLines(ctx context.Context, rows []LineRow) error {
	if len(rows) == 0 {
		return nil
	}
	version := w.clock.next()
	return w.send(ctx, "order_lines", fmt.Sprintf(insertLines, w.database), len(rows), func(b driver.Batch) error {
		for _, r := range rows {
			err := b.Append(r.ProfileID, r.OrderID, r.LineNo, r.EventID, r.EventTime.UTC(),
				r.ProductID, r.Category, r.Quantity, r.UnitPrice, r.Amount, boolUInt8(r.IsFee),
				boolUInt8(r.IsCancellation), r.OriginalOrderID, r.Currency, version)
			if err != nil {
				return fmt.Errorf("appending line %d of order %s: %w", r.LineNo, r.OrderID, err)
			}
		}
		return nil
	})
}

// send prepares one insert, lets fill append the rows and sends the block.
func (w *Warehouse) send(ctx context.Context, table, query string, n int, fill func(driver.Batch) error) error {
	batch, err := w.conn.PrepareBatch(ctx, query)
	if err != nil {
		return fmt.Errorf("preparing insert into %s: %w", table, err)
	}
	if err := fill(batch); err != nil {
		_ = batch.Abort()
		return fmt.Errorf("inserting into %s: %w", table, err)
	}
	if err := batch.Send(); err != nil {
		return fmt.Errorf("sending %d rows to %s: %w", n, table, err)
	}
	return nil
}
