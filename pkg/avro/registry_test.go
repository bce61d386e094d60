package avro

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

func TestRegistryLoadsPlatformSchemas(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	require.Equal(t, []string{
		"profilehub.events.Event",
		"profilehub.profiles.Profile",
		"profilehub.stages.PreferenceVector",
		"profilehub.stages.ProfileActivity",
		"profilehub.stages.ProfileTraits",
		"profilehub.stages.SegmentMembership",
	}, reg.Names())

	profile, err := reg.Codec("profilehub.profiles.Profile")
	require.NoError(t, err)
	require.Contains(t, profile.CanonicalSchema(), `{"name":"profilehub.stages.ProfileTraits","type":"record"`)
}

func TestRegistryInlinesFirstReferenceOnly(t *testing.T) {
	files := fstest.MapFS{
		"a.avsc": {Data: []byte(`{"type":"record","name":"A","namespace":"x","fields":[
			{"name":"b1","type":"y.B"},{"name":"b2","type":["null","y.B"],"default":null}]}`)},
		"b.avsc": {Data: []byte(`{"type":"record","name":"B","namespace":"y","fields":[
			{"name":"e","type":{"type":"enum","name":"E","symbols":["P","Q"]}}]}`)},
	}
	reg, err := NewRegistry(files)
	require.NoError(t, err)
	a, err := reg.Codec("x.A")
	require.NoError(t, err)
	require.Equal(t,
		`{"name":"x.A","type":"record","fields":[{"name":"b1","type":{"name":"y.B","type":"record","fields":[`+
			`{"name":"e","type":{"name":"y.E","type":"enum","symbols":["P","Q"]}}]}},{"name":"b2","type":["null","y.B"]}]}`,
		a.CanonicalSchema())

	data, err := a.Encode(map[string]any{
		"b1": map[string]any{"e": "Q"},
		"b2": map[string]any{"y.B": map[string]any{"e": "P"}},
	})
	require.NoError(t, err)
	got, err := a.Decode(data)
	require.NoError(t, err)
	require.Equal(t, "Q", got["b1"].(map[string]any)["e"])
}
