// Package echartsbuild makes the site's own ECharts bundle from the npm
// package's sources with esbuild: only the charts and components the site
// uses, which is about a quarter smaller than the full echarts.min.js.
package echartsbuild

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Entry is the bundle's entry module: what the site's charts need, set as
// the global echarts that assets/site.js uses.
const Entry = `import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { TitleComponent, TooltipComponent, GridComponent, LegendComponent, AriaComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
echarts.use([BarChart, LineChart, TitleComponent, TooltipComponent, GridComponent, LegendComponent, AriaComponent, CanvasRenderer]);
window.echarts = echarts;
`

// Build bundles ECharts from nodeModules (a node_modules folder holding the
// echarts package) and returns the minified script.
func Build(nodeModules string) ([]byte, error) {
	if _, err := os.Stat(filepath.Join(nodeModules, "echarts", "package.json")); err != nil {
		return nil, fmt.Errorf("no echarts package in %s (npm install echarts@6.1.0): %w", nodeModules, err)
	}
	res := api.Build(api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents:   Entry,
			ResolveDir: filepath.Dir(nodeModules),
			Sourcefile: "echarts-entry.js",
		},
		NodePaths:         []string{nodeModules},
		Bundle:            true,
		Format:            api.FormatIIFE,
		Target:            api.ES2017,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsEndOfFile,
		Define:            map[string]string{"__DEV__": "false", "process.env.NODE_ENV": `"production"`},
		Write:             false,
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range res.Errors {
			msgs = append(msgs, m.Text)
		}
		return nil, errors.New("esbuild: " + strings.Join(msgs, "; "))
	}
	if len(res.OutputFiles) != 1 {
		return nil, fmt.Errorf("esbuild: %d output files, want 1", len(res.OutputFiles))
	}
	return res.OutputFiles[0].Contents, nil
}
