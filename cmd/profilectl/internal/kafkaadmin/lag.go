package kafkaadmin

import (
	"context"
	"fmt"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/profilehub/platform/pkg/topics"
)

// Group is a consumer group of the platform and the base names of the
// topics it consumes.
type Group struct {
	Service string
	Topics  []string
}

// Groups lists the six services' consumer groups and their input topics.
var Groups = []Group{
	{"ingest", []string{topics.EventsRaw}},
	{"enrichment", []string{topics.EventsResolved}},
	{"inference", []string{topics.ProfileActivity}},
	{"vectorize", []string{topics.ProfileActivity}},
	{"segment", []string{topics.TraitsInferred}},
	{"projector", []string{topics.EventsResolved, topics.TraitsInferred, topics.VectorsUpdated, topics.SegmentsChanged}},
}

// GroupName returns the consumer group name of a service under the prefix.
func (a *Admin) GroupName(service string) string { return a.prefix + "profilehub-" + service }

// GroupLag is the lag of one consumer group.
type GroupLag struct {
	Group string
	// Topics maps each full topic name to the records not yet committed.
	Topics map[string]int64
	// Members is the number of consumers in the group. Zero means no
	// instance of the service is consuming. -1 means the broker could not
	// describe the group, as happens right after it started.
	Members int
}

// Total returns the lag summed over the group's topics.
func (g GroupLag) Total() int64 {
	var total int64
	for _, lag := range g.Topics {
		total += lag
	}
	return total
}

// Lag returns the lag of every group of Groups. The lag of a partition is
// its end offset minus the group's committed offset. Where the group has not
// committed yet, the start offset takes its place, so a group that never
// started counts every retained record as lag.
func (a *Admin) Lag(ctx context.Context) ([]GroupLag, error) {
	var all []string
	for _, g := range Groups {
		for _, base := range g.Topics {
			all = append(all, a.Topic(base))
		}
	}
	starts, err := a.client.ListStartOffsets(ctx, all...)
	if err == nil {
		err = starts.Error()
	}
	if err != nil {
		return nil, fmt.Errorf("listing start offsets: %w", err)
	}
	ends, err := a.client.ListEndOffsets(ctx, all...)
	if err == nil {
		err = ends.Error()
	}
	if err != nil {
		return nil, fmt.Errorf("listing end offsets: %w", err)
	}

	names := make([]string, 0, len(Groups))
	for _, g := range Groups {
		names = append(names, a.GroupName(g.Service))
	}
	// A group the broker cannot describe yet (its coordinator is still
	// loading) gets Members -1 instead of failing the whole call.
	described, _ := a.client.DescribeGroups(ctx, names...)

	out := make([]GroupLag, 0, len(Groups))
	for _, g := range Groups {
		name := a.GroupName(g.Service)
		committed, err := a.client.FetchOffsets(ctx, name)
		if err != nil {
			return nil, fmt.Errorf("fetching committed offsets of group %s: %w", name, err)
		}
		lag := GroupLag{Group: name, Topics: map[string]int64{}, Members: -1}
		if d, ok := described[name]; ok && d.Err == nil {
			lag.Members = len(d.Members)
		}
		for _, base := range g.Topics {
			topic := a.Topic(base)
			lag.Topics[topic] = topicLag(topic, committed, starts, ends)
		}
		out = append(out, lag)
	}
	return out, nil
}

func topicLag(topic string, committed kadm.OffsetResponses, starts, ends kadm.ListedOffsets) int64 {
	var total int64
	for partition, end := range ends[topic] {
		from := starts[topic][partition].Offset
		if c, ok := committed.Lookup(topic, partition); ok && c.Err == nil && c.At >= from {
			from = c.At
		}
		if end.Offset > from {
			total += end.Offset - from
		}
	}
	return total
}
