package convert

import (
	"time"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/services/projector/internal/profile"
)

// behaviour copies traits into the stored form, with money as decimal
// strings of four fractional digits, the scale of the Avro schema.
func behaviour(t *events.ProfileTraits) profile.Behaviour {
	return profile.Behaviour{
		ModelVersion:        t.ModelVersion,
		AsOf:                t.AsOf.UTC(),
		ReferenceTime:       t.ReferenceTime.UTC(),
		Orders:              t.Orders,
		Cancellations:       t.Cancellations,
		NetRevenue:          t.NetRevenue.StringFixed(4),
		AverageOrderValue:   t.AverageOrderValue.StringFixed(4),
		FirstOrderAt:        optionalTime(t.FirstOrderAt),
		LastOrderAt:         optionalTime(t.LastOrderAt),
		RecencyDays:         t.RecencyDays,
		Frequency:           t.Frequency,
		DistinctProducts:    t.DistinctProducts,
		ProductViews:        t.ProductViews,
		FavouriteProducts:   t.FavouriteProducts,
		FavouriteCategories: t.FavouriteCategories,
		UsualHours:          t.UsualHours,
		UsualDays:           t.UsualDays,
		EngagementLevel:     t.EngagementLevel,
		RFMScore:            t.RFMScore,
		Guest:               t.Guest,
		ComputedAt:          optionalTime(t.ComputedAt.UTC()),
	}
}

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}
