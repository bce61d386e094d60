package avro_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/avro/registrytest"
)

func TestRegistryFromURLEmptyIsDefault(t *testing.T) {
	got, err := avro.RegistryFromURL("")
	require.NoError(t, err)
	want, err := avro.Default()
	require.NoError(t, err)
	require.Same(t, want, got)

	codec, err := got.Codec("profilehub.events.Event")
	require.NoError(t, err)
	_, err = codec.Register(context.Background(), "events.raw-value")
	require.ErrorContains(t, err, "no schema registry client configured")
}

func TestRegistryFromURLUsesRegistry(t *testing.T) {
	ctx := context.Background()
	fake := registrytest.Start(t)
	producer, err := avro.RegistryFromURL(fake.URL)
	require.NoError(t, err)
	codec, err := producer.Codec("profilehub.stages.ProfileActivity")
	require.NoError(t, err)
	id, err := codec.Register(ctx, "profile.activity-value")
	require.NoError(t, err)
	require.Equal(t, map[string][]uint32{"profile.activity-value": {id}}, fake.Subjects())

	native := map[string]any{"profile_id": "p1", "as_of": int64(0), "events": int32(2),
		"event_types": []any{"identify"}}
	data, err := codec.EncodeConfluent(id, native)
	require.NoError(t, err)

	// A second registry starts with empty caches and fetches the schema by id.
	consumer, err := avro.RegistryFromURL(fake.URL)
	require.NoError(t, err)
	decoder, err := consumer.Codec("profilehub.stages.ProfileActivity")
	require.NoError(t, err)
	got, err := decoder.DecodeContext(ctx, data)
	require.NoError(t, err)
	require.Equal(t, "p1", got["profile_id"])
	require.Equal(t, int32(2), got["events"])
}

func TestRegistryFromURLRejectsBadURL(t *testing.T) {
	_, err := avro.RegistryFromURL("registry:8081")
	require.ErrorContains(t, err, "expected http:// or https://")
}
