package transmit

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/reference/faults"
)

var categories = []string{"crud", "defaults", "enums", "bad-request", "not-found", "conflict", "permissions", "schema"}

func TestFaultCatalogue(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	perSurface := map[string]map[string]int{"clients": {}, "applications": {}}
	for _, f := range Faults() {
		assert.False(t, seen[f.Name], "duplicate fault %s", f.Name)
		seen[f.Name] = true
		parts := strings.Split(f.Name, "/")
		require.Len(t, parts, 3, f.Name)
		assert.Equal(t, parts[0], f.Surface, f.Name)
		assert.Equal(t, parts[1], f.Category, f.Name)
		assert.Contains(t, categories, f.Category, f.Name)
		assert.Regexp(t, `^[a-z0-9]+(-[a-z0-9]+)*$`, parts[2], f.Name)
		assert.NotEmpty(t, f.Description, f.Name)
		require.Contains(t, perSurface, f.Surface, f.Name)
		perSurface[f.Surface][f.Category]++
	}
	total := func(m map[string]int) (n int) {
		for _, c := range m {
			n += c
		}
		return n
	}
	assert.GreaterOrEqual(t, total(perSurface["clients"]), 25)
	assert.GreaterOrEqual(t, total(perSurface["applications"]), 15)
	for surface, byCategory := range perSurface {
		for _, c := range categories {
			assert.Positive(t, byCategory[c], "surface %s has no %s fault", surface, c)
		}
	}
}

func TestNewAcceptsEveryFault(t *testing.T) {
	t.Parallel()
	for _, f := range Faults() {
		set, err := faults.NewSet(Faults(), f.Name)
		require.NoError(t, err, f.Name)
		_, err = New(newTS(t).tenant, set)
		require.NoError(t, err, f.Name)
	}
	all := make([]string, 0, len(Faults()))
	for _, f := range Faults() {
		all = append(all, f.Name)
	}
	newTS(t, all...) // every switch at once still builds a server
}

// TestEveryFaultIsObservable runs each fault's probe twice: the conforming server must pass it
// and the server with only that fault switched on must fail it. So every switch is wired and
// changes behaviour a client can see.
func TestEveryFaultIsObservable(t *testing.T) {
	t.Parallel()
	all := issue12Probes()
	maps.Copy(all, probes)
	for _, f := range Faults() {
		probe, ok := all[f.Name]
		if !assert.True(t, ok, "fault %s has no probe", f.Name) {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			t.Parallel()
			assert.True(t, probe(newTS(t)), "the conforming server fails the probe")
			assert.False(t, probe(newTS(t, f.Name)), "the fault is not observable")
		})
	}
}

// Probe helpers: each returns what a conforming server does.

func (s *ts) newClientID(role string, body map[string]any) string {
	s.t.Helper()
	id, _ := s.do(role, "POST", "/v1/clients", body).obj()["client_id"].(string)
	if id == "" { // the client-id-missing fault renames the field
		id, _ = s.do(role, "GET", "/v1/clients", nil).list()[0].(map[string]any)["id"].(string)
	}
	return id
}

func (s *ts) createdField(body map[string]any, field string) any {
	return s.do("main", "POST", "/v1/clients", body).obj()[field]
}

func (s *ts) status(role, method, path string, body any) int {
	return s.do(role, method, path, body).status
}

func (s *ts) newAppID(body map[string]any) string {
	app, _ := s.do("admin", "POST", "/v1/applications", body).result().(map[string]any)
	id, _ := app["app_id"].(string)
	return id
}

func (s *ts) appField(body map[string]any, field string) any {
	app, _ := s.do("admin", "POST", "/v1/applications", body).result().(map[string]any)
	return app[field]
}

func (s *ts) newKeyID() string {
	id, _ := s.do("main", "POST", "/v1/applications/signing-keys", map[string]any{"name": "probe key"}).obj()["id"].(string)
	return id
}

func rejects(body map[string]any) func(*ts) bool {
	return func(s *ts) bool { return s.status("main", "POST", "/v1/clients", body) == 400 }
}

func defaultIs(field string, want any) func(*ts) bool {
	return func(s *ts) bool { return assert.ObjectsAreEqual(want, s.createdField(oidcBody("probe"), field)) }
}

func appDefaultIs(field string, want any) func(*ts) bool {
	return func(s *ts) bool { return assert.ObjectsAreEqual(want, s.appField(appBody("probe app"), field)) }
}

var base = oidcBody("probe")

var probes = map[string]func(s *ts) bool{
	fClientsNestedUnknownRejected: func(s *ts) bool {
		body := map[string]any{"name": "nested-unknown", "redirect_uris": []any{"https://x.example.com/cb"},
			"token_expiration": map[string]any{"access_token_ttl": 60, "x_unknown": true}}
		return s.status("main", "POST", "/v1/clients", body) == 201
	},
	fClientsDeleteDoesNotDelete: func(s *ts) bool {
		id := s.newClientID("main", base)
		s.do("main", "DELETE", "/v1/clients/"+id, nil)
		return s.status("main", "GET", "/v1/clients/"+id, nil) == 404
	},
	fClientsListOmitsNewest: func(s *ts) bool {
		id := s.newClientID("main", base)
		return strings.Contains(string(s.do("main", "GET", "/v1/clients", nil).raw), id)
	},
	fClientsPutNotPersisted: func(s *ts) bool {
		id := s.newClientID("main", base)
		s.do("main", "PUT", "/v1/clients/"+id, map[string]any{"description": "new"})
		return s.do("main", "GET", "/v1/clients/"+id, nil).obj()["description"] == "new"
	},
	fClientsPutMergesNested: func(s *ts) bool {
		id := s.newClientID("main", with(base, map[string]any{"token_expiration": map[string]any{"access_token_ttl": 60}}))
		r := s.do("main", "PUT", "/v1/clients/"+id, map[string]any{"token_expiration": map[string]any{"refresh_token_ttl": 5}})
		return assert.ObjectsAreEqual(map[string]any{"refresh_token_ttl": float64(5)}, r.obj()["token_expiration"])
	},
	fClientsUpdatedAtNotAdvanced: func(s *ts) bool {
		c := s.do("main", "POST", "/v1/clients", base).obj()
		time.Sleep(2 * time.Millisecond)
		u := s.do("main", "PUT", "/v1/clients/"+c["client_id"].(string), map[string]any{"description": "x"}).obj()
		return u["updated_at"] != c["updated_at"]
	},
	fClientsResourcesAppended: func(s *ts) bool {
		id := s.newClientID("main", with(base, map[string]any{"resources": []any{"a"}}))
		r := s.do("main", "PUT", "/v1/clients/"+id+"/resources", map[string]any{"resource_ids": []any{"b"}})
		return assert.ObjectsAreEqual([]any{"b"}, r.obj()["resources"])
	},
	fClientsCollectionDeleteAllApps: func(s *ts) bool {
		id := s.newClientID("other", base)
		s.do("main", "DELETE", "/v1/clients", nil)
		return s.status("other", "GET", "/v1/clients/"+id, nil) == 200
	},
	fClientsSecretRotatedOnPut: func(s *ts) bool {
		c := s.do("main", "POST", "/v1/clients", base).obj()
		u := s.do("main", "PUT", "/v1/clients/"+c["client_id"].(string), map[string]any{"description": "x"}).obj()
		return u["client_secret"] == c["client_secret"]
	},

	fClientsDefaultClientTypeNative:      defaultIs("client_type", "web"),
	fClientsDefaultResponseTypesCodeOnly: defaultIs("response_types", []any{"code", "id_token"}),
	fClientsDefaultSamesiteNone:          defaultIs("short_cookies_samesite_type", "lax"),
	fClientsDefaultDeviceAuthEnabled: func(s *ts) bool {
		d, _ := s.createdField(base, "device_authorization").(map[string]any)
		return d["enabled"] == false
	},
	fClientsDefaultAuthMethodNone: defaultIs("token_endpoint_auth_method", "client_secret_basic"),

	fClientsClientTypeUnchecked: rejects(with(base, map[string]any{"client_type": "spa"})),
	fClientsNativeRejected: func(s *ts) bool {
		return s.status("main", "POST", "/v1/clients", with(base, map[string]any{"client_type": "native"})) == 201
	},
	fClientsClaimsUnchecked: rejects(with(base, map[string]any{"default_custom_claims": []any{"shoe_size"}})),
	fClientsClaimsOldEnum: func(s *ts) bool {
		return s.status("main", "POST", "/v1/clients", with(base, map[string]any{"default_custom_claims": []any{"birthday"}})) == 201
	},
	fClientsSamesiteStrictAccepted:    rejects(with(base, map[string]any{"short_cookies_samesite_type": "strict"})),
	fClientsResponseTypesNoneAccepted: rejects(with(base, map[string]any{"response_types": []any{"none"}})),

	fClientsMalformedJSON500:          func(s *ts) bool { return s.status("main", "POST", "/v1/clients", `{"name":`) == 400 },
	fClientsMissingNameAccepted:       rejects(with(base, map[string]any{"name": nil})),
	fClientsEmptyNameAccepted:         rejects(with(base, map[string]any{"name": ""})),
	fClientsRelativeRedirectAccepted:  rejects(with(base, map[string]any{"redirect_uris": []any{"/cb"}})),
	fClientsEmptyRedirectURIsAccepted: rejects(with(base, map[string]any{"redirect_uris": []any{}})),
	fClientsWrongTypeCoerced:          rejects(with(base, map[string]any{"enforce_par": "true"})),
	fClientsNestedRequiredUnchecked:   rejects(with(base, map[string]any{"device_authorization": map[string]any{"enabled": true}})),
	fClientsResourceIDsOptional: func(s *ts) bool {
		id := s.newClientID("main", base)
		return s.status("main", "PUT", "/v1/clients/"+id+"/resources", map[string]any{}) == 400
	},

	fClientsGetUnknown400:    func(s *ts) bool { return s.status("main", "GET", "/v1/clients/nope", nil) == 404 },
	fClientsDeleteUnknown204: func(s *ts) bool { return s.status("main", "DELETE", "/v1/clients/nope", nil) == 404 },
	fClientsPutRevivesDeleted: func(s *ts) bool {
		id := s.newClientID("main", base)
		s.do("main", "DELETE", "/v1/clients/"+id, nil)
		return s.status("main", "PUT", "/v1/clients/"+id, map[string]any{"description": "x"}) == 404
	},

	fClientsDuplicateNameAllowed: func(s *ts) bool {
		s.do("main", "POST", "/v1/clients", base)
		return s.status("main", "POST", "/v1/clients", base) == 409
	},
	fClientsRenameConflictAllowed: func(s *ts) bool {
		s.do("main", "POST", "/v1/clients", base)
		id := s.newClientID("main", oidcBody("second"))
		return s.status("main", "PUT", "/v1/clients/"+id, map[string]any{"name": "probe"}) == 409
	},
	fClientsConflictNoTSCode: func(s *ts) bool {
		s.do("main", "POST", "/v1/clients", base)
		_, ok := s.do("main", "POST", "/v1/clients", base).obj()["ts_error_code"].(string)
		return ok
	},
	fClientsNamesCaseInsensitive: func(s *ts) bool {
		s.do("main", "POST", "/v1/clients", base)
		return s.status("main", "POST", "/v1/clients", oidcBody("PROBE")) == 201
	},
	fClientsNamesUniquePerTenant: func(s *ts) bool {
		s.do("main", "POST", "/v1/clients", base)
		return s.status("other", "POST", "/v1/clients", base) == 201
	},

	fClientsNoTokenGet: func(s *ts) bool {
		id := s.newClientID("main", base)
		return s.status("", "GET", "/v1/clients/"+id, nil) == 401
	},
	fClientsBadToken403: func(s *ts) bool { return s.doAuth("Bearer nope", "GET", "/v1/clients", nil).status == 401 },
	fClientsAnySchemeAccepted: func(s *ts) bool {
		return s.doAuth("Token "+strings.TrimPrefix(s.token("main"), "Bearer "), "GET", "/v1/clients", nil).status == 401
	},
	fClientsReadonlyCanWrite: func(s *ts) bool { return s.status("readonly", "POST", "/v1/clients", base) == 403 },
	fClientsNopermCanRead:    func(s *ts) bool { return s.status("noperm", "GET", "/v1/clients", nil) == 403 },
	fClientsOtherAppClientVisible: func(s *ts) bool {
		return s.status("other", "GET", "/v1/clients/"+s.newClientID("main", base), nil) == 404
	},
	fClientsNoWWWAuthenticate: func(s *ts) bool {
		return strings.HasPrefix(s.do("", "GET", "/v1/clients", nil).header.Get("WWW-Authenticate"), "Bearer")
	},
	fClientsPermissionsAllOf:        func(s *ts) bool { return s.status("main", "GET", "/v1/clients", nil) == 200 },
	fClientsChecksBeforePermissions: func(s *ts) bool { return s.status("noperm", "GET", "/v1/clients/nope", nil) == 403 },
	fClientsAdminTokenAccepted:      func(s *ts) bool { return s.status("admin", "GET", "/v1/clients", nil) == 403 },

	fClientsTimestampsNotRFC3339: func(s *ts) bool {
		at, _ := s.createdField(base, "created_at").(string)
		_, err := time.Parse(time.RFC3339, at)
		return err == nil
	},
	fClientsClientIDMissing: func(s *ts) bool { return s.createdField(base, "client_id") != nil },
	fClientsErrorCodeMissing: func(s *ts) bool {
		return assert.ObjectsAreEqual(float64(404), s.do("main", "GET", "/v1/clients/nope", nil).obj()["error_code"])
	},
	fClientsErrorCodeAlways400: func(s *ts) bool {
		return assert.ObjectsAreEqual(float64(404), s.do("main", "GET", "/v1/clients/nope", nil).obj()["error_code"])
	},
	fClientsErrorTextPlain: func(s *ts) bool {
		return s.do("main", "GET", "/v1/clients/nope", nil).header.Get("Content-Type") == "application/json"
	},
	fClientsSuccessTextPlain: func(s *ts) bool {
		return s.do("main", "GET", "/v1/clients", nil).header.Get("Content-Type") == "application/json"
	},
	fClientsEmptyDescriptionOmitted: func(s *ts) bool { return s.createdField(base, "description") == "" },
	fClientsInputOnlyEchoed: func(s *ts) bool {
		return s.createdField(with(base, map[string]any{"is_third_party": true}), "is_third_party") == nil
	},
	fClientsSAMLIdPFieldsMissing: func(s *ts) bool { return s.createdField(samlBody("probe"), "metadata_url") != nil },

	fAppsNoDefaultClient: func(s *ts) bool {
		return len(s.do("admin", "GET", "/v1/applications/"+s.newAppID(appBody("p"))+"/clients", nil).list()) == 1
	},
	fAppsDefaultClientNamedAfter: func(s *ts) bool {
		cl := s.do("admin", "GET", "/v1/applications/"+s.newAppID(appBody("p"))+"/clients", nil).list()
		return len(cl) == 1 && cl[0].(map[string]any)["name"] == "p default"
	},
	fAppsDeleteKeepsApp: func(s *ts) bool {
		id := s.newAppID(appBody("p"))
		s.do("admin", "DELETE", "/v1/applications/"+id, nil)
		return s.status("admin", "GET", "/v1/applications/"+id, nil) == 404
	},
	fAppsPutNotPersisted: func(s *ts) bool {
		s.do("main", "PUT", "/v1/applications/app-main", map[string]any{"app_description": "new"})
		app, _ := s.do("main", "GET", "/v1/applications/app-main", nil).result().(map[string]any)
		return app["app_description"] == "new"
	},
	fAppsPutMergesNested: func(s *ts) bool {
		sent := map[string]any{"invalidateOnMemberSuspension": false}
		r := s.do("main", "PUT", "/v1/applications/app-main", map[string]any{"refresh_token_invalidation_trigger_configuration": sent})
		app, _ := r.result().(map[string]any)
		return assert.ObjectsAreEqual(sent, app["refresh_token_invalidation_trigger_configuration"])
	},
	fAppsDeleteNoCascade: func(s *ts) bool {
		app, _ := s.do("admin", "POST", "/v1/applications", appBody("p")).result().(map[string]any)
		s.do("admin", "DELETE", "/v1/applications/"+app["app_id"].(string), nil)
		return s.status("admin", "GET", "/v1/applications/"+app["app_id"].(string)+"/clients/"+app["client_id"].(string), nil) == 404
	},
	fAppsKeyDeleteKeepsKey: func(s *ts) bool {
		s.do("main", "DELETE", "/v1/applications/signing-keys/"+s.newKeyID(), nil)
		return len(s.do("main", "GET", "/v1/applications/signing-keys", nil).list()) == 0
	},

	fAppsDefaultPublicSignup: appDefaultIs("allow_public_signup", false),
	fAppsDefaultInviteExpiry: appDefaultIs("invite_member_email_expiration_minutes", float64(2880)),
	fAppsDefaultLanguage:     appDefaultIs("external_communication", map[string]any{"language": "en"}),
	fAppsDefaultRefreshTriggers: appDefaultIs("refresh_token_invalidation_trigger_configuration", map[string]any{
		"invalidateOnMemberSuspension": true, "invalidateOnMemberPasswordReset": true, "invalidateOnMemberRoleUpdate": true,
	}),

	fAppsKeyStatusUnchecked: func(s *ts) bool {
		return s.status("main", "PUT", "/v1/applications/signing-keys/"+s.newKeyID(), map[string]any{"status": "active"}) == 400
	},

	fAppsDisplayNameOptional: func(s *ts) bool {
		return s.status("admin", "POST", "/v1/applications", map[string]any{"app_name": "p"}) == 400
	},
	fAppsKeyNameOptional: func(s *ts) bool {
		return s.status("main", "POST", "/v1/applications/signing-keys", map[string]any{}) == 400
	},
	fAppsUploadJWKOptional: func(s *ts) bool {
		return s.status("main", "POST", "/v1/applications/signing-keys/upload", map[string]any{"name": "u"}) == 400
	},

	fAppsUnknownAppClientsEmpty: func(s *ts) bool { return s.status("admin", "GET", "/v1/applications/nope/clients", nil) == 404 },
	fAppsUnknownKey400: func(s *ts) bool {
		return s.status("main", "PUT", "/v1/applications/signing-keys/nope", map[string]any{"name": "x"}) == 404
	},
	fAppsListRouteShadowed: func(s *ts) bool { return s.status("admin", "GET", "/v1/applications/list", nil) == 200 },

	fAppsDuplicateNameAllowed: func(s *ts) bool {
		return s.status("admin", "POST", "/v1/applications", with(appBody("p"), map[string]any{"app_name": "Reference main app"})) == 409
	},
	fAppsRenameConflictAllowed: func(s *ts) bool {
		return s.status("main", "PUT", "/v1/applications/app-main", map[string]any{"app_name": "Reference other app"}) == 409
	},
	fAppsDuplicateKeyNameAllowed: func(s *ts) bool {
		s.newKeyID()
		return s.status("main", "POST", "/v1/applications/signing-keys", map[string]any{"name": "probe key"}) == 409
	},

	fAppsCrossAppAccess: func(s *ts) bool { return s.status("main", "GET", "/v1/applications/app-other", nil) == 403 },
	fAppsOtherAppID404:  func(s *ts) bool { return s.status("main", "GET", "/v1/applications/app-nope", nil) == 403 },
	fAppsDeletedAppTokenValid: func(s *ts) bool {
		s.do("admin", "DELETE", "/v1/applications/app-other", nil)
		return s.status("other", "GET", "/v1/applications", nil) == 401
	},
	fAppsOtherAppsListed: func(s *ts) bool {
		l, _ := s.do("main", "GET", "/v1/applications", nil).result().([]any)
		return len(l) == 1
	},
	fAppsAdminRejected:         func(s *ts) bool { return s.status("admin", "GET", "/v1/applications/app-main", nil) == 200 },
	fAppsAdminListsSigningKeys: func(s *ts) bool { return s.status("admin", "GET", "/v1/applications/signing-keys", nil) == 403 },

	fAppsNoResultEnvelope: func(s *ts) bool {
		return s.do("main", "GET", "/v1/applications/app-main", nil).result() != nil
	},
	fAppsClientsWrapped: func(s *ts) bool {
		return s.do("admin", "GET", "/v1/applications/app-main/clients", nil).list() != nil
	},
	fAppsKeyCreated200: func(s *ts) bool {
		return s.status("main", "POST", "/v1/applications/signing-keys", map[string]any{"name": "k"}) == 201
	},
	fAppsLogoOmitted: func(s *ts) bool {
		app, _ := s.do("main", "GET", "/v1/applications/app-main", nil).result().(map[string]any)
		return slices.Contains([]any{""}, app["logo"])
	},
}
