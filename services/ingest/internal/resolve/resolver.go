// Package resolve assigns every event the profile id it belongs to.
//
// A user id maps to identity.ProfileID(KindUser, id) and nothing else, so two
// user ids never share a profile. An anonymous id maps to the profile of the
// user it was first seen with (by event time) when an event carried both, and
// otherwise to identity.ProfileID(KindAnonymous, id). Links are written only
// for anonymous ids.
package resolve

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/profilehub/platform/pkg/identity"
)

// RuleEventWithUserID names the rule that links an anonymous id to the user
// id carried by the same event.
const RuleEventWithUserID = "event_with_user_id"

// Subject contains the identifiers of one event.
type Subject struct {
	EventID     string
	EventTime   time.Time
	AnonymousID string // "" when absent
	UserID      string // "" when absent
}

// Resolver maps subjects to profile ids through a LinkStore and a bounded
// cache of anonymous-id links.
type Resolver struct {
	store LinkStore
	cache *cache
}

// NewResolver returns a Resolver that caches at most cacheSize anonymous-id
// links in memory. Zero disables the cache.
func NewResolver(store LinkStore, cacheSize int) *Resolver {
	return &Resolver{store: store, cache: newCache(cacheSize)}
}

// Resolve returns the profile id of each subject, in order. It first stores
// the links that the subjects establish, then looks up the links of
// anonymous-only subjects, so an anonymous event already resolves through a
// link that a later event of the same batch writes. Every subject needs a user id or an
// anonymous id. Errors come from the store and are transient.
func (r *Resolver) Resolve(ctx context.Context, subjects []Subject) ([]string, error) {
	if err := r.storeLinks(ctx, subjects); err != nil {
		return nil, err
	}
	linked, err := r.lookupAnonymous(ctx, subjects)
	if err != nil {
		return nil, err
	}

	profileIDs := make([]string, len(subjects))
	for i, s := range subjects {
		switch {
		case s.UserID != "":
			profileIDs[i] = identity.ProfileID(identity.KindUser, s.UserID)
		case linked[s.AnonymousID] != "":
			profileIDs[i] = linked[s.AnonymousID]
		default:
			profileIDs[i] = identity.ProfileID(identity.KindAnonymous, s.AnonymousID)
		}
	}
	return profileIDs, nil
}

// storeLinks upserts one link per anonymous id that appears with a user id,
// taken from the earliest such event of the batch.
//
// TODO: identifiers such as "null", "undefined" or "0" are linked like any
// other value. A block list of junk values belongs here.
func (r *Resolver) storeLinks(ctx context.Context, subjects []Subject) error {
	earliest := make(map[string]Link)
	for _, s := range subjects {
		if s.AnonymousID == "" || s.UserID == "" {
			continue
		}
		link := Link{
			IdentifierType:  identity.KindAnonymous,
			IdentifierValue: s.AnonymousID,
			ProfileID:       identity.ProfileID(identity.KindUser, s.UserID),
			FirstEventID:    s.EventID,
			FirstEventTime:  s.EventTime,
			Rule:            RuleEventWithUserID,
		}
		if prev, ok := earliest[s.AnonymousID]; !ok || linkBefore(link, prev) {
			earliest[s.AnonymousID] = link
		}
	}
	if len(earliest) == 0 {
		return nil
	}

	// A stored link may win over the batch's link, so the cached value is
	// dropped and read again when an anonymous-only event needs it.
	links := make([]Link, 0, len(earliest))
	for anonymousID, link := range earliest {
		links = append(links, link)
		r.cache.remove(anonymousID)
	}
	slices.SortFunc(links, func(a, b Link) int { return cmp.Compare(a.IdentifierValue, b.IdentifierValue) })

	if err := r.store.UpsertLinks(ctx, links); err != nil {
		return fmt.Errorf("storing identity links: %w", err)
	}
	return nil
}

// linkBefore reports whether a comes from an earlier event than b, by event
// time and then event id, matching the order of the upsert's conflict rule.
func linkBefore(a, b Link) bool {
	if !a.FirstEventTime.Equal(b.FirstEventTime) {
		return a.FirstEventTime.Before(b.FirstEventTime)
	}
	return a.FirstEventID < b.FirstEventID
}

// lookupAnonymous returns the linked profile id of every anonymous id whose
// subject has no user id, from the cache or else with one store query.
func (r *Resolver) lookupAnonymous(ctx context.Context, subjects []Subject) (map[string]string, error) {
	linked := make(map[string]string)
	var missing []string
	for _, s := range subjects {
		if s.UserID != "" || s.AnonymousID == "" {
			continue
		}
		if _, done := linked[s.AnonymousID]; done {
			continue
		}
		profileID, ok := r.cache.get(s.AnonymousID)
		linked[s.AnonymousID] = profileID
		if !ok {
			missing = append(missing, s.AnonymousID)
		}
	}
	if len(missing) == 0 {
		return linked, nil
	}

	found, err := r.store.LookupLinks(ctx, identity.KindAnonymous, missing)
	if err != nil {
		return nil, fmt.Errorf("looking up identity links: %w", err)
	}

	// Only links are cached, because an anonymous id without a link can gain
	// one from an event that another consumer handles.
	for anonymousID, profileID := range found {
		linked[anonymousID] = profileID
		r.cache.put(anonymousID, profileID)
	}
	return linked, nil
}
