package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/profilehub/platform/pkg/topics"
)

type composeFile struct {
	Services map[string]composeService `yaml:"services"`
}

type composeService struct {
	Image       string                       `yaml:"image"`
	Build       *composeBuild                `yaml:"build"`
	Environment map[string]string            `yaml:"environment"`
	Ports       []string                     `yaml:"ports"`
	Command     []string                     `yaml:"command"`
	DependsOn   map[string]composeDependency `yaml:"depends_on"`
}

type composeBuild struct {
	Context    string            `yaml:"context"`
	Dockerfile string            `yaml:"dockerfile"`
	Target     string            `yaml:"target"`
	Args       map[string]string `yaml:"args"`
}

type composeDependency struct {
	Condition string `yaml:"condition"`
}

const composePath = "docker-compose.yml"

func loadCompose(t *testing.T) composeFile {
	t.Helper()
	var compose composeFile
	decodeYAMLFile(t, composePath, &compose)
	return compose
}

func TestComposeNamesEveryService(t *testing.T) {
	compose := loadCompose(t)
	want := []string{"kafka", "clickhouse", "postgres", "init"}
	for _, svc := range platformServices {
		want = append(want, svc.name)
	}
	for _, name := range want {
		if _, ok := compose.Services[name]; !ok {
			t.Errorf("%s has no service %q", composePath, name)
		}
	}
}

func TestComposeInitCreatesEveryTopic(t *testing.T) {
	initService, ok := loadCompose(t).Services["init"]
	if !ok {
		t.Fatalf("%s has no init service", composePath)
	}
	if initService.Build == nil || initService.Build.Target != "profilectl" {
		t.Errorf("init must be built from the profilectl target, got %+v", initService.Build)
	}
	command := strings.Join(initService.Command, " ")
	if !strings.Contains(command, "profilectl topics") {
		t.Errorf("init command %q does not run profilectl topics", command)
	}
	if !strings.Contains(command, "profilectl migrate") {
		t.Errorf("init command %q does not run profilectl migrate", command)
	}
	words := strings.Fields(command)
	for _, topic := range topics.All {
		if !slices.Contains(words, topic) {
			t.Errorf("init command %q does not name topic %q", command, topic)
		}
	}
}

func TestComposePublishesExpectedPorts(t *testing.T) {
	compose := loadCompose(t)
	want := map[string]string{
		"kafka":      "127.0.0.1:19092:19092",
		"clickhouse": "127.0.0.1:19000:9000",
		"postgres":   "127.0.0.1:15432:5432",
	}
	for _, svc := range platformServices {
		want[svc.name] = "127.0.0.1:" + svc.port + ":" + svc.port
	}
	for name, port := range want {
		ports := compose.Services[name].Ports
		if !slices.Contains(ports, port) {
			t.Errorf("service %s publishes %v, want %s", name, ports, port)
		}
	}
}

func TestComposePortsBindLoopbackOnly(t *testing.T) {
	for name, service := range loadCompose(t).Services {
		for _, port := range service.Ports {
			if !strings.HasPrefix(port, "127.0.0.1:") {
				t.Errorf("service %s publishes %q on every host address, want 127.0.0.1:...", name, port)
			}
		}
	}
}

// The environment of each platform service may only override keys that its
// local config file has, because the config loader rejects unknown keys
// and a misspelt variable would be ignored silently.
func TestComposeServiceEnvMatchesConfig(t *testing.T) {
	compose := loadCompose(t)
	envPattern := regexp.MustCompile(`^PROFILEHUB_[A-Z0-9_]+$`)
	for _, svc := range platformServices {
		t.Run(svc.name, func(t *testing.T) {
			service, ok := compose.Services[svc.name]
			if !ok {
				t.Fatalf("%s has no service %q", composePath, svc.name)
			}
			keys := loadServiceConfig(t, svc.name)
			known := map[string]string{}
			for key := range keys {
				known[envName(key)] = key
			}
			if len(service.Environment) == 0 {
				t.Fatalf("service %s sets no PROFILEHUB_ variables", svc.name)
			}
			for name := range service.Environment {
				if !envPattern.MatchString(name) {
					t.Errorf("variable %s does not follow PROFILEHUB_<KEY>", name)
					continue
				}
				if _, ok := known[name]; !ok {
					t.Errorf("variable %s matches no key of deploy/local/config/%s.yaml", name, svc.name)
				}
			}
			for _, name := range []string{"PROFILEHUB_KAFKA_BROKERS", "PROFILEHUB_HTTP_ADDR"} {
				if _, ok := service.Environment[name]; !ok {
					t.Errorf("service %s does not set %s", svc.name, name)
				}
			}
			if got := service.Environment["PROFILEHUB_HTTP_ADDR"]; !strings.HasSuffix(got, ":"+svc.port) {
				t.Errorf("PROFILEHUB_HTTP_ADDR of %s = %q, want port %s", svc.name, got, svc.port)
			}
		})
	}
}

// Every store a service's local config names must be a healthy dependency
// in compose, and the service starts only after init has succeeded.
func TestComposeServiceDependencies(t *testing.T) {
	compose := loadCompose(t)
	for _, svc := range platformServices {
		service := compose.Services[svc.name]
		if service.Build == nil || service.Build.Args["SERVICE"] != svc.name {
			t.Errorf("service %s must be built with build arg SERVICE=%s, got %+v", svc.name, svc.name, service.Build)
		}
		if got := service.DependsOn["init"].Condition; got != "service_completed_successfully" {
			t.Errorf("service %s depends on init with condition %q, want service_completed_successfully", svc.name, got)
		}
		keys := loadServiceConfig(t, svc.name)
		for _, store := range []string{"kafka", "clickhouse", "postgres"} {
			if !hasSection(keys, store) {
				continue
			}
			if got := service.DependsOn[store].Condition; got != "service_healthy" {
				t.Errorf("service %s depends on %s with condition %q, want service_healthy", svc.name, store, got)
			}
		}
	}
}

func hasSection(keys map[string]any, section string) bool {
	for key := range keys {
		if strings.HasPrefix(key, section+".") {
			return true
		}
	}
	return false
}

// A local config value that names a file relative to the repository root
// does not resolve inside a service image, which holds no checkout. Compose
// must override such a key with an absolute path, and the Dockerfile must
// copy the file there.
func TestComposeOverridesLocalFilePaths(t *testing.T) {
	compose := loadCompose(t)
	copies := dockerfileCopies(t)
	checked := 0
	for _, svc := range platformServices {
		for key, value := range loadServiceConfig(t, svc.name) {
			path, ok := value.(string)
			if !ok || !namesLocalFile(key, path) {
				continue
			}
			checked++
			name := envName(key)
			override, ok := compose.Services[svc.name].Environment[name]
			if !ok {
				t.Errorf("service %s: key %s = %q is relative to the checkout, but compose does not set %s",
					svc.name, key, path, name)
				continue
			}
			if !filepath.IsAbs(override) {
				t.Errorf("service %s: %s = %q, want an absolute path inside the image", svc.name, name, override)
				continue
			}
			if got := copies[override]; got != path {
				t.Errorf("service %s: %s = %q, but deploy/docker/Dockerfile copies %q there, want %q",
					svc.name, name, override, got, path)
			}
		}
	}
	if checked == 0 {
		t.Error("no local config key names a file, want at least segment.rules_path")
	}
}

// namesLocalFile reports whether a config value is a relative file path:
// its key ends in _path, _file or _dir, or it names a file of the checkout.
func namesLocalFile(key, value string) bool {
	if value == "" || filepath.IsAbs(value) {
		return false
	}
	for _, suffix := range []string{"_path", "_file", "_dir"} {
		if strings.HasSuffix(key, suffix) {
			return true
		}
	}
	info, err := os.Stat(filepath.Join(checkoutRoot, value))
	return err == nil && !info.IsDir()
}

// dockerfileCopies returns the single-source COPY instructions of the
// Dockerfile's service stage that copy from the build context, as
// destination -> source.
func dockerfileCopies(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(checkoutRoot, "deploy", "docker", "Dockerfile"))
	if err != nil {
		t.Fatalf("reading deploy/docker/Dockerfile: %v", err)
	}
	copies := map[string]string{}
	for line := range strings.Lines(string(data)) {
		fields := strings.Fields(line)
		if len(fields) == 3 && fields[0] == "COPY" {
			copies[fields[2]] = fields[1]
		}
	}
	return copies
}

// The projector's pseudonym key must come from a variable of the shell or
// an .env file, so a deployment can set a real secret without rebuilding.
// The fallback is a placeholder long enough to start a local trial.
func TestComposePseudonymKeyFromVariable(t *testing.T) {
	projector := loadCompose(t).Services["projector"]
	value, ok := projector.Environment["PROFILEHUB_PSEUDONYM_KEY"]
	if !ok {
		t.Fatal("service projector does not set PROFILEHUB_PSEUDONYM_KEY")
	}
	match := regexp.MustCompile(`^\$\{PROFILEHUB_PSEUDONYM_KEY:-(.+)\}$`).FindStringSubmatch(value)
	if match == nil {
		t.Fatalf("PROFILEHUB_PSEUDONYM_KEY = %q, want ${PROFILEHUB_PSEUDONYM_KEY:-<placeholder>}", value)
	}
	placeholder := match[1]
	if len(placeholder) < 32 {
		t.Errorf("placeholder key %q has %d bytes, want at least 32", placeholder, len(placeholder))
	}
	if !strings.HasPrefix(placeholder, "change-me") {
		t.Errorf("placeholder key %q does not start with change-me", placeholder)
	}
}
