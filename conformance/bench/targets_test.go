package bench

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clientconf/clientconf/reference"
)

// Faulty targets. Each serves on loopback until the test ends and returns its root URL; the
// suite is pointed at root+"/cis".

// serve runs h until the test ends. Connection errors are the point of several targets, so
// the server's own error log is silenced. Request contexts end with the test, so handlers that
// wait on them return even when the client's close went unnoticed (a request body unread).
func serve(t *testing.T, h http.Handler) string {
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	ctx, cancel := context.WithCancel(context.Background())
	srv.Config.BaseContext = func(net.Listener) context.Context { return ctx }
	srv.Start()
	t.Cleanup(func() {
		cancel()
		srv.CloseClientConnections()
		srv.Close()
	})
	return srv.URL
}

// unreachableTarget is a loopback port nobody listens on.
func unreachableTarget(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

// hangTarget accepts connections and never reads or answers.
func hangTarget(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String()
}

// dripHandler sends the headers, then one byte of a JSON body every 200 ms, forever.
func dripHandler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	_ = rc.Flush()
	body := `[{"client_id":"drip","name":"drip"},`
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
		}
		if _, err := io.WriteString(w, body[i%len(body):i%len(body)+1]); err != nil || rc.Flush() != nil {
			return
		}
	}
}

// resetHandler aborts the connection with a TCP reset (linger 0) instead of answering.
func resetHandler(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err) // the server recovers and drops the connection: a reset of sorts as well
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}

// afterFirst answers the first request (the suite's reachability check) with an empty client
// list, and every later one with then: the target breaks only once scenarios run.
func afterFirst(then http.HandlerFunc) http.Handler {
	var n atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, "[]")
			return
		}
		then(w, r)
	})
}

// afterSetup hands the setup checks' requests to setup and every later one to then.
func afterSetup(setup, then http.Handler) http.Handler {
	var n atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= setupChecks {
			setup.ServeHTTP(w, r)
			return
		}
		then.ServeHTTP(w, r)
	})
}

// methodHangs passes requests to next, except those with method, which hang.
func methodHangs(method string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == method {
			hangHandler(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hangHandler holds the request open without answering until the client gives up.
func hangHandler(_ http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body) // so that the server notices the client closing
	<-r.Context().Done()
}

// slowHandler passes every request on to next after half a second.
func slowHandler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(500 * time.Millisecond):
			next.ServeHTTP(w, r)
		case <-r.Context().Done():
		}
	})
}

// status500Handler answers 500 to everything, with a debug body that echoes the caller's
// Authorization header and a client secret: the suite must mask both.
func status500Handler(secret string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"error_code":500,"message":"internal error","debug":{"authorization":%q,"client_secret":%q}}`,
			r.Header.Get("Authorization"), secret)
	}
}

// rateLimitHandler answers 429 with Retry-After: 1 to the first n requests (every request
// when n < 0), then passes them on to next.
func rateLimitHandler(n int64, next http.Handler) http.Handler {
	var seen atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n < 0 || seen.Add(1) <= n {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"error_code":429,"message":"too many requests"}`)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// referenceHandler is the conforming reference server, for targets that behave after a while.
func referenceHandler(t *testing.T, faults ...string) http.Handler {
	h, err := reference.New(reference.Options{Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// invalidJSONHandler claims JSON and sends a truncated object holding a client secret.
func invalidJSONHandler(secret string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"client_id":"bench-client","client_secret":%q,"name":"bench`, secret)
	}
}

// bigBodySize is what bigBodyHandler sends: far above the suite's 8 MiB cap.
const bigBodySize = 50 << 20

// bigBodies is how many answers are 50 MB: the reachability check and the first few scenario
// requests. Reading 8 MiB per scenario would make the case cost the machine's load in seconds
// (a busy machine once ran it past its bound); a few prove the cap and the redaction as well.
const bigBodies = 4

// setupChecks is how many requests the suite sends before any scenario on the clients
// surface, with the bench's tokens: the list as each of the 6 reference roles (main,
// readonly, noperm, other, admin, appscoped) and the create probe; with the 5 fakeTokens, the
// list as each and the create probe, plus a create probe as noperm when its list answers 2xx.
const setupChecks = 7

// bigBodyHandler answers a 50 MB JSON array of clients (each holding a client secret) to the
// first bigBodies requests after the setup checks, and an empty JSON object to the others (an undocumented answer to
// most requests: non-conformance, cheaply).
func bigBodyHandler(secret string) http.HandlerFunc {
	item := fmt.Sprintf(`{"client_id":"bench-big","client_secret":%q,"name":"%s"},`, secret, strings.Repeat("x", 900))
	chunk := []byte(strings.Repeat(item, (64<<10)/len(item)))
	var served atomic.Int64
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if n := served.Add(1); n <= setupChecks || n > setupChecks+bigBodies {
			_, _ = io.WriteString(w, "{}")
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(bigBodySize))
		written, err := io.WriteString(w, "[")
		for err == nil && written+len(chunk)+3 <= bigBodySize {
			var n int
			n, err = w.Write(chunk)
			written += n
		}
		if err != nil {
			return // the suite stopped reading at its cap
		}
		// The chunks end with a comma: close the array with an empty object, padded to size.
		_, _ = io.WriteString(w, "{}"+strings.Repeat(" ", bigBodySize-written-3)+"]")
	}
}

// redirectTarget answers 302 to another host (localhost instead of 127.0.0.1, another port),
// which counts the requests it gets and the Authorization headers among them.
func redirectTarget(t *testing.T) (root string, elsewhere *redirectSink) {
	elsewhere = &redirectSink{}
	other := serve(t, elsewhere)
	other = strings.Replace(other, "127.0.0.1", "localhost", 1)
	root = serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other+r.URL.RequestURI(), http.StatusFound)
	}))
	return root, elsewhere
}

// redirectSink records what reaches the host a redirect points to.
type redirectSink struct{ requests, authorized atomic.Int64 }

func (s *redirectSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if r.Header.Get("Authorization") != "" {
		s.authorized.Add(1)
	}
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, "[]")
}

// htmlHandler answers an HTML page (a login or error page) to everything, echoing the
// Authorization header the way debug pages do.
func htmlHandler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><html><body><h1>Sign in</h1><p>request: %s %s</p><p>authorization: %s</p></body></html>",
		r.Method, r.URL.Path, r.Header.Get("Authorization"))
}
