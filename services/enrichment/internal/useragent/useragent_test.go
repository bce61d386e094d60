package useragent

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseFamilies(t *testing.T) {
	tests := []struct {
		name   string
		header string
		want   Agent
	}{
		{
			name:   "chrome on windows",
			header: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36",
			want:   Agent{Device: "desktop", Browser: "chrome", OS: "windows"},
		},
		{
			name:   "edge on windows",
			header: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
			want:   Agent{Device: "desktop", Browser: "edge", OS: "windows"},
		},
		{
			name:   "safari on iphone",
			header: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
			want:   Agent{Device: "mobile", Browser: "safari", OS: "ios"},
		},
		{
			name:   "safari on ipad",
			header: "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
			want:   Agent{Device: "tablet", Browser: "safari", OS: "ios"},
		},
		{
			name:   "samsung browser on android",
			header: "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
			want:   Agent{Device: "mobile", Browser: "samsung_browser", OS: "android"},
		},
		{
			name:   "safari on macos",
			header: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15",
			want:   Agent{Device: "desktop", Browser: "safari", OS: "macos"},
		},
		{
			name:   "firefox on linux",
			header: "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
			want:   Agent{Device: "desktop", Browser: "firefox", OS: "linux"},
		},
		{
			name:   "googlebot",
			header: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
			want:   Agent{Device: "bot", Browser: Unknown, OS: Unknown},
		},
		{
			name:   "unrecognised app",
			header: "Profilehub-App/2.3 (iOS 17.1; iPhone14,2)",
			want:   Agent{Device: Unknown, Browser: Unknown, OS: Unknown},
		},
		{
			name:   "absent",
			header: "  ",
			want:   Agent{},
		},
	}

	parser := NewParser()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parser.Parse(tt.header)
			assert.Equal(t, tt.want.Device, got.Device, "device")
			assert.Equal(t, tt.want.Browser, got.Browser, "browser")
			assert.Equal(t, tt.want.OS, got.OS, "os")
		})
	}
}
