package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// DataEnv names the variable that points tests at the folder of the public
// data sets. Unset, tests read ../shared/data beside the repository root.
const DataEnv = "PROFILEHUB_DATA"

// DataFile returns the path of rel inside the data folder. When the file
// is missing the test is skipped, or fails when RequireStack is true, with
// a message that names the path and DataEnv.
func DataFile(t testing.TB, rel string) string {
	t.Helper()
	path := filepath.Join(DataDir(), filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		if RequireStack() {
			t.Fatalf("data file %s not found: point %s (make test DATA=...) at the folder of the public data sets",
				path, DataEnv)
		}
		t.Skipf("data file %s not found; set %s to run this test", path, DataEnv)
	}
	return path
}

// DataDir returns the data folder: DataEnv if set, else ../shared/data
// beside the repository root.
func DataDir() string {
	if dir := os.Getenv(DataEnv); dir != "" {
		return dir
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data")
}
