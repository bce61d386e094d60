package e2e

import (
	"testing"

	"github.com/profilehub/platform/pkg/topics"
)

type topicsFile struct {
	Topics []topicSpec `yaml:"topics"`
}

type topicSpec struct {
	Name              string            `yaml:"name"`
	Partitions        int               `yaml:"partitions"`
	ReplicationFactor int               `yaml:"replication_factor"`
	Config            map[string]string `yaml:"config"`
}

func TestTopicsFileMatchesPackage(t *testing.T) {
	var file topicsFile
	decodeYAMLFile(t, "deploy/kafka/topics.yaml", &file)

	if len(file.Topics) != len(topics.All) {
		t.Fatalf("deploy/kafka/topics.yaml lists %d topics, pkg/topics.All has %d", len(file.Topics), len(topics.All))
	}
	for i, base := range topics.All {
		spec := file.Topics[i]
		if spec.Name != base {
			t.Errorf("topic %d is %q, want %q (the order of pkg/topics.All)", i, spec.Name, base)
		}
		if spec.Partitions != 4 {
			t.Errorf("topic %s has %d partitions, want 4", spec.Name, spec.Partitions)
		}
		if spec.ReplicationFactor != 1 {
			t.Errorf("topic %s has replication factor %d, want 1", spec.Name, spec.ReplicationFactor)
		}
		policy := spec.Config["cleanup.policy"]
		if topics.Compacted(base) && policy != "compact" {
			t.Errorf("topic %s has cleanup.policy %q, want compact", spec.Name, policy)
		}
		if !topics.Compacted(base) && policy != "" {
			t.Errorf("topic %s has cleanup.policy %q, want the broker default", spec.Name, policy)
		}
	}
}

func TestLocalConfigsUseStackAddresses(t *testing.T) {
	for _, svc := range platformServices {
		keys := loadServiceConfig(t, svc.name)
		brokers, _ := keys["kafka.brokers"].([]any)
		if len(brokers) != 1 || brokers[0] != "127.0.0.1:19092" {
			t.Errorf("%s.yaml kafka.brokers = %v, want [127.0.0.1:19092]", svc.name, keys["kafka.brokers"])
		}
		if got, want := keys["http.addr"], "127.0.0.1:"+svc.port; got != want {
			t.Errorf("%s.yaml http.addr = %v, want %s", svc.name, got, want)
		}
		if addr, ok := keys["clickhouse.addr"]; ok && addr != "127.0.0.1:19000" {
			t.Errorf("%s.yaml clickhouse.addr = %v, want 127.0.0.1:19000", svc.name, addr)
		}
	}
}
