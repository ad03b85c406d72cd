package build

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// queueSite returns a site of n reports and a queue over it whose reads
// are counted.
func queueSite(n int) (*site.Site, *evidenceQueue, *int) {
	s := &site.Site{}
	for i := range n {
		s.Reports = append(s.Reports, &site.Report{Report: &report.Report{File: fmt.Sprintf("content/%d.md", i)}})
	}
	reads := new(int)
	var mu sync.Mutex
	q := newEvidenceQueue(s, func(r *report.Report) (map[string]string, error) {
		mu.Lock()
		*reads++
		mu.Unlock()
		return map[string]string{"read": r.File}, nil
	})
	return s, q, reads
}

// The writer gets each report's evidence as its page offered it, in
// order, whatever order the pages came in; pages not made are read.
func TestEvidenceQueueOrder(t *testing.T) {
	s, q, reads := queueSite(6)
	got := make(chan string, len(s.Reports))
	done := make(chan error)
	go func() {
		for i, r := range s.Reports {
			ev, err := q.take(i, r)
			if err != nil {
				done <- err
				return
			}
			got <- fmt.Sprint(ev)
		}
		done <- nil
	}()
	// Pages finish out of order; report 3's page is kept.
	for _, i := range []int{1, 0, 3, 2, 5, 4} {
		r := s.Reports[i].Report
		if i == 3 {
			if err := q.fetch(r); err != nil {
				t.Fatal(err)
			}
			continue
		}
		q.put(r, map[string]string{"page": r.File})
		q.put(r, map[string]string{"again": r.File}) // a second offer is ignored
	}
	q.put(&report.Report{File: "content/other.md"}, map[string]string{}) // not a report of the site
	// Fewer reports than a batch wait for the end of the pages.
	q.finish()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	close(got)
	i := 0
	for ev := range got {
		want := fmt.Sprint(map[string]string{"page": s.Reports[i].File})
		if i == 3 {
			want = fmt.Sprint(map[string]string{"read": s.Reports[i].File})
		}
		if ev != want {
			t.Errorf("report %d: got %s, want %s", i, ev, want)
		}
		i++
	}
	if *reads != 1 {
		t.Errorf("%d files read, want 1 (the kept page's)", *reads)
	}
	if len(q.slots) != 0 {
		t.Errorf("%d slots left in the queue", len(q.slots))
	}
	// An offer for a report already taken is not held.
	q.put(s.Reports[0].Report, map[string]string{})
	if len(q.slots) != 0 {
		t.Error("the queue holds evidence of a report already taken")
	}
}

// A writer waiting for evidence is woken once a batch of reports in a
// row is ready, before the pages are done, wherever the batch's last
// report came in.
func TestEvidenceQueueWakesByBatch(t *testing.T) {
	s, q, reads := queueSite(2*evidenceBatch + 3)
	took := make(chan int, len(s.Reports))
	errc := make(chan error, 1)
	go func() {
		for i, r := range s.Reports {
			if _, err := q.take(i, r); err != nil {
				errc <- err
				return
			}
			took <- i
		}
		errc <- nil
	}()
	time.Sleep(10 * time.Millisecond) // let it wait for report 0
	// Report 0 comes last of the first batch.
	for i := 1; i < evidenceBatch; i++ {
		q.put(s.Reports[i].Report, map[string]string{})
	}
	q.put(s.Reports[0].Report, map[string]string{})
	for want := range evidenceBatch {
		select {
		case i := <-took:
			if i != want {
				t.Fatalf("took report %d, want %d", i, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("the writer was not woken for a batch of %d reports (took %d)", evidenceBatch, want)
		}
	}
	for i := evidenceBatch; i < len(s.Reports); i++ {
		q.put(s.Reports[i].Report, map[string]string{})
	}
	q.finish()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	if *reads != 0 {
		t.Errorf("%d files read, want none", *reads)
	}
}

// Once the pages are done, the writer reads what no page offered.
func TestEvidenceQueueFinish(t *testing.T) {
	s, q, reads := queueSite(3)
	q.put(s.Reports[0].Report, map[string]string{})
	q.finish()
	for i, r := range s.Reports {
		if _, err := q.take(i, r); err != nil {
			t.Fatal(err)
		}
	}
	if *reads != 2 {
		t.Errorf("%d files read, want 2", *reads)
	}
}

// A build that stops wakes a writer waiting for evidence with the error,
// whether a job failed or the build was cancelled.
func TestEvidenceQueueStop(t *testing.T) {
	s, q, _ := queueSite(2)
	boom := errors.New("content/1.md:2:1: broken")
	errc := make(chan error)
	go func() {
		_, err := q.take(0, s.Reports[0])
		errc <- err
	}()
	time.Sleep(10 * time.Millisecond) // let it wait
	q.stop(boom)
	if err := <-errc; err != boom {
		t.Errorf("got %v, want the job's error", err)
	}

	s, q, _ = queueSite(2)
	ctx, cancel := context.WithCancel(context.Background())
	release := q.watch(ctx)
	defer release()
	go func() {
		_, err := q.take(0, s.Reports[0])
		errc <- err
	}()
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}
