package engine

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/clientconf/clientconf/conformance/pipeline"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// openPipeline builds the run's one pipeline and puts every request path on it: the engine's
// own exchanges (e.http) and the token sources' requests.
func (e *env) openPipeline(transcript io.WriteCloser) error {
	e.transcript = transcript
	transport := pipeline.Config{}.Transport
	if e.target.Client != nil {
		transport = e.target.Client.Transport // the in-process reference, a test's fake
	}
	var w io.Writer
	if transcript != nil {
		w = transcript
	}
	p, err := pipeline.New(pipeline.Config{
		Base: commonOrigin(e.target.BaseURLs), RPS: e.target.RPS, AttemptTimeout: e.target.timeout(),
		MaxBody: scenario.MaxBody, Transcript: w, TranscriptBody: true, Redactor: e.redactor,
		Roles: roles{e}, Transport: transport,
	})
	if err != nil {
		return fmt.Errorf("the request pipeline: %w", err)
	}
	e.pipe, e.http = p, p.Client()
	for _, src := range e.target.TokenSources {
		onPipeline(src, e.http)
	}
	return nil
}

// commonOrigin is the scheme and host every surface of the target shares: the only place the
// pipeline sends tokens to. Surfaces on different hosts give "" (any host): the engine only
// ever sends role requests to the target's base URLs.
func commonOrigin(bases map[string]string) string {
	origin := ""
	for _, b := range bases {
		u, err := url.Parse(b)
		if err != nil || u.Host == "" {
			return ""
		}
		o := strings.ToLower(u.Scheme + "://" + u.Host)
		if origin != "" && o != origin {
			return ""
		}
		origin = o
	}
	return origin
}

// closeTranscript closes the transcript file, if any.
func (e *env) closeTranscript() error {
	if e.transcript == nil {
		return nil
	}
	return e.transcript.Close()
}
