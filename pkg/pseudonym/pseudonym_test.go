package pseudonym

import "testing"

// The expected hashes were computed independently with
// `printf 'user:17850' | openssl dgst -sha256 -hmac <key>`.
func TestHashKnownValues(t *testing.T) {
	h, err := New([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	cases := []struct {
		kind, value, want string
	}{
		{KindUser, "17850", "e4d4f516253f690bdc155e9affec84300c30d2c5ac92bb7af024ba6c51370142"},
		{KindEmail, "17850", "4abb6d9e2b2d4f17c121f5a5fa62a15a1c939204583e92f7d7c4830cf8a1dabc"},
	}
	for _, c := range cases {
		if got := h.Hash(c.kind, c.value); got != c.want {
			t.Errorf("Hash(%q, %q) = %s, want %s", c.kind, c.value, got, c.want)
		}
	}
}

func TestHashDependsOnKey(t *testing.T) {
	a, _ := New([]byte("0123456789abcdef0123456789abcdef"))
	b, _ := New([]byte("fedcba9876543210fedcba9876543210"))
	if a.Hash(KindUser, "17850") == b.Hash(KindUser, "17850") {
		t.Error("two keys produced the same hash")
	}
}

func TestNewRejectsShortKey(t *testing.T) {
	if _, err := New([]byte("short")); err == nil {
		t.Error("New accepted a 5-byte key")
	}
}
