package conformance

import (
	"errors"
	"slices"
	"strings"

	"github.com/clientconf/clientconf/conformance/envvar"
)

// checkExternal refuses role tokens or client credentials without a base URL: they mean an
// external target (e.g. a CI secret for the URL that was not injected), and running the
// embedded reference server instead would report "conformant" about a server nobody asked for.
func (c *Config) checkExternal() error {
	if c.BaseURL != "" {
		return nil
	}
	var set []string
	for _, rv := range envvar.Roles() {
		if c.Tokens[Role(rv.Role)] != "" {
			set = append(set, rv.Token)
		}
		if _, ok := c.Credentials[Role(rv.Role)]; ok {
			set = append(set, rv.ClientID)
		}
	}
	if len(set) == 0 {
		return nil
	}
	return configError(envvar.BaseURL, "is not set, but "+strings.Join(set, ", ")+" is (credentials are for an external target)",
		"set "+envvar.BaseURL+" to the target's API base URL (e.g. https://api.sbx.transmitsecurity.io/cis), "+
			"or unset "+strings.Join(set, ", ")+" to check the embedded reference server")
}

// EnvWarnings returns one warning per CONFORMANCE_* variable in environ (os.Environ()) that
// the suite does not read, naming the closest known one (see envvar.Unknown).
func EnvWarnings(environ []string) []string { return envvar.Unknown(environ) }

// ConfigFromEnviron is ConfigFromEnv over an os.Environ-style list, with the warnings about
// unknown CONFORMANCE_* variables; a configuration error about a variable a warning suggests
// (CONFORMANCE_BASEURL set, CONFORMANCE_BASE_URL missing) names the misspelling in its fix.
func ConfigFromEnviron(environ []string) (Config, []string, error) {
	vals := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vals[k] = v
		}
	}
	warnings := EnvWarnings(environ)
	cfg, err := ConfigFromEnv(func(k string) string { return vals[k] })
	var ce *ConfigError
	if errors.As(err, &ce) {
		for _, kv := range environ {
			name, _, _ := strings.Cut(kv, "=")
			if strings.HasPrefix(name, envvar.Prefix) && !slices.Contains(envvar.Known(), name) && envvar.Closest(name) == ce.Variable {
				fixed := *ce
				fixed.Fix = "rename " + name + " to " + ce.Variable + " (it is misspelled); or " + ce.Fix
				return cfg, warnings, &fixed
			}
		}
	}
	return cfg, warnings, err
}
