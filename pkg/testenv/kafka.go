package testenv

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/topics"
)

// TopicPartitions is the partition count of every test topic, as in the
// local stack.
const TopicPartitions = 4

// Kafka creates every topic of topics.All under a fresh prefix such as
// "t3fa9c01b22d7.", with 4 partitions and "profiles" compacted, and returns
// the brokers and the prefix. At cleanup it deletes the topics and the
// consumer groups whose names start with the prefix.
func Kafka(t testing.TB) (brokers []string, prefix string) {
	t.Helper()
	brokers = strings.Split(envOr("PROFILEHUB_TEST_KAFKA_BROKERS", DefaultKafkaBrokers), ",")
	// A short metadata age lets waitForLeaders see new partitions at once,
	// instead of after kgo's default minimum age of 5s.
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.MetadataMinAge(50*time.Millisecond))
	if err != nil {
		t.Fatalf("creating kafka admin client for %v: %v", brokers, err)
	}
	admin := kadm.NewClient(cl)

	reachCtx, cancel := context.WithTimeout(context.Background(), reachTimeout)
	_, err = admin.ListBrokers(reachCtx)
	cancel()
	if err != nil {
		cl.Close()
		unavailable(t, "kafka at "+strings.Join(brokers, ","), err)
	}

	prefix = "t" + randomSuffix(t) + "."
	names := make([]string, len(topics.All))
	for i, base := range topics.All {
		names[i] = topics.Name(prefix, base)
	}
	t.Cleanup(func() {
		deleteKafka(t, admin, prefix, names)
		cl.Close()
	})
	createTopics(t, admin, prefix)
	waitForLeaders(t, admin, names)
	waitForGroupCoordinator(t, admin, prefix)
	return brokers, prefix
}

// waitForGroupCoordinator waits until the broker serves group requests.
// On a broker that just started, the first of them creates the offsets
// topic and fails with COORDINATOR_NOT_AVAILABLE until its partitions have
// leaders, which would fail the first test that reads group offsets.
func waitForGroupCoordinator(t testing.TB, admin *kadm.Client, prefix string) {
	t.Helper()
	deadline := time.Now().Add(setupTimeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), reachTimeout)
		_, err := admin.FetchOffsets(ctx, prefix+"coordinator-probe")
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("kafka group coordinator not available after %s: %v", setupTimeout, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func createTopics(t testing.TB, admin *kadm.Client, prefix string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()

	compact := map[string]*string{"cleanup.policy": kadm.StringPtr("compact")}
	for _, base := range topics.All {
		var configs map[string]*string
		if topics.Compacted(base) {
			configs = compact
		}
		resp, err := admin.CreateTopics(ctx, TopicPartitions, 1, configs, topics.Name(prefix, base))
		if err == nil {
			err = resp.Error()
		}
		if err != nil {
			t.Fatalf("creating topic %s: %v", topics.Name(prefix, base), err)
		}
	}
}

// waitForLeaders waits until every partition of names has a leader, because
// producing right after creation can fail while the metadata propagates.
func waitForLeaders(t testing.TB, admin *kadm.Client, names []string) {
	t.Helper()
	deadline := time.Now().Add(setupTimeout)
	for {
		details, err := admin.ListTopics(context.Background(), names...)
		if err == nil && allLed(details, len(names)) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("test topics have no leaders after %s: %v", setupTimeout, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func allLed(details kadm.TopicDetails, topicCount int) bool {
	if len(details) != topicCount || details.Error() != nil {
		return false
	}
	for _, d := range details {
		if len(d.Partitions) != TopicPartitions {
			return false
		}
		for _, p := range d.Partitions {
			if p.Leader < 0 || p.Err != nil {
				return false
			}
		}
	}
	return true
}

// deleteKafka removes the test topics and groups. Failures are logged, not
// fatal, because the test result is already known.
func deleteKafka(t testing.TB, admin *kadm.Client, prefix string, names []string) {
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()

	if groups, err := admin.ListGroups(ctx); err == nil {
		var ours []string
		for _, g := range groups.Groups() {
			if strings.HasPrefix(g, prefix) {
				ours = append(ours, g)
			}
		}
		if len(ours) > 0 {
			if _, err := admin.DeleteGroups(ctx, ours...); err != nil {
				t.Logf("deleting test consumer groups %v: %v", ours, err)
			}
		}
	}

	resp, err := admin.DeleteTopics(ctx, names...)
	if err == nil {
		err = resp.Error()
	}
	if err != nil {
		t.Logf("deleting test topics with prefix %s: %v", prefix, err)
	}
}
