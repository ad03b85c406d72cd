package build

import (
	"context"
	"sync"

	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// evidenceQueue hands each report's evidence, read from its file when
// the report's page is made, to the writer of reports.json, which takes
// them in the order of the site's reports: each file is then read once
// for both. Report pages are made in that same order, so the queue holds
// only the few reports made ahead of the writer. For a report whose page
// is not made (kept from the last build), the job reads the evidence
// alone (fetch); one that offers nothing is read by the writer.
type evidenceQueue struct {
	// read reads a report's evidence from its file.
	read func(*report.Report) (map[string]string, error)
	// pos is each report's place in the site's reports.
	pos map[*report.Report]int

	mu   sync.Mutex
	cond sync.Cond
	// next is the place of the report the writer takes next; ready
	// counts the slots from next on that are filled, one after another.
	next, ready int
	slots       map[int]map[string]string
	// done is set when no more evidence will come: the writer reads the
	// rest itself; err, when the build stops.
	done bool
	err  error
}

func newEvidenceQueue(s *site.Site, read func(*report.Report) (map[string]string, error)) *evidenceQueue {
	q := &evidenceQueue{read: read, pos: make(map[*report.Report]int, len(s.Reports)), slots: map[int]map[string]string{}}
	q.cond.L = &q.mu
	for i, r := range s.Reports {
		q.pos[r.Report] = i
	}
	return q
}

// put offers the evidence of rep, as read for its page.
func (q *evidenceQueue) put(rep *report.Report, ev map[string]string) {
	i, ok := q.pos[rep]
	if !ok {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if _, dup := q.slots[i]; dup || i < q.next {
		return
	}
	q.slots[i] = ev
	// The writer is woken once a batch of reports is ready for it, not
	// for each one: waking it for every report cost a switch of
	// goroutines per page. finish and stop wake it for the rest.
	if i == q.next+q.ready {
		for q.ready++; ; q.ready++ {
			if _, ok := q.slots[q.next+q.ready]; !ok {
				break
			}
		}
		if q.ready >= evidenceBatch {
			q.cond.Broadcast()
		}
	}
}

// evidenceBatch is how many reports' evidence, in a row, wake the writer
// of reports.json.
const evidenceBatch = 64

// fetch reads the evidence of rep, whose page is not made, and offers
// it, so that a job can do the reading in parallel rather than the
// writer, in turn.
func (q *evidenceQueue) fetch(rep *report.Report) error {
	ev, err := q.read(rep)
	if err != nil {
		return err
	}
	q.put(rep, ev)
	return nil
}

// finish says that no more evidence will come: the writer reads what it
// still lacks itself.
func (q *evidenceQueue) finish() {
	q.mu.Lock()
	q.done = true
	q.cond.Broadcast()
	q.mu.Unlock()
}

// stop wakes the writer with err: the build has stopped.
func (q *evidenceQueue) stop(err error) {
	q.mu.Lock()
	if q.err == nil {
		q.err = err
	}
	q.cond.Broadcast()
	q.mu.Unlock()
}

// watch stops the queue when ctx is done, until the returned function is
// called.
func (q *evidenceQueue) watch(ctx context.Context) (release func()) {
	stop := context.AfterFunc(ctx, func() { q.stop(context.Cause(ctx)) })
	return func() { stop() }
}

// take returns the evidence of s.Reports[i], r, waiting for its page to
// be made; the writer takes the reports in order.
func (q *evidenceQueue) take(i int, r *site.Report) (map[string]string, error) {
	q.mu.Lock()
	for {
		if q.err != nil {
			err := q.err
			q.mu.Unlock()
			return nil, err
		}
		if ev, ok := q.slots[i]; ok || q.done {
			delete(q.slots, i)
			q.next = i + 1
			if q.ready > 0 {
				q.ready--
			}
			q.mu.Unlock()
			if ok {
				return ev, nil
			}
			return q.read(r.Report)
		}
		q.cond.Wait()
	}
}
