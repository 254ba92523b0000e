package specs_test

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// rtSharedDirEnv overrides where the shared reference data lives (the folder that holds
// realtraffic/). By default it is the repository's sibling folder `shared`.
const rtSharedDirEnv = "CONFORMANCE_SHARED_DIR"

// rtSets are the recorded sets of real Auth0 traffic under realtraffic/ (see its README): the
// go-auth0 SDK's recordings and the terraform provider's.
var rtSets = []string{"auth0", "auth0-terraform"}

// rtInteraction is one recorded exchange of a go-vcr (v2/v3 layout, `version: 2`) cassette.
type rtInteraction struct {
	ID      int `yaml:"id"`
	Request struct {
		Method  string              `yaml:"method"`
		URL     string              `yaml:"url"`
		Body    string              `yaml:"body"`
		Headers map[string][]string `yaml:"headers"`
	} `yaml:"request"`
	Response struct {
		Body    string              `yaml:"body"`
		Headers map[string][]string `yaml:"headers"`
		Code    int                 `yaml:"code"`
	} `yaml:"response"`
}

type rtCassette struct {
	Version      int             `yaml:"version"`
	Interactions []rtInteraction `yaml:"interactions"`
}

// rtSetDir is the folder of one recorded set.
func rtSetDir(set string) string {
	shared := os.Getenv(rtSharedDirEnv)
	if shared == "" {
		shared = filepath.Join("..", "..", "shared")
	}
	return filepath.Join(shared, "realtraffic", set)
}

func rtCassetteFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".yaml") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", dir, err)
	}
	sort.Strings(files)
	return files
}

func rtReadCassette(t *testing.T, file string) rtCassette {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("reading cassette: %v", err)
	}
	var c rtCassette
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf("parsing cassette %s: %v", file, err)
	}
	if c.Version != 2 {
		t.Fatalf("cassette %s: go-vcr format version %d, this test reads version 2", file, c.Version)
	}
	return c
}

func rtHeader(recorded map[string][]string) http.Header {
	h := http.Header{}
	for k, vs := range recorded {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	return h
}

// rtIsRecorderStub reports whether body is the placeholder a recorder writes in place of a real
// body on /clients URLs (see realtraffic/README.md): an object with nothing but the injected
// `client_secret` and `signing_keys`, both redacted (the terraform recorder's has no
// `client_secret`). A real client always carries client_id.
func rtIsRecorderStub(body []byte) bool {
	var v map[string]any
	if json.Unmarshal(body, &v) != nil || len(v) == 0 {
		return false
	}
	for k, x := range v {
		switch k {
		case "client_secret":
			if x != "[REDACTED]" {
				return false
			}
		case "signing_keys":
			keys, ok := x.([]any)
			if !ok {
				return false
			}
			for _, key := range keys {
				m, ok := key.(map[string]any)
				if !ok || len(m) != 1 || m["cert"] != "[REDACTED]" {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// rtWithoutSDKPageKeys removes what the terraform recorder adds to a `GET /clients` page since
// 2024-11 (go-auth0's ClientList zero values `"length":0` and `"next":""`, not Auth0's keys)
// from an offset page `{start, limit, total, clients}`. Any other body is returned unchanged.
func rtWithoutSDKPageKeys(body []byte) []byte {
	var page map[string]json.RawMessage
	if json.Unmarshal(body, &page) != nil || page["clients"] == nil || page["total"] == nil {
		return body
	}
	if string(page["length"]) != "0" || string(page["next"]) != `""` {
		return body
	}
	delete(page, "length")
	delete(page, "next")
	out, err := json.Marshal(page)
	if err != nil {
		return body
	}
	return out
}
