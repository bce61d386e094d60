package pipeline

import (
	"time"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/services/inference/internal/traits"
)

// toEvent converts computed traits to the record of traits.inferred.
func toEvent(t traits.Traits) *events.ProfileTraits {
	return &events.ProfileTraits{
		ProfileID:           t.ProfileID,
		ModelVersion:        t.ModelVersion,
		AsOf:                t.AsOf,
		ReferenceTime:       t.ReferenceTime,
		Orders:              t.Orders,
		Cancellations:       t.Cancellations,
		NetRevenue:          t.NetRevenue,
		AverageOrderValue:   t.AverageOrderValue,
		FirstOrderAt:        orZero(t.FirstOrderAt),
		LastOrderAt:         orZero(t.LastOrderAt),
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
	}
}

func orZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
