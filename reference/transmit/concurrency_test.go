package transmit

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestConcurrentUse runs mixed traffic on both surfaces at once (meaningful under -race) and
// checks that a name race has exactly one winner.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	const workers, rounds = 8, 25
	var wg sync.WaitGroup
	statuses := make(chan int, workers*rounds*6)
	wins := make(chan int, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wins <- s.status("main", "POST", "/v1/clients", oidcBody("contested"))
			for i := range rounds {
				r := s.do("main", "POST", "/v1/clients", oidcBody(fmt.Sprintf("w%d-%d", w, i)))
				statuses <- r.status
				id, _ := r.obj()["client_id"].(string)
				statuses <- s.status("main", "PUT", "/v1/clients/"+id, map[string]any{"description": "x"})
				statuses <- s.status("readonly", "GET", "/v1/clients", nil)
				statuses <- s.status("admin", "GET", "/v1/applications/app-main/clients/"+id, nil)
				statuses <- s.status("main", "POST", "/v1/applications/signing-keys", map[string]any{"name": fmt.Sprintf("k%d-%d", w, i)})
				statuses <- s.status("main", "DELETE", "/v1/clients/"+id, nil)
			}
		}()
	}
	wg.Wait()
	close(statuses)
	close(wins)
	for st := range statuses {
		assert.Contains(t, []int{http.StatusOK, http.StatusCreated, http.StatusNoContent}, st)
	}
	created := 0
	for st := range wins {
		if st == http.StatusCreated {
			created++
		} else {
			assert.Equal(t, http.StatusConflict, st)
		}
	}
	assert.Equal(t, 1, created, "exactly one of the racing creates wins the name")
}
