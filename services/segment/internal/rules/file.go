package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"go.yaml.in/yaml/v3"
)

// fileYAML is the layout of a rules file:
//
//	version: "2026-12-04.1"
//	segments:
//	  - name: lapsing
//	    description: Last order 91 to 180 days before the reference time.
//	    all:
//	      - {field: recency_days, op: gt, value: 90}
//	      - {field: recency_days, op: lte, value: 180}
type fileYAML struct {
	Version  string        `yaml:"version"`
	Segments []segmentYAML `yaml:"segments"`
}

type segmentYAML struct {
	Name        string          `yaml:"name"`
	Description string          `yaml:"description"`
	All         []conditionYAML `yaml:"all"`
	Any         []conditionYAML `yaml:"any"`
}

type conditionYAML struct {
	Field string    `yaml:"field"`
	Op    string    `yaml:"op"`
	Value yaml.Node `yaml:"value"`
}

// Load reads and checks the rules file at path.
func Load(path string) (*RuleSet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading rules file: %w", err)
	}
	rs, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("rules file %s: %w", path, err)
	}
	return rs, nil
}

// Parse decodes a rules file and checks every segment and condition. The
// error lists every problem found, each naming the segment, the condition
// and the field. Unknown keys are rejected so a typo cannot disable a
// condition.
func Parse(data []byte) (*RuleSet, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var file fileYAML
	if err := dec.Decode(&file); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("file is empty: expected version and segments")
		}
		return nil, fmt.Errorf("decoding yaml: %w", err)
	}
	return compile(file)
}
