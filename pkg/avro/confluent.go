package avro

import (
	"context"
	"errors"
	"fmt"
)

// SchemaRegistryClient is the part of a Confluent schema registry that the
// Confluent wire format needs. SchemaByID returns an error wrapping
// ErrUnknownSchema when the registry has no schema with that id; any other
// error is treated as transient.
type SchemaRegistryClient interface {
	SchemaByID(ctx context.Context, id uint32) (string, error)
	Register(ctx context.Context, subject, schema string) (uint32, error)
}

type registrationKey struct {
	subject     string
	fingerprint uint64
}

// Register registers the reader schema under subject, such as
// "events.raw-value", with the registry's schema registry client and returns
// its id for EncodeConfluent. The id is cached per subject.
func (c *Codec) Register(ctx context.Context, subject string) (uint32, error) {
	r := c.registry
	if r.client == nil {
		return 0, fmt.Errorf("registering %s under subject %q: no schema registry client configured", c.Name(), subject)
	}
	key := registrationKey{subject: subject, fingerprint: c.reader.fingerprint}
	if id, ok := r.registered.Load(key); ok {
		return id.(uint32), nil
	}
	id, err := r.client.Register(ctx, subject, c.reader.text)
	if err != nil {
		return 0, fmt.Errorf("registering %s under subject %q: %w", c.Name(), subject, err)
	}
	r.registered.Store(key, id)
	r.ids.LoadOrStore(id, c.reader)
	return id, nil
}

// writerByID returns the writer schema of a Confluent schema id, asking the
// schema registry client on the first use of the id. Permanent failures
// come back as *DecodeError.
func (r *Registry) writerByID(ctx context.Context, id uint32) (*schemaEntry, error) {
	if v, ok := r.ids.Load(id); ok {
		return v.(*schemaEntry), nil
	}
	if r.client == nil {
		return nil, &DecodeError{Err: fmt.Errorf(
			"%w: confluent wire format needs a schema registry client and none is configured", ErrUnknownSchema)}
	}
	text, err := r.client.SchemaByID(ctx, id)
	if errors.Is(err, ErrUnknownSchema) {
		return nil, &DecodeError{Err: fmt.Errorf("%w: the schema registry has no schema id %d", ErrUnknownSchema, id)}
	}
	if err != nil {
		return nil, fmt.Errorf("fetching writer schema id %d from the schema registry: %w", id, err)
	}
	entry, err := r.addWriter(text)
	if err != nil {
		return nil, &DecodeError{Err: fmt.Errorf("%w: schema id %d: %w", ErrUnknownSchema, id, err)}
	}
	actual, _ := r.ids.LoadOrStore(id, entry)
	return actual.(*schemaEntry), nil
}
