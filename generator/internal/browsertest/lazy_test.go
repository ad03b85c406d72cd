package browsertest

import (
	"fmt"
	"time"
)

// showCharts scrolls each chart of the page into view in turn, as a reader
// does, since charts are drawn only when they come near the screen, and
// waits for each to draw or fail.
func (tb *tab) showCharts() {
	tb.t.Helper()
	n := eval[int](tb, `document.querySelectorAll('.chart[data-chart-src]').length`)
	for i := 0; i < n; i++ {
		sel := fmt.Sprintf(`document.querySelectorAll('.chart[data-chart-src]')[%d]`, i)
		eval[bool](tb, `(() => { `+sel+`.scrollIntoView({block: 'center'}); return true; })()`)
		tb.waitFor(`(el => el.getAttribute('data-rendered') === '1' || el.classList.contains('chart-failed'))(`+sel+`)`, 5*time.Second)
	}
	eval[bool](tb, `(() => { window.scrollTo(0, 0); return true; })()`)
}
