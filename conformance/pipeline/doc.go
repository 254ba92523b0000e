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
//		Transport: transport, // target.Client's, for the in-process reference and tests; nil: the network
//	})
//	for _, src := range target.TokenSources { src.(*tokens.ClientCredentials).HTTPClient = p.Client() }
//
// (and the same for the sources ScopedTokens mints; config.go's tokenClient is then unused).
// Roles is the engine's own resolver: fixed tokens, TokenSources and minted scoped roles, with
// NoToken as the zero Credential; BadToken stays a header the scenario sets (never overridden).
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
// Retries), wrapping a *TimeoutError when the attempt ran out of time, a *BodyError when the
// headers came but the body could not be read whole, a *TokenError when the role's token source
// failed, or a *NoCredentialError when the role is not configured. Stats() feeds the progress line (issue 10 item 6); its
// NoAnswerStreak (attempts, not exchanges, in a row without a response) can replace the engine's
// failStreak. The engine keeps what is about checking: a 429 after the retries is a suite
// error, Truncated fails transport/body-size, non-empty Retries mark the scenario flaky. The
// pipeline already learns the secrets in every answer (Redactor.Learn) and masks what it writes.
//
// The rate-limited target in pipeline/ratelimited (Auth0-style headers, 429 + Retry-After) is
// for tests, e.g. a rate-limited case of the faulty-target bench.
package pipeline
