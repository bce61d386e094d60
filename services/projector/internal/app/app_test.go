package app

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/pseudonym"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/projector/internal/config"
)

const testKey = "0123456789abcdef0123456789abcdef"

var eventTime = time.Date(2011, 4, 10, 15, 30, 0, 0, time.UTC)

type codecs struct {
	event    *events.EventCodec
	traits   *events.ProfileTraitsCodec
	vector   *events.PreferenceVectorCodec
	segments *events.SegmentMembershipCodec
	profile  *events.ProfileCodec
}

func newCodecs(t *testing.T) codecs {
	t.Helper()
	reg, err := avro.Default()
	require.NoError(t, err)
	var c codecs
	c.event, err = events.NewEventCodec(reg)
	require.NoError(t, err)
	c.traits, err = events.NewProfileTraitsCodec(reg)
	require.NoError(t, err)
	c.vector, err = events.NewPreferenceVectorCodec(reg)
	require.NoError(t, err)
	c.segments, err = events.NewSegmentMembershipCodec(reg)
	require.NoError(t, err)
	c.profile, err = events.NewProfileCodec(reg)
	require.NoError(t, err)
	return c
}

// inputs returns one record of every kind the projector reads, plus an
// event type it skips and a value that does not decode.
func inputs(t *testing.T, c codecs, prefix, userID, profileID string) []*kgo.Record {
	event := func(id, typ string, payload any) *events.Event {
		return &events.Event{EventID: identity.EventID("projector-test", id), EventType: typ,
			EventTime: eventTime, ReceivedAt: eventTime, UserID: userID, ProfileID: profileID,
			Source: "test", Context: events.Context{Timezone: "Europe/London"}, Payload: payload}
	}
	year := int32(1985)
	identify := event("identify", events.TypeIdentify, &events.Identify{Email: "ann@example.com",
		Phone: "+441134960000", FirstName: "Ann", BirthYear: &year, Country: "United Kingdom",
		PreferredChannel: "email", ExplicitPreferences: []string{"lavender"}})
	consent := event("consent", events.TypeConsentUpdated, &events.ConsentUpdated{Purpose: "marketing", Granted: true})
	quiz := event("quiz", events.TypeQuizCompleted, &events.QuizCompleted{QuizID: "q1", PersonalityType: "INFJ",
		PersonalitySystem: "mbti", Values: []string{"nature"}})
	viewed := event("view", events.TypeProductViewed, &events.ProductViewed{ProductID: "85123A"})

	traits := &events.ProfileTraits{ProfileID: profileID, ModelVersion: "m1", AsOf: eventTime,
		ReferenceTime: eventTime, Orders: 2, NetRevenue: decimal.RequireFromString("31.5"),
		AverageOrderValue: decimal.RequireFromString("15.75"), Frequency: 2, EngagementLevel: "medium"}
	vector := &events.PreferenceVector{ProfileID: profileID, VectorSpace: "scent-notes-v1", AsOf: eventTime,
		Values: []float32{0.6, 0.8}, TopFeatures: []string{"note:rose"}, EvidenceEvents: 4}
	segments := &events.SegmentMembership{ProfileID: profileID, RulesVersion: "r1", AsOf: eventTime,
		Segments: []string{"vip"}, Joined: []string{"vip"}}

	mustEncode := func(b []byte, err error) []byte {
		require.NoError(t, err)
		return b
	}
	key := []byte(profileID)
	resolved := topics.Name(prefix, topics.EventsResolved)
	return []*kgo.Record{
		{Topic: resolved, Key: key, Value: mustEncode(c.event.Encode(identify))},
		{Topic: resolved, Key: key, Value: mustEncode(c.event.Encode(consent))},
		{Topic: resolved, Key: key, Value: mustEncode(c.event.Encode(quiz))},
		{Topic: resolved, Key: key, Value: mustEncode(c.event.Encode(viewed))},
		{Topic: resolved, Key: key, Value: []byte("not avro")},
		{Topic: topics.Name(prefix, topics.TraitsInferred), Key: key, Value: mustEncode(c.traits.Encode(traits))},
		{Topic: topics.Name(prefix, topics.VectorsUpdated), Key: key, Value: mustEncode(c.vector.Encode(vector))},
		{Topic: topics.Name(prefix, topics.SegmentsChanged), Key: key,
			Value: mustEncode(c.segments.Encode(segments))},
	}
}

// latestProfile reads the profiles topic from the start until the record
// of profileID reaches version, and returns that record's raw value.
func latestProfile(t *testing.T, brokers []string, topic, profileID string, version int64, c codecs) (*events.Profile, []byte) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.FetchMaxWait(200*time.Millisecond))
	require.NoError(t, err)
	defer cl.Close()

	var (
		latest *events.Profile
		raw    []byte
	)
	require.Eventually(t, func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		cl.PollFetches(ctx).EachRecord(func(r *kgo.Record) {
			p, err := c.profile.Decode(r.Value)
			require.NoError(t, err)
			require.Equal(t, profileID, string(r.Key))
			if p.ProfileID == profileID {
				latest, raw = p, r.Value
			}
		})
		return latest != nil && latest.Version >= version
	}, 60*time.Second, 100*time.Millisecond)
	return latest, raw
}

func TestProjectorEndToEnd(t *testing.T) {
	brokers, prefix := testenv.Kafka(t)
	pool, pgCfg := testenv.Postgres(t)
	c := newCodecs(t)

	cfg := config.Default()
	cfg.Kafka.Brokers, cfg.Kafka.TopicPrefix = brokers, prefix
	cfg.Postgres = pgCfg
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Pseudonym.Key = testKey
	require.NoError(t, cfg.Validate())

	svc, err := New(cfg, pool, zerolog.Nop(), prometheus.NewRegistry(), kgo.FetchMaxWait(200*time.Millisecond))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})

	userID := "17850"
	profileID := identity.ProfileID(identity.KindUser, userID)
	producer, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	defer producer.Close()
	require.NoError(t, producer.ProduceSync(context.Background(), inputs(t, c, prefix, userID, profileID)...).FirstErr())

	// Six updates change the profile: identify, consent, quiz, traits,
	// vector and segments. The product view is skipped.
	p, raw := latestProfile(t, brokers, topics.Name(prefix, topics.Profiles), profileID, 6, c)
	require.Equal(t, int64(6), p.Version)
	require.Equal(t, eventTime, p.UpdatedAt.UTC())
	hasher, err := pseudonym.New([]byte(testKey))
	require.NoError(t, err)
	require.Equal(t, hasher.Hash(pseudonym.KindUser, userID), p.UserIDHash)
	require.True(t, p.Communication.HasEmail)
	require.True(t, p.Communication.HasPhone)
	require.Equal(t, "email", p.Communication.PreferredChannel)
	require.Equal(t, "Europe/London", p.Demographics.Timezone)
	require.Equal(t, map[string]bool{"marketing": true}, p.Consent)
	require.Equal(t, []string{"lavender"}, p.ExplicitPreferences)
	require.Equal(t, "INFJ", p.Psychographics.PersonalityType)
	require.NotNil(t, p.Behaviour)
	require.True(t, decimal.RequireFromString("31.5").Equal(p.Behaviour.NetRevenue))
	require.NotNil(t, p.PreferenceVector)
	require.Equal(t, []float32{0.6, 0.8}, p.PreferenceVector.Values)
	require.Equal(t, []string{"vip"}, p.Segments)

	// No personal data reaches the topic.
	for _, secret := range []string{"ann@example.com", "+441134960000", "Ann", userID} {
		require.False(t, bytes.Contains(raw, []byte(secret)), "profile record contains %q", secret)
	}

	// Postgres keeps the personal data and the published version.
	var email string
	var version, published int64
	require.Eventually(t, func() bool {
		err := pool.QueryRow(context.Background(),
			`SELECT email, version, published_version FROM profiles WHERE profile_id = $1`, profileID).
			Scan(&email, &version, &published)
		return err == nil && published == version
	}, 10*time.Second, 50*time.Millisecond)
	require.Equal(t, "ann@example.com", email)
	require.Equal(t, int64(6), version)
}
