// Package useragent classifies an HTTP User-Agent header into the device
// type, browser family and operating system stored on every event.
package useragent

import (
	"strings"

	medama "github.com/medama-io/go-useragent"
)

// Unknown is the value of a field that a present user agent does not reveal.
const Unknown = "unknown"

// Agent is the classification of one user agent. Values are lower case with
// words joined by "_", such as "desktop", "samsung_browser" or "macos". All
// fields are "" when the event carries no user agent.
type Agent struct {
	Device  string // desktop, mobile, tablet, tv, bot or unknown
	Browser string // chrome, safari, firefox, edge, samsung_browser, ... or unknown
	OS      string // windows, macos, ios, android, linux, chromeos, ... or unknown
}

// Parser classifies user agents with the trie of github.com/medama-io/go-useragent.
// It is safe for concurrent use.
type Parser struct {
	trie *medama.Parser
}

// NewParser builds the parser. The library's trie is built once per process.
func NewParser() *Parser {
	return &Parser{trie: medama.NewParser()}
}

// Parse classifies header. A bot has device "bot" and usually no browser or
// operating system.
func (p *Parser) Parse(header string) Agent {
	header = strings.TrimSpace(header)
	if header == "" {
		return Agent{}
	}

	agent := p.trie.Parse(header)
	return Agent{
		Device:  normalize(agent.Device().String()),
		Browser: normalize(agent.Browser().String()),
		OS:      normalize(agent.OS().String()),
	}
}

// normalize lower-cases a library name and joins its words with "_"; an
// empty name becomes Unknown.
func normalize(name string) string {
	if name == "" {
		return Unknown
	}
	return strings.ReplaceAll(strings.ToLower(name), " ", "_")
}
