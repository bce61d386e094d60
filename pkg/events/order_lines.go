package events

import "fmt"

func orderLinesNative(lines []OrderLine) ([]any, error) {
	out := make([]any, len(lines))
	for i, l := range lines {
		price, err := moneyToRat(l.UnitPrice, "unit_price")
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", l.LineNo, err)
		}
		out[i] = map[string]any{
			"line_no":     l.LineNo,
			"product_id":  l.ProductID,
			"description": optionalString(l.Description),
			"quantity":    l.Quantity,
			"unit_price":  price,
			"is_fee":      l.IsFee,
		}
	}
	return out, nil
}

func orderLinesFromNative(r *nativeReader, m map[string]any) []OrderLine {
	items := r.list(m, "lines")
	if len(items) == 0 {
		return nil
	}
	out := make([]OrderLine, len(items))
	for i, item := range items {
		l, ok := item.(map[string]any)
		if !ok {
			r.fail("lines", "an array of records", item)
			continue
		}
		out[i] = OrderLine{
			LineNo:      r.int32(l, "line_no"),
			ProductID:   r.str(l, "product_id"),
			Description: r.optionalString(l, "description"),
			Quantity:    r.int32(l, "quantity"),
			UnitPrice:   r.money(l, "unit_price"),
			IsFee:       r.boolean(l, "is_fee"),
		}
	}
	return out
}
