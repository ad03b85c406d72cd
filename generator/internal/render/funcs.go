package render

import (
	"errors"
	"fmt"
	"html/template"

	"github.com/countyperf/portal/generator/internal/site"
)

// funcs returns the functions templates may call.
func funcs(r *Renderer) template.FuncMap {
	return template.FuncMap{
		// dict builds a map from alternating keys and values, to pass
		// several values to a partial.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		// markdown renders a report body.
		"markdown": r.Markdown,
		// chartJSON marks chart options as safe inside a
		// <script type="application/json"> block: they come from
		// json.Marshal, which escapes <, > and &.
		"chartJSON": func(b []byte) template.JS { return template.JS(b) },
		// rank formats a rank as 第2名/共5名, or — when there is none.
		"rank": func(k site.Rank) string {
			if k.Of == 0 {
				return "—"
			}
			return fmt.Sprintf("第%d名/共%d名", k.Place, k.Of)
		},
	}
}
