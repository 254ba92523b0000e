package oauth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	t.Parallel()
	const form = "application/x-www-form-urlencoded"
	for _, tc := range []struct {
		name        string
		contentType string
		body        string
		basic       [2]string // user, password; empty: none
		allowJSON   bool
		want        Request
		code        string // "" means valid
	}{
		{"form", form, "grant_type=client_credentials&client_id=a&client_secret=b&scope=x+y", [2]string{}, false,
			Request{GrantType: "client_credentials", ClientID: "a", ClientSecret: "b", Scope: "x y"}, ""},
		{"form with charset", form + "; charset=utf-8", "grant_type=client_credentials&client_id=a&client_secret=b", [2]string{}, false,
			Request{GrantType: "client_credentials", ClientID: "a", ClientSecret: "b"}, ""},
		{"json", "application/json", `{"grant_type":"client_credentials","client_id":"a","client_secret":"b","audience":"https://h/api/v2/"}`,
			[2]string{}, true, Request{GrantType: "client_credentials", ClientID: "a", ClientSecret: "b", Audience: "https://h/api/v2/"}, ""},
		{"json not allowed", "application/json", `{"grant_type":"client_credentials"}`, [2]string{}, false, Request{}, "invalid_request"},
		{"json number", "application/json", `{"grant_type":"client_credentials","client_id":1}`, [2]string{}, true, Request{}, "invalid_request"},
		{"basic, form-encoded per RFC 6749", form, "grant_type=client_credentials", [2]string{"my%3Aclient", "p%26ss"}, false,
			Request{GrantType: "client_credentials", ClientID: "my:client", ClientSecret: "p&ss"}, ""},
		{"basic and body secret", form, "grant_type=client_credentials&client_secret=b", [2]string{"a", "b"}, false, Request{}, "invalid_request"},
		{"no secret", form, "grant_type=client_credentials&client_id=a", [2]string{}, false, Request{}, "invalid_client"},
		{"other grant", form, "grant_type=authorization_code&code=x", [2]string{}, false, Request{}, "unsupported_grant_type"},
		{"no content type", "", "grant_type=client_credentials", [2]string{}, false, Request{}, "invalid_request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(http.MethodPost, "/token", strings.NewReader(tc.body))
			if tc.contentType != "" {
				r.Header.Set("Content-Type", tc.contentType)
			}
			if tc.basic[0] != "" {
				r.SetBasicAuth(tc.basic[0], tc.basic[1])
			}
			got, err := Parse(r, tc.allowJSON)
			if tc.code != "" {
				require.NotNil(t, err)
				assert.Equal(t, tc.code, err.Code)
				return
			}
			require.Nil(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestSecretEqual(t *testing.T) {
	t.Parallel()
	assert.True(t, SecretEqual("abc", "abc"))
	assert.False(t, SecretEqual("abc", "abd"))
	assert.False(t, SecretEqual("", ""), "an empty secret never matches")
	assert.NotEqual(t, NewToken("x-"), NewToken("x-"))
	assert.Len(t, NewToken("x-"), 42)
}
