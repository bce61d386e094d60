package profileidcmd

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/identity"
)

func TestProfileIDOfUser(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, Run([]string{"--user-id", "17850"}, &out))
	require.Equal(t, identity.ProfileID(identity.KindUser, "17850")+"\n", out.String())
}

func TestProfileIDOfAnonymousID(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, Run([]string{"--anonymous-id", "guest:536544"}, &out))
	require.Equal(t, identity.ProfileID(identity.KindAnonymous, "guest:536544")+"\n", out.String())
}

func TestProfileIDRejectsBothOrNone(t *testing.T) {
	require.ErrorContains(t, Run([]string{"--user-id", "1", "--anonymous-id", "a"}, &bytes.Buffer{}), "not both")
	require.ErrorContains(t, Run(nil, &bytes.Buffer{}), "missing flag")
}
