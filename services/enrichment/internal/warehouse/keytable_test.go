package warehouse

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewKeyTableColumns(t *testing.T) {
	keyTable, err := newKeyTable("profile_daily", [][]any{{"p1", uint32(20111205)}, {"p2", uint32(20111206)}})
	require.NoError(t, err)

	assert.Equal(t, "aggregate_keys", keyTable.Name())
	assert.Equal(t, "profile_id String, day UInt32", keyTable.Structure())
	assert.Equal(t, 2, keyTable.Block().Rows())
}

func TestNewKeyTableRejectsWrongType(t *testing.T) {
	_, err := newKeyTable("profile_hour_of_week", [][]any{{"p1", "not an hour"}})

	assert.ErrorContains(t, err, "aggregate_keys")
}

func TestNewKeyTableRejectsUnknownTable(t *testing.T) {
	_, err := newKeyTable("events", nil)

	assert.ErrorContains(t, err, "no key columns for table events")
}

// Every aggregate table gets its own group, so Recompute runs one
// goroutine per table and the chunks of a table in turn.
func TestRecomputeStatementsByTableGroupsChunks(t *testing.T) {
	w := &Warehouse{keysPerStatement: 2}
	k := TouchedKeys([]EventRow{
		{ProfileID: "p1", EventTime: noon},
		{ProfileID: "p2", EventTime: noon},
		{ProfileID: "p3", EventTime: noon},
	}, []LineRow{{ProfileID: "p1", ProductID: "A", EventTime: noon}})

	got := w.recomputeStatementsByTable(k)

	require.Len(t, got, 4)
	for i, table := range []string{"profile_daily", "profile_products", "profile_hour_of_week", "product_daily"} {
		for _, st := range got[i] {
			assert.Equal(t, table, st.table, "group %d", i)
		}
	}
	assert.Len(t, got[0], 2, "three profile days in chunks of two")
	assert.Len(t, got[1], 1)
}
