package ratelimited

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestBurstThen429(t *testing.T) {
	h := New(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}), 1, 3)
	var codes []int
	var last http.Header
	for range 4 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		codes = append(codes, rec.Code)
		last = rec.Header()
	}
	assert.Equal(t, []int{200, 200, 200, 429}, codes)
	assert.Equal(t, "3", last.Get("X-Ratelimit-Limit"))
	assert.Equal(t, "0", last.Get("X-Ratelimit-Remaining"))
	assert.Equal(t, "1", last.Get("Retry-After"))
	reset, err := strconv.ParseInt(last.Get("X-Ratelimit-Reset"), 10, 64)
	assert.NoError(t, err)
	assert.InDelta(t, time.Now().Add(3*time.Second).Unix(), reset, 1.5, "Unix second when the bucket is full")
	assert.EqualValues(t, 3, h.Served())
	assert.EqualValues(t, 1, h.Limited())
}
