package localtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestConvertZones(t *testing.T) {
	tests := []struct {
		name     string
		utc      string
		zone     string
		wantZone string
		wantHour uint8
		wantDay  uint8
	}{
		// 2011-12-05 was a Monday.
		{"london in winter is utc", "2011-12-05T09:30:00Z", "Europe/London", "Europe/London", 9, 0},
		{"london in summer is utc+1", "2011-06-06T09:30:00Z", "Europe/London", "Europe/London", 10, 0},
		{"new york crosses to sunday", "2011-12-05T03:00:00Z", "America/New_York", "America/New_York", 22, 6},
		{"tokyo", "2011-12-05T20:00:00Z", "Asia/Tokyo", "Asia/Tokyo", 5, 1},
		{"kathmandu quarter hour", "2011-12-05T00:00:00Z", "Asia/Kathmandu", "Asia/Kathmandu", 5, 0},
		{"unknown zone is utc", "2011-12-11T23:10:00Z", "Mars/Olympus", "UTC", 23, 6},
		{"empty zone is utc", "2011-12-11T23:10:00Z", "", "UTC", 23, 6},
		{"host zone is utc", "2011-12-11T23:10:00Z", "Local", "UTC", 23, 6},
	}

	zones := NewZones()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at, err := time.Parse(time.RFC3339, tt.utc)
			assert.NoError(t, err)

			got := zones.Convert(at, tt.zone)

			assert.Equal(t, tt.wantZone, got.Zone, "zone")
			assert.Equal(t, tt.wantHour, got.Hour, "hour")
			assert.Equal(t, tt.wantDay, got.DayOfWeek, "day of week")
		})
	}
}

func TestHourOfWeekBounds(t *testing.T) {
	assert.Equal(t, uint8(0), Local{Hour: 0, DayOfWeek: 0}.HourOfWeek())
	assert.Equal(t, uint8(33), Local{Hour: 9, DayOfWeek: 1}.HourOfWeek())
	assert.Equal(t, uint8(167), Local{Hour: 23, DayOfWeek: 6}.HourOfWeek())
}

func TestConvertCachesUnknownZone(t *testing.T) {
	zones := NewZones()
	at := time.Date(2011, 12, 5, 12, 0, 0, 0, time.UTC)

	zones.Convert(at, "Not/A_Zone")
	zones.Convert(at, "Not/A_Zone")

	assert.Len(t, zones.cache, 1)
	assert.Equal(t, time.UTC, zones.cache["Not/A_Zone"])
}
