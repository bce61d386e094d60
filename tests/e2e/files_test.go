package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// checkoutRoot is the repository root relative to this package's folder, where
// go test runs.
var checkoutRoot = filepath.Join("..", "..")

// platformServices lists the six services with their HTTP ports.
var platformServices = []struct {
	name string
	port string
}{
	{"ingest", "9101"},
	{"enrichment", "9102"},
	{"inference", "9103"},
	{"vectorize", "9104"},
	{"segment", "9105"},
	{"projector", "9106"},
}

// decodeYAMLFile decodes the repository file at relPath into out.
func decodeYAMLFile(t *testing.T, relPath string, out any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(checkoutRoot, relPath))
	if err != nil {
		t.Fatalf("reading %s: %v", relPath, err)
	}
	if err := yaml.Unmarshal(data, out); err != nil {
		t.Fatalf("parsing %s: %v", relPath, err)
	}
}

// flattenKeys returns the dotted keys of every leaf value of a decoded YAML
// mapping, e.g. "kafka.brokers" and "http.addr".
func flattenKeys(prefix string, node map[string]any, keys map[string]any) {
	for name, value := range node {
		key := name
		if prefix != "" {
			key = prefix + "." + name
		}
		if child, ok := value.(map[string]any); ok {
			flattenKeys(key, child, keys)
			continue
		}
		keys[key] = value
	}
}

// loadServiceConfig returns the dotted keys and values of
// deploy/local/config/<service>.yaml.
func loadServiceConfig(t *testing.T, service string) map[string]any {
	t.Helper()
	var doc map[string]any
	decodeYAMLFile(t, filepath.Join("deploy", "local", "config", service+".yaml"), &doc)
	keys := map[string]any{}
	flattenKeys("", doc, keys)
	return keys
}

// envName returns the PROFILEHUB_ variable that overrides a dotted key.
func envName(key string) string {
	return "PROFILEHUB_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}
