package conformance

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/clientconf/clientconf/conformance/envvar"
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
	Progress         time.Duration // interval of the progress line (0: the default, < 0: none)
	ProgressFile     string        // where the progress line goes ("": stderr)
}

// ConfigError is a bad configuration: it names the variable and the fix.
type ConfigError = envvar.Error

func configError(variable, problem, fix string) error {
	return &ConfigError{Variable: variable, Problem: problem, Fix: fix}
}

// ConfigFromEnv reads the configuration with getenv (os.Getenv in production). Token values
// never appear in errors.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	cfg := Config{Tokens: map[Role]string{}, SkipBasis: map[Basis]bool{}, Timeout: 10 * time.Second, Concurrency: 8}
	cfg.BaseURL = strings.TrimSpace(getenv(envvar.BaseURL))
	for _, rv := range envvar.Roles() {
		if v := strings.TrimSpace(getenv(rv.Token)); v != "" {
			cfg.Tokens[Role(rv.Role)] = v
		}
	}
	if err := cfg.readCredentials(getenv); err != nil {
		return cfg, err
	}
	if err := cfg.checkExternal(); err != nil {
		return cfg, err
	}
	cfg.AppID = strings.TrimSpace(getenv(envvar.AppID))
	cfg.OtherAppID = strings.TrimSpace(getenv(envvar.OtherAppID))
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return cfg, configError(envvar.BaseURL, fmt.Sprintf("is %q, not an absolute http(s) URL", cfg.BaseURL),
				"set it to the API base URL, e.g. https://api.sbx.transmitsecurity.io/cis, or unset it to test the embedded reference server")
		}
		if _, fetched := cfg.Credentials[Main]; u.Scheme == "https" && cfg.Tokens[Main] == "" && !fetched {
			m, _ := envvar.ForRole(string(Main))
			return cfg, configError(m.Token, "is empty (and so is "+m.ClientID+") but "+envvar.BaseURL+" is an https target",
				"export "+m.Token+" with an access token of an app that has full client permissions, "+
					"or "+m.ClientID+" and "+m.ClientSecret+" of that app to fetch its tokens")
		}
	}
	if v := strings.TrimSpace(getenv(envvar.Surfaces)); v != "" {
		for _, s := range strings.Split(v, ",") {
			s = strings.TrimSpace(s)
			if _, ok := SurfaceByID(s); !ok {
				return cfg, configError(envvar.Surfaces, fmt.Sprintf("names unknown surface %q", s),
					"use a comma list of "+strings.Join(SurfaceIDs(), ", "))
			}
			cfg.Surfaces = append(cfg.Surfaces, s)
		}
	}
	switch v := strings.TrimSpace(getenv(envvar.AllowDestructive)); v {
	case "", "0", "false":
	case "1", "true":
		cfg.AllowDestructive = true
	default:
		return cfg, configError(envvar.AllowDestructive, fmt.Sprintf("is %q", v),
			"set it to 1 to allow collection deletes, or leave it unset")
	}
	if err := cfg.readTransport(getenv); err != nil {
		return cfg, err
	}
	if v := strings.TrimSpace(getenv(envvar.SkipBasis)); v != "" {
		for _, b := range strings.Split(v, ",") {
			b = strings.TrimSpace(b)
			switch Basis(b) {
			case Spec, Documented, Assumed:
				cfg.SkipBasis[Basis(b)] = true
			default:
				return cfg, configError(envvar.SkipBasis, fmt.Sprintf("names unknown basis %q", b),
					"use a comma list of spec, documented, assumed")
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
	var out []string
	vendor := c.vendorSurface().Vendor
	for _, s := range Surfaces() {
		if s.Vendor == vendor {
			out = append(out, s.ID)
		}
	}
	return out
}

// readTransport reads the request policy variables.
func (c *Config) readTransport(getenv func(string) string) error {
	if v := strings.TrimSpace(getenv(envvar.Timeout)); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return configError(envvar.Timeout, fmt.Sprintf("is %q", v), "set a positive duration per request, e.g. 10s")
		}
		c.Timeout = d
	}
	c.Deadline = 15 * time.Minute
	if v := strings.TrimSpace(getenv(envvar.Deadline)); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return configError(envvar.Deadline, fmt.Sprintf("is %q", v), "set a positive duration for the whole run, e.g. 10m")
		}
		c.Deadline = d
	}
	if v := strings.TrimSpace(getenv(envvar.Concurrency)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 256 {
			return configError(envvar.Concurrency, fmt.Sprintf("is %q", v), "set a whole number of scenarios in flight from 1 to 256")
		}
		c.Concurrency = n
	}
	if v := strings.TrimSpace(getenv(envvar.RPS)); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 {
			return configError(envvar.RPS, fmt.Sprintf("is %q", v), "set a positive number of requests per second, or unset it for no limit")
		}
		c.RPS = f
	}
	c.Transcript = strings.TrimSpace(getenv(envvar.Transcript))
	if v := strings.TrimSpace(getenv(envvar.Progress)); v != "" {
		d, err := time.ParseDuration(v)
		if v == "0" || err == nil && d == 0 {
			d, err = -1, nil // no progress line
		}
		if err != nil || d < 0 && d != -1 {
			return configError(envvar.Progress, fmt.Sprintf("is %q", v), "set how often a long run prints its progress line, e.g. 30s, or 0 for never")
		}
		c.Progress = d
	}
	c.ProgressFile = strings.TrimSpace(getenv(envvar.ProgressFile))
	return nil
}

// TargetFromConfig turns an external configuration into a target.
func TargetFromConfig(cfg Config) Target {
	t := Target{
		Name:             cfg.BaseURL,
		BaseURLs:         map[string]string{},
		Tokens:           cfg.Tokens,
		TokenSources:     cfg.tokenSources(),
		TokenURL:         cfg.TokenURL,
		ScopedTokens:     cfg.scopedTokens(),
		AppID:            cfg.AppID,
		OtherAppID:       cfg.OtherAppID,
		AllowDestructive: cfg.AllowDestructive,
		SkipBasis:        cfg.SkipBasis,
		Timeout:          cfg.Timeout,
		Concurrency:      cfg.Concurrency,
		RPS:              cfg.RPS,
		Deadline:         cfg.Deadline,
		Transcript:       cfg.Transcript,
		Progress:         cfg.Progress,
		ProgressFile:     cfg.ProgressFile,
		FromEnv:          true,
	}
	for _, s := range cfg.surfacesFor() {
		t.BaseURLs[s] = strings.TrimSuffix(cfg.BaseURL, "/")
	}
	return t
}
