// Package profileidcmd implements "profilectl profile-id".
package profileidcmd

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/profilehub/platform/pkg/identity"
)

// Run prints the profile id that ingest derives from a user id or an
// anonymous id, so a product's own identifier can be looked up in
// ClickHouse, Postgres and on the profiles topic. It does not see identity
// links: an anonymous id linked to a user belongs to the user's profile.
func Run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profilectl profile-id", flag.ContinueOnError)
	userID := fs.String("user-id", "", "the product's user id, such as a retail CustomerID without \".0\"")
	anonymousID := fs.String("anonymous-id", "", "a device or session id, such as guest:<InvoiceNo>")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *userID != "" && *anonymousID != "":
		return errors.New("invalid flags: give --user-id or --anonymous-id, not both")
	case *userID != "":
		fmt.Fprintln(stdout, identity.ProfileID(identity.KindUser, *userID))
	case *anonymousID != "":
		fmt.Fprintln(stdout, identity.ProfileID(identity.KindAnonymous, *anonymousID))
	default:
		return errors.New("missing flag: give --user-id or --anonymous-id")
	}
	return nil
}
