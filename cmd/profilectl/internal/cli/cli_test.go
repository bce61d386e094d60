package cli

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunUsage(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, Run(context.Background(), []string{"help"}, &out))
	assert.Contains(t, out.String(), "import online-retail")

	out.Reset()
	err := Run(context.Background(), []string{"frobnicate"}, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown command "frobnicate"`)

	require.Error(t, Run(context.Background(), nil, &out))
}

func TestRunImportErrors(t *testing.T) {
	var out bytes.Buffer
	err := Run(context.Background(), []string{"import", "online-retail"}, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing --file")

	err = Run(context.Background(), []string{"import", "groceries"}, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown data set "groceries"`)

	assert.NoError(t, Run(context.Background(), []string{"topics", "-h"}, &out), "help is no error")
}
