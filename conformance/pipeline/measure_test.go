package pipeline

import (
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/clientconf/clientconf/conformance/pipeline/ratelimited"
)

// TestMeasurePacing prints how close the header-driven pacing comes to each target's allowed
// rate, over long runs; it asserts nothing and is skipped unless PIPELINE_MEASURE=1 (about 80 s):
// PIPELINE_MEASURE=1 go test -run MeasurePacing -v ./conformance/pipeline/
func TestMeasurePacing(t *testing.T) {
	if os.Getenv("PIPELINE_MEASURE") == "" {
		t.Skip("set PIPELINE_MEASURE=1 to measure pacing over long runs")
	}
	for _, c := range []struct {
		n       int
		rps     float64
		burst   int
		workers int
	}{{300, 10, 20, 8}, {600, 50, 20, 8}, {200, 5, 10, 16}} {
		target := ratelimited.New(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}), c.rps, c.burst)
		srv := httptest.NewServer(target)
		p, _ := New(Config{Base: srv.URL})
		start := time.Now()
		jobs := make(chan int)
		var wg sync.WaitGroup
		for range c.workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range jobs {
					send(t, p, Exchange{}, http.MethodGet, srv.URL+"/api/x", "", "")
				}
			}()
		}
		for i := range c.n {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		wall := time.Since(start)
		t.Logf("n=%d rate=%g burst=%d workers=%d: wall %.2fs, ideal %.2fs, n/rate %.1fs, ratio to n/rate %.2f, 429s %d",
			c.n, c.rps, c.burst, c.workers, wall.Seconds(), float64(c.n-c.burst)/c.rps, float64(c.n)/c.rps, wall.Seconds()/(float64(c.n)/c.rps), target.Limited())
		srv.Close()
	}
}
