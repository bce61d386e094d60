package config

import (
	"errors"
	"net/url"
)

// SchemaRegistry is the Confluent schema registry that resolves the
// Confluent wire format (keys schema_registry.*).
type SchemaRegistry struct {
	// URL is the registry's base URL as http:// or https:// and a host, such
	// as "http://127.0.0.1:8081". Basic auth credentials may be given as its
	// user info. Default "": no registry, so records in the Confluent wire
	// format are rejected as undecodable. The services write Avro
	// single-object encoding either way.
	URL string `mapstructure:"url"`
}

// Enabled reports whether a registry URL is set.
func (s SchemaRegistry) Enabled() bool { return s.URL != "" }

// Redacted returns URL with any password replaced by "xxxxx", for logs, or
// "[invalid]" when URL does not parse.
func (s SchemaRegistry) Redacted() string {
	u, err := url.Parse(s.URL)
	if err != nil {
		return "[invalid]"
	}
	return u.Redacted()
}

// Validate checks that URL, when set, is an http or https URL with a host.
func (s SchemaRegistry) Validate() error {
	if s.URL == "" {
		return nil
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		// The message of *url.Error quotes the whole URL, password included.
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return Invalid("schema_registry.url", "invalid URL: %s", err.Error())
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Invalid("schema_registry.url", "invalid URL %q: expected http:// or https:// and a host, "+
			"or empty for no registry", u.Redacted())
	}
	return nil
}
