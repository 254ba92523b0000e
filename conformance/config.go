package conformance

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/clientconf/clientconf/specs"
)

// Config is the target configuration, read from CONFORMANCE_* environment variables.
type Config struct {
	BaseURL          string // empty: the embedded reference server
	Tokens           map[Role]string
	Credentials      map[Role]Credentials // roles whose tokens are fetched with client credentials
	TokenURL         string               // the token endpoint ("" for the embedded reference)
	Audience         string               // Auth0: the audience of fetched tokens
	AppID            string
	OtherAppID       string
	Surfaces         []string // empty: every surface the target has credentials for
	AllowDestructive bool
	SkipBasis        map[Basis]bool
	Timeout          time.Duration // per request
	Concurrency      int           // scenarios in flight at once
	RPS              float64       // requests per second at most (0: no limit)
	Deadline         time.Duration // for the whole run
	Transcript       string        // path of the redacted transcript ("": none)
}

// tokenVars maps each configured role to its variable.
var tokenVars = []struct {
	role Role
	name string
}{
	{Main, "CONFORMANCE_TOKEN"}, {ReadOnly, "CONFORMANCE_READONLY_TOKEN"},
	{NoPerm, "CONFORMANCE_NOPERM_TOKEN"}, {Other, "CONFORMANCE_OTHER_APP_TOKEN"},
	{Admin, "CONFORMANCE_ADMIN_TOKEN"},
}

// ConfigError is a bad configuration: it names the variable and the fix.
type ConfigError struct {
	Variable string
	Problem  string
	Fix      string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("configuration error: %s %s; fix: %s", e.Variable, e.Problem, e.Fix)
}

// ConfigFromEnv reads the configuration with getenv (os.Getenv in production). Token values
// never appear in errors.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	cfg := Config{Tokens: map[Role]string{}, SkipBasis: map[Basis]bool{}, Timeout: 10 * time.Second, Concurrency: 8}
	cfg.BaseURL = strings.TrimSpace(getenv("CONFORMANCE_BASE_URL"))
	for _, tv := range tokenVars {
		if v := strings.TrimSpace(getenv(tv.name)); v != "" {
			cfg.Tokens[tv.role] = v
		}
	}
	if err := cfg.readCredentials(getenv); err != nil {
		return cfg, err
	}
	cfg.AppID = strings.TrimSpace(getenv("CONFORMANCE_APP_ID"))
	cfg.OtherAppID = strings.TrimSpace(getenv("CONFORMANCE_OTHER_APP_ID"))
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return cfg, &ConfigError{"CONFORMANCE_BASE_URL", fmt.Sprintf("is %q, not an absolute http(s) URL", cfg.BaseURL),
				"set it to the API base URL, e.g. https://api.sbx.transmitsecurity.io/cis, or unset it to test the embedded reference server"}
		}
		if _, fetched := cfg.Credentials[Main]; u.Scheme == "https" && cfg.Tokens[Main] == "" && !fetched {
			return cfg, &ConfigError{"CONFORMANCE_TOKEN", "is empty (and so is CONFORMANCE_CLIENT_ID) but CONFORMANCE_BASE_URL is an https target",
				"export CONFORMANCE_TOKEN with an access token of an app that has full client permissions, " +
					"or CONFORMANCE_CLIENT_ID and CONFORMANCE_CLIENT_SECRET of that app to fetch its tokens"}
		}
	}
	if v := strings.TrimSpace(getenv("CONFORMANCE_SURFACES")); v != "" {
		for _, s := range strings.Split(v, ",") {
			s = strings.TrimSpace(s)
			if _, ok := specs.File(s); !ok {
				return cfg, &ConfigError{"CONFORMANCE_SURFACES", fmt.Sprintf("names unknown surface %q", s),
					"use a comma list of " + strings.Join(specs.Surfaces(), ", ")}
			}
			cfg.Surfaces = append(cfg.Surfaces, s)
		}
	}
	switch v := strings.TrimSpace(getenv("CONFORMANCE_ALLOW_DESTRUCTIVE")); v {
	case "", "0", "false":
	case "1", "true":
		cfg.AllowDestructive = true
	default:
		return cfg, &ConfigError{"CONFORMANCE_ALLOW_DESTRUCTIVE", fmt.Sprintf("is %q", v),
			"set it to 1 to allow collection deletes, or leave it unset"}
	}
	if err := cfg.readTransport(getenv); err != nil {
		return cfg, err
	}
	if v := strings.TrimSpace(getenv("CONFORMANCE_SKIP_BASIS")); v != "" {
		for _, b := range strings.Split(v, ",") {
			b = strings.TrimSpace(b)
			switch Basis(b) {
			case Spec, Documented, Assumed:
				cfg.SkipBasis[Basis(b)] = true
			default:
				return cfg, &ConfigError{"CONFORMANCE_SKIP_BASIS", fmt.Sprintf("names unknown basis %q", b),
					"use a comma list of spec, documented, assumed"}
			}
		}
	}
	if err := cfg.readTokenEndpoint(getenv); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// surfacesFor picks the surfaces of an external target: the configured list, or those the
// base URL and credentials fit.
func (c Config) surfacesFor() []string {
	if len(c.Surfaces) > 0 {
		return c.Surfaces
	}
	_, mainFetched := c.Credentials[Main]
	_, adminFetched := c.Credentials[Admin]
	if c.Tokens[Main] == "" && c.Tokens[Admin] == "" && !mainFetched && !adminFetched {
		return nil
	}
	if c.auth0Target() {
		return []string{"auth0"}
	}
	return []string{"clients", "applications"}
}

// readTransport reads the request policy variables.
func (c *Config) readTransport(getenv func(string) string) error {
	if v := strings.TrimSpace(getenv("CONFORMANCE_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return &ConfigError{"CONFORMANCE_TIMEOUT", fmt.Sprintf("is %q", v), "set a positive duration per request, e.g. 10s"}
		}
		c.Timeout = d
	}
	c.Deadline = 15 * time.Minute
	if v := strings.TrimSpace(getenv("CONFORMANCE_DEADLINE")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return &ConfigError{"CONFORMANCE_DEADLINE", fmt.Sprintf("is %q", v), "set a positive duration for the whole run, e.g. 10m"}
		}
		c.Deadline = d
	}
	if v := strings.TrimSpace(getenv("CONFORMANCE_CONCURRENCY")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 256 {
			return &ConfigError{"CONFORMANCE_CONCURRENCY", fmt.Sprintf("is %q", v), "set a whole number of scenarios in flight from 1 to 256"}
		}
		c.Concurrency = n
	}
	if v := strings.TrimSpace(getenv("CONFORMANCE_RPS")); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 {
			return &ConfigError{"CONFORMANCE_RPS", fmt.Sprintf("is %q", v), "set a positive number of requests per second, or unset it for no limit"}
		}
		c.RPS = f
	}
	c.Transcript = strings.TrimSpace(getenv("CONFORMANCE_TRANSCRIPT"))
	return nil
}
