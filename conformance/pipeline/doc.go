// Package pipeline is the one road every request of a run takes to the target: scenario steps,
// cleanup deletes, preflight checks, token requests and the sweep. It is an http.RoundTripper
// chain, outermost first:
//
//	front     makes the body re-readable, learns secrets from answers, writes one redacted
//	          transcript line per exchange (docs/results-format.md §2)
//	auth      sets "Authorization: Bearer …" from the exchange's role (fixed token or source),
//	          only towards Config.Base's host; refreshes a fetched token once on 401
//	retry     connection errors on idempotent requests; 429 (any method) and 503 (idempotent)
//	          after Retry-After, capped, within a run-wide budget; never a timeout
//	pacing    CONFORMANCE_RPS token bucket, then the target's x-ratelimit-* headers (Auth0),
//	          so a run slows down before it is answered 429
//	attempt   per-attempt timeout over headers and body; body read up to MaxBody
//
// # Wiring (for the engine)
//
// Build one Pipeline per run and send everything through p.Client():
//
//	p, err := pipeline.New(pipeline.Config{
//		Base: baseURL, RPS: target.RPS, AttemptTimeout: target.Timeout,
//		Transcript: file, TranscriptBody: true, Redactor: redactor,
//		Roles: engineRoles, // Credential(role) from target.Tokens / TokenSources / scoped sources
//		Transport: target.Client.Transport, // in-process reference, tests; nil: the network
//	})
//	for _, src := range target.TokenSources { src.(*tokens.ClientCredentials).HTTPClient = p.Client() }
//
// Each request says what it is in its context; the auth layer reads the role from it:
//
//	ctx = pipeline.WithExchange(ctx, pipeline.Exchange{Purpose: pipeline.PurposeScenario,
//		Scenario: sc.ID, Role: string(role), Operation: op.ID, PathTemplate: op.Path})
//	resp, err := client.Do(req.WithContext(ctx))
//	res, _ := pipeline.ResultOf(resp) // Body, Truncated, Retries (flaky when non-empty), Elapsed
//
// Cleanup uses PurposeCleanup, the reachability check PurposePreflight; tokens.ClientCredentials
// tags its own requests PurposeToken. A failed exchange's error is a *pipeline.Error (its
// Retries), wrapping a *TimeoutError when the attempt ran out of time, or a *NoCredentialError
// when the role is not configured. Stats() feeds the progress line (issue 10 item 6); its
// NoAnswerStreak replaces the engine's failStreak. The engine keeps what is about checking:
// status 429 after the retries is a suite error, Truncated fails transport/body-size.
package pipeline
