package testenv

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDataDirFollowsEnvironment(t *testing.T) {
	t.Setenv(DataEnv, "/srv/data")
	require.Equal(t, "/srv/data", DataDir())
}

func TestDataDirDefaultsBesideRepository(t *testing.T) {
	t.Setenv(DataEnv, "")
	require.Equal(t, filepath.Join("shared", "data"), filepath.Join(filepath.Base(filepath.Dir(DataDir())), "data"))
}
