package waitcmd

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/profilehub/platform/cmd/profilectl/internal/kafkaadmin"
)

func TestLaggingGroupsAndDescribe(t *testing.T) {
	lags := []kafkaadmin.GroupLag{
		{Group: "profilehub-ingest", Topics: map[string]int64{"events.raw": 0}},
		{Group: "profilehub-projector", Topics: map[string]int64{"events.resolved": 3, "traits.inferred": 4},
			Members: 1},
	}
	assert.Equal(t, []string{"profilehub-projector (7)"}, laggingGroups(lags))
	assert.Equal(t, "lag profilehub-ingest=0 profilehub-projector=7", describe(lags))
	assert.Empty(t, laggingGroups(lags[:1]))

	lags[1].Members = 0
	assert.Equal(t, "lag profilehub-ingest=0 profilehub-projector=7(no consumer)", describe(lags))
}
