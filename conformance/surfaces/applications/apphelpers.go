package applications

import (
	"net/url"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// Helpers of the app scenarios, whatever their category: paths and the ids of app lists.

func appPath(appID string) string { return "/v1/applications/" + url.PathEscape(appID) }

// appIDsIn returns the app_ids of an app list response.
func appIDsIn(r *scenario.Response) map[string]bool {
	ids := map[string]bool{}
	list, _ := r.Object().([]any)
	for _, item := range list {
		if m, ok := item.(map[string]any); ok {
			if id, ok := m["app_id"].(string); ok {
				ids[id] = true
			}
		}
	}
	return ids
}

// keys returns the keys of a set, for messages.
func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
