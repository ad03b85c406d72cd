/*
 * site.js - progressive enhancement for the budget-performance report portal.
 *
 * Plain ES2017, no dependencies except the global `echarts`, which this file
 * loads from beside itself when the first chart of a page nears the screen
 * (pages load only this file, with `defer`). CSP-safe: no eval, no new
 * Function, no inline handlers, no network requests but that script. Every
 * feature is optional: without this file the pages still show all data as
 * HTML tables.
 *
 * Markup contracts:
 *
 * Charts
 *   <div class="chart" id="chart-3" data-chart-src="chart-3-data" role="img" aria-label="..."></div>
 *   <script type="application/json" id="chart-3-data">{ ...ECharts option... }</script>
 *   -> rendered: data-rendered="1"; failure: class "chart-failed".
 *
 * Sortable tables
 *   <table class="sortable"> ... <th scope="col" data-sort="text|num"><button type="button">...</button></th>
 *   Body cells may carry data-value; an empty data-value (or an empty / non-numeric
 *   cell in a "num" column) means "not disclosed" and always sorts last.
 *   Optional: data-sort-first="descending" on a th makes the first click sort descending.
 *
 * Table filter
 *   <form class="table-filter" data-table="TABLE-ID"> with <select name="X"> (matched
 *   against data-X on each tbody row, "" = all), <input type="search" name="q">
 *   (matched against data-search) and <output class="filter-count">.
 *   State is read from / written to the URL query string. An optional
 *   <a class="filter-more" data-base="URL" hidden> is shown while words are
 *   typed, linking to URL?q=WORDS.
 *
 * List filter
 *   <form class="table-filter" data-list="ID"> with <input type="search" name="q">
 *   and <output class="filter-count">: the <li data-search> under #ID whose text,
 *   data-search and their <ul>'s data-search lack a word typed are hidden, and
 *   each <ul> (with the heading before it) left empty. q is in the URL.
 *
 * Pager
 *   <nav class="pager"> with <p class="pager-pages"> (a link a page number, the
 *   last page's among them) and <form class="pager-jump" hidden> with
 *   <input name="page">: the form is shown, and opens the page typed.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- helpers

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(function () {
        timer = null;
        fn();
      }, wait);
    };
  }

  function toArray(list) {
    return Array.prototype.slice.call(list || []);
  }

  // Run each feature in isolation so one failure cannot break the others.
  function safely(fn) {
    try {
      fn();
    } catch (err) {
      if (window.console && console.error) console.error(err);
    }
  }

  // Normalise text for searching: full-width ASCII -> half-width, lower case.
  function fold(s) {
    s = String(s == null ? '' : s);
    if (s.normalize) s = s.normalize('NFKC');
    return s.toLowerCase();
  }

  // words returns the words typed into a search box, folded; none
  // without a box.
  function words(input) {
    return input ? fold(input.value).split(/\s+/).filter(Boolean) : [];
  }

  // holdsAll reports whether hay, folded, holds every one of words: what
  // each filter of the site finds a row, a county or an option by.
  function holdsAll(hay, terms) {
    return terms.every(function (t) { return hay.indexOf(t) !== -1; });
  }

  // ----------------------------------------------------------------- charts

  var FONT_STACK = '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", ' +
    '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';

  var charts = [];

  function resizeCharts() {
    charts.forEach(function (chart) {
      if (chart.isDisposed()) return;
      chart.resize();
      spaceValueLabels(chart);
    });
  }

  // spaceValueLabels labels every line across a chart's plot: those of a
  // value axis along its bottom (a bar chart's beside names). ECharts
  // divides such an axis in about five steps however narrow the plot,
  // and leaves out each label that would overlap the one before
  // (hideOverlap): on a phone, where a plot is 130-200px wide, six lines
  // from 0 to 150,000 kept the labels 30,000 and 90,000 alone, and the
  // lines between read as whatever a reader guessed. Where a label is
  // wider than its step (less LABEL_GAP), it asks for fewer, wider steps
  // (splitNumber) until each fits; an axis whose labels fit, such as 0 to
  // 5,000 on a phone, keeps its lines. ECharts rounds the step to a round
  // number, which can make one more step, so it tries again, at most
  // three times. hideOverlap stays for what still does not fit. It reads
  // the axis as ECharts laid it out (getModel, getViewLabels: ECharts 5's
  // own methods), and leaves the chart as it is if they are not there.
  function spaceValueLabels(chart) {
    for (var tries = 0; tries < 3; tries++) {
      var update = [], changed = false;
      try {
        var model = chart.getModel();
        var axes = [].concat((chart.getOption() || {}).xAxis || []);
        axes.forEach(function (a, i) {
          update.push({});
          var m = model.getComponent('xAxis', i), axis = m && m.axis;
          if (!axis || axis.type !== 'value' || (a && a.interval != null)) return;
          var labels = axis.getViewLabels(), extent = axis.getExtent();
          var length = Math.abs(extent[1] - extent[0]);
          if (labels.length < 2 || !(length > 0)) return;
          var font = m.getModel('axisLabel').getFont(), widest = 0;
          labels.forEach(function (l) { widest = Math.max(widest, textWidthIn(String(l.formattedLabel), font)); });
          var need = widest + LABEL_GAP;
          if (need <= length / (labels.length - 1)) return;
          var splits = Math.min(Math.floor(length / need), labels.length - 2, (m.get('splitNumber') || 5) - 1);
          if (splits < 1) return;
          update[i] = { splitNumber: splits };
          changed = true;
        });
      } catch (err) {
        return;
      }
      if (!changed) return;
      chart.setOption({ xAxis: update });
    }
  }
  var LABEL_GAP = 4; // px between two labels of a value axis, at least

  // readOption parses the ECharts option in the JSON block with the id and
  // adapts it to the page.
  function readOption(id) {
    var src = document.getElementById(id);
    if (!src) throw new Error('chart data element not found: ' + id);
    var option = JSON.parse(src.textContent);
    if (!option || typeof option !== 'object' || Array.isArray(option)) {
      throw new Error('chart option is not an object');
    }
    return prepare(option);
  }

  function prepare(option) {
    // Use the page's font stack unless the option sets its own.
    option.textStyle = Object.assign({ fontFamily: FONT_STACK }, option.textStyle);
    // ECharts' default HTML tooltips use inline style="" attributes, which a
    // CSP without style-src 'unsafe-inline' blocks (markers vanish, columns run
    // together). Draw tooltips on the canvas instead unless the option opts out
    // with an explicit "renderMode": "html".
    [].concat(option.tooltip || []).forEach(function (tip) {
      if (tip && typeof tip === 'object' && !tip.renderMode) tip.renderMode = 'richText';
    });
    // The values a report does not give, which its file's writer computed
    // (listed by the generator under "derived": for each series, the
    // places of such values), are marked （推算） in the tooltip, as their
    // cells in the chart's table are. ECharts has no use for the key.
    // Their bars are pale with a dashed edge and their points on a line
    // are hollow diamonds (see markDerived), which a key under the chart
    // explains.
    var derived = option.derived;
    delete option.derived;
    if (Array.isArray(derived)) {
      [].concat(option.series || []).forEach(function (series, k) {
        var places = derived[k];
        if (!series || typeof series !== 'object' || !Array.isArray(places) || !places.length) return;
        markDerived(option, series, k, places);
        series.tooltip = Object.assign({}, series.tooltip, {
          valueFormatter: function (value, i) {
            if (typeof value !== 'number') return value == null ? '-' : String(value);
            var text = window.echarts && echarts.format ? echarts.format.addCommas(value) : String(value);
            return places.indexOf(i) !== -1 ? text + '（推算）' : text;
          }
        });
      });
    }
    // Narrow screens: drop axis labels that would overlap (unless set
    // explicitly). A value axis along the bottom first takes fewer steps
    // once drawn (spaceValueLabels), so that what is dropped is rare.
    [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
      if (!axis || typeof axis !== 'object') return;
      var label = axis.axisLabel = Object.assign({}, axis.axisLabel);
      if (label.hideOverlap === undefined) label.hideOverlap = true;
    });
    return option;
  }

  // DERIVED_SYMBOL is the symbol of a value the report does not give on
  // a line. Such a bar is pale with a dashed edge of its series' colour:
  // not hatched, since the patterns that tell a chart's series apart
  // without colour (aria.decal) are hatches and dots already.
  var DERIVED_SYMBOL = 'emptyDiamond';

  // markDerived draws the values at the places given in series, the k-th
  // of the option's, as derived.
  function markDerived(option, series, k, places) {
    var data = series.data;
    if (!Array.isArray(data)) return;
    var palette = [].concat(option.color || []);
    var colour = typeof series.color === 'string' ? series.color : palette.length ? palette[k % palette.length] : null;
    places.forEach(function (i) {
      if (typeof i !== 'number' || i < 0 || i >= data.length) return;
      var item = data[i] !== null && typeof data[i] === 'object' && !Array.isArray(data[i]) ? data[i] : { value: data[i] };
      if (series.type === 'line') {
        item.symbol = DERIVED_SYMBOL;
        item.symbolSize = 10;
      } else {
        item.itemStyle = Object.assign({}, item.itemStyle, { borderType: 'dashed', borderWidth: 1.5 },
          colour && /^#[0-9a-f]{6}$/i.test(colour) ? { color: pale(colour), borderColor: colour } : { opacity: 0.5 });
      }
      data[i] = item;
    });
  }

  // pale returns the colour #rrggbb mixed with three parts of white to two.
  function pale(colour) {
    var out = '#';
    for (var i = 1; i < 7; i += 2) {
      var c = parseInt(colour.slice(i, i + 2), 16);
      c = Math.round(c + (255 - c) * 0.6);
      out += (c < 16 ? '0' : '') + c.toString(16);
    }
    return out;
  }

  // derivedKey returns what a chart drawn with the option says of the
  // derived values it marks (see markDerived), or '' when it marks none.
  function derivedKey(option) {
    var bars = false, points = false;
    [].concat(option.series || []).forEach(function (series) {
      if (!series || !Array.isArray(series.data)) return;
      series.data.forEach(function (item) {
        if (!item || typeof item !== 'object') return;
        if (item.symbol === DERIVED_SYMBOL) points = true;
        else if (item.itemStyle && item.itemStyle.borderType === 'dashed') bars = true;
      });
    });
    if (!bars && !points) return '';
    return (bars && points ? '浅色虚线框的柱和空心菱形的点' : bars ? '浅色虚线框的柱' : '空心菱形的点') +
      '是推算值：报告没有直接写出这个数字，是整理本站数据的人根据报告中的其他数字算出的。';
  }

  // showKey puts under a drawn chart the key to what it marks, or takes
  // the key away when the chart now marks nothing.
  function showKey(el, chart) {
    var text = derivedKey(chart.getOption() || {});
    var key = el.parentNode.querySelector('.chart-key');
    if (!text) {
      if (key) key.hidden = true;
      return;
    }
    if (!key) {
      key = document.createElement('p');
      key.className = 'chart-key note';
      el.parentNode.insertBefore(key, el.nextSibling);
    }
    key.textContent = text;
    key.hidden = false;
  }

  // textWidth measures text as a chart draws it, in CSS pixels, at the
  // size given in pixels.
  var measurer = null;
  function textWidth(text, size) {
    return textWidthIn(text, size + 'px ' + FONT_STACK, size);
  }

  // textWidthIn returns the width of text in the CSS font font; without a
  // canvas, a guess from size, or 12px.
  function textWidthIn(text, font, size) {
    if (!measurer) measurer = document.createElement('canvas').getContext('2d');
    if (!measurer) return text.length * (size || 12);
    measurer.font = font;
    return measurer.measureText(text).width;
  }

  // fitLegend makes room above the plot of a chart with its value axis
  // upright for a legend that wraps onto more lines in the chart's width,
  // so that the legend clears the axis's name (its unit, 份 or 万元)
  // drawn above the plot. The rows are counted as ECharts lays a legend
  // out: each item its symbol (25px), a gap of 5px and its name, items
  // 10px apart, within 5px of padding on either side.
  function fitLegend(option, width) {
    var legend = [].concat(option.legend || [])[0];
    var grid = [].concat(option.grid || [])[0];
    var upright = [].concat(option.yAxis || []).some(function (a) { return a && a.type === 'value' && a.name; });
    if (!legend || legend.show === false || !grid || !upright || !(width > 0)) return option;
    var size = (legend.textStyle && legend.textStyle.fontSize) || 12;
    var rows = 1, x = 0, room = width - 10;
    (legend.data || (option.series || []).map(function (s) { return s && s.name; })).forEach(function (name) {
      if (!name) return;
      var w = 25 + 5 + textWidth(String(name), size);
      if (x > 0 && x + w > room) { rows++; x = 0; }
      x += w + 10;
    });
    if (rows > 1) {
      // 24px a row more, and 8px between the last row and the axis's
      // name, which would otherwise read as the end of the name above
      // it (给出自评得分的 / 份).
      var top = parseFloat(grid.top) || 0;
      grid.top = top + (rows - 1) * 24 + 8;
    }
    return option;
  }

  // fitNames gives the names beside horizontal bars (a county with its
  // department can be thirty characters) at most about a third of the
  // chart's width, cut with an ellipsis: the bars keep the rest. (Of the
  // chart's, not the screen's: on a wide screen a chart shares the width
  // with its table, and a third of the screen left its bars a sixth of
  // the chart.) Nor more than 240px, which holds a name of nineteen
  // characters on a line. The tooltip and the data table give each name
  // whole. A name of a report (县·部门) too long for that room is drawn on
  // two lines, the county above its department, since the department is
  // what tells two bars of a county apart; a line still too long is cut.
  // On a phone the two lines are a point smaller, so that a department of
  // ten characters (人力资源和社会保障局) fits. An axis whose option sets a
  // width or a formatter of its own keeps it.
  function fitNames(option, width) {
    var screen = document.documentElement.clientWidth || 390;
    var most = Math.min(240, Math.max(72, Math.round((width > 0 ? width : screen) * 0.33)));
    [].concat(option.yAxis || []).forEach(function (axis) {
      if (!axis || typeof axis !== 'object' || axis.type !== 'category') return;
      var label = axis.axisLabel = Object.assign({}, axis.axisLabel);
      if (label.width !== undefined && !label.fitted) return;
      label.width = most;
      label.fitted = true;
      label.overflow = label.overflow || 'truncate';
      if ((!label.formatter || label.formatter.fitted) && (axis.data || []).some(function (c) { return String(c).indexOf('·') > 0; })) {
        var size = label.fontSize = label.fontSize || (screen < 560 ? 11 : 12);
        label.lineHeight = label.lineHeight || 13;
        // A line below the name (（未披露）, why a bar is missing) is
        // not measured, and stays below.
        label.formatter = function (name) {
          var i = name.indexOf('·'), nl = name.indexOf('\n');
          var first = nl < 0 ? name : name.slice(0, nl);
          if (i <= 0 || nl >= 0 && i > nl || textWidth(first, size) <= most) return name;
          return name.slice(0, i) + '\n' + name.slice(i + 1);
        };
        label.formatter.fitted = true;
      }
    });
    return option;
  }

  // Where this script lives: ECharts is loaded from beside it, so the site
  // works under any path and from file://.
  var ASSETS = (function () {
    var me = document.currentScript && document.currentScript.src;
    return me ? me.replace(/[^/]*$/, '') : 'assets/';
  })();
  var ECHARTS = 'vendor/echarts/echarts.custom.min.js';

  // optionSource maps a chart element to a function returning its current
  // option; without one, the option is read from its data-chart-src block.
  var optionSource = typeof WeakMap === 'function' ? new WeakMap() : null;

  function currentOption(el) {
    var f = optionSource && optionSource.get(el);
    var width = el.clientWidth;
    return labelBars(fitNames(fitLegend(legendOfDrawn(f ? f() : readOption(el.getAttribute('data-chart-src'))), width), width), width);
  }

  // labelBars writes each value at the end of its bar in a chart of one
  // series of bars beside names (a score, a figure per staff member, a
  // report's 三公经费): forty bars run over a phone's screen and more, and
  // the value axis, at the bottom, is out of sight of most of them. The
  // plot leaves room on its right for the longest value. Stacked bars
  // are left to their table: a segment's value is not the bar's.
  function labelBars(option, width) {
    var y = [].concat(option.yAxis || [])[0];
    var bars = (option.series || []).filter(function (s) { return s && s.type === 'bar'; });
    if (!y || y.type !== 'category' || bars.length !== 1 || bars[0].stack || bars[0].label) return option;
    var longest = 0;
    (bars[0].data || []).forEach(function (d) {
      var v = valueOf(d);
      if (typeof v === 'number') longest = Math.max(longest, textWidth(String(v), BAR_LABEL_SIZE));
    });
    if (!longest) return option;
    bars[0].label = {
      show: true, position: 'right', fontSize: BAR_LABEL_SIZE, color: '#333',
      formatter: function (p) { return typeof p.value === 'number' ? String(p.value) : ''; }
    };
    var grid = [].concat(option.grid || [])[0];
    if (grid) {
      var right = String(grid.right || '');
      var now = /%$/.test(right) ? parseFloat(right) / 100 * (width || 0) : parseFloat(right) || 0;
      grid.right = Math.ceil(Math.max(now, longest + 10));
    }
    return option;
  }
  var BAR_LABEL_SIZE = 11;

  // valueOf returns the value of an item of a series' data: the item
  // itself, or its value when it is an object ({value: 12.3}).
  function valueOf(d) {
    return d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d;
  }

  // drawn reports whether a series has a value to draw ("-" is none).
  function drawn(s) {
    return (s.data || []).some(function (d) {
      var v = valueOf(d);
      return v !== '-' && v !== null && v !== undefined;
    });
  }

  // legendOfDrawn lists in a legend only the series with something
  // drawn: a report's 支出构成 has a series for 人员经费 whether or not the
  // report gives it, and one for what its parts leave of the whole,
  // which is nothing when they add up; a key to bars that are not there
  // reads as if they were too small to see. The series keep their
  // places, and so their colours and patterns.
  function legendOfDrawn(option) {
    var legend = [].concat(option.legend || [])[0];
    if (!legend || legend.show === false || legend.data) return option;
    var names = (option.series || []).filter(function (s) { return s && s.name && drawn(s); })
      .map(function (s) { return String(s.name); });
    if (names.length === (option.series || []).length) return option;
    legend.data = names;
    return option;
  }

  // applyHeight gives a chart's box the height its data asks for: long
  // lists of bars need a taller box. The height comes as data, since the
  // CSP allows no inline style attributes.
  function applyHeight(el) {
    var height = parseInt(el.getAttribute('data-height'), 10);
    if (height > 0) el.style.height = height + 'px';
  }

  // redraw shows the chart's current option, if the chart is drawn yet.
  function redraw(el) {
    applyHeight(el);
    var chart = window.echarts && window.echarts.getInstanceByDom(el);
    if (!chart) return;
    chart.resize();
    chart.setOption(currentOption(el), true);
    spaceValueLabels(chart);
    showKey(el, chart);
  }

  var echartsState = 'none'; // none, loading, ready, failed
  var echartsWaiting = [];

  // withECharts runs fn once ECharts is loaded, loading it on first use.
  function withECharts(fn) {
    if (window.echarts && typeof window.echarts.init === 'function') { fn(); return; }
    if (echartsState === 'failed') { fn(); return; }
    echartsWaiting.push(fn);
    if (echartsState === 'loading') return;
    echartsState = 'loading';
    var script = document.createElement('script');
    script.src = ASSETS + ECHARTS;
    script.onload = function () { echartsState = 'ready'; flush(); };
    script.onerror = function () { echartsState = 'failed'; flush(); };
    document.head.appendChild(script);
    function flush() {
      var waiting = echartsWaiting;
      echartsWaiting = [];
      waiting.forEach(function (f) { safely(f); });
    }
  }

  function initChart(el) {
    if (el.getAttribute('data-rendered') === '1' || el.classList.contains('chart-failed')) return;
    var ec = window.echarts;
    var chart = null;
    try {
      if (!ec || typeof ec.init !== 'function') throw new Error('echarts not loaded');
      var option = currentOption(el);
      applyHeight(el);
      chart = ec.init(el, null, { renderer: 'canvas', locale: 'ZH' });
      chart.setOption(option);
      spaceValueLabels(chart);
      showKey(el, chart);
      charts.push(chart);
      if (chartObserver) chartObserver.observe(el);
      el.dataset.rendered = '1';
      addChartTools(el);
    } catch (err) {
      if (chart) {
        try { chart.dispose(); } catch (e) { /* ignore */ }
      }
      el.classList.add('chart-failed');
      var png = el.parentNode.querySelector('.chart-tools .chart-png');
      if (png) png.parentNode.removeChild(png);
      if (window.console && console.warn) console.warn('chart ' + (el.id || '') + ' not rendered:', err);
    }
  }

  var chartObserver = null; // resizes drawn charts when their box changes

  // initCharts draws each chart as it comes near the screen, loading
  // ECharts only then, so that a page shows its text at once; printing
  // draws them all. Each chart's box takes its height, and gets its tools,
  // at once: drawing it later moves nothing on the page, so a reader's tap
  // lands where they aimed.
  function initCharts() {
    var els = toArray(document.querySelectorAll('.chart[data-chart-src]'));
    if (!els.length) return;
    els.forEach(function (el) { applyHeight(el); addChartTools(el); });
    var onResize = debounce(resizeCharts, 150);
    window.addEventListener('resize', onResize);
    window.addEventListener('orientationchange', onResize);
    if (typeof ResizeObserver === 'function') chartObserver = new ResizeObserver(onResize);
    function draw(el) { withECharts(function () { initChart(el); }); }
    if (typeof IntersectionObserver === 'function') {
      var io = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          io.unobserve(entry.target);
          draw(entry.target);
        });
      }, { rootMargin: '200px 0px' });
      els.forEach(function (el) { io.observe(el); });
    } else {
      els.forEach(draw);
    }
    window.addEventListener('beforeprint', function () {
      els.forEach(function (el) { if (window.echarts) initChart(el); });
      resizeCharts();
    });
    window.addEventListener('afterprint', resizeCharts);
  }

  // ------------------------------------------------------- chart variants
  //
  // <figure class="chart-block" data-variants> holds a .variant-toggle with
  // buttons [data-src][data-variant]; each data-src names the JSON block of
  // one view, and the table with the matching [data-variant-table] is shown
  // with it.

  function initVariants() {
    toArray(document.querySelectorAll('.chart-block[data-variants]')).forEach(function (block) {
      var el = block.querySelector('.chart[data-chart-src]');
      var buttons = toArray(block.querySelectorAll('.variant-toggle button[data-src]'));
      buttons.forEach(function (button) {
        button.addEventListener('click', function () {
          if (el) {
            el.setAttribute('data-chart-src', button.getAttribute('data-src'));
            redraw(el);
          }
          var variant = button.getAttribute('data-variant');
          // The caption and the chart's label say the view shown: its
          // title and its summary, made from its own figures.
          var title = button.getAttribute('data-title'), summary = button.getAttribute('data-summary');
          if (title !== null && summary !== null) {
            var strong = block.querySelector('figcaption strong'), span = block.querySelector('figcaption .chart-summary');
            if (strong) strong.textContent = title;
            if (span) span.textContent = summary;
            if (el) el.setAttribute('aria-label', title + '。' + summary);
          }
          buttons.forEach(function (b) { b.setAttribute('aria-pressed', b === button ? 'true' : 'false'); });
          toArray(block.querySelectorAll('[data-variant-table]')).forEach(function (t) {
            t.hidden = t.getAttribute('data-variant-table') !== variant;
          });
          block.setAttribute('data-current-variant', variant);
        });
      });
    });
  }

  // ---------------------------------------------------------- chart tools
  //
  // Each chart gets two buttons: its data (the visible table beside it) as
  // CSV, and its picture as PNG (drawn first, if it is not yet; the button
  // goes if the chart cannot be drawn).

  // csvCell writes a cell of a table as CSV. A spreadsheet reads a cell
  // that begins with = + - @, a tab or a CR as a formula, so such a cell
  // is kept as text by a leading ' unless it is a number and nothing more
  // (-12.5, +3%, 1,530.53): -1+cmd|' /C calc'!A0 begins with a sign and a
  // digit, and is a formula all the same.
  function csvCell(text) {
    text = String(text).replace(/\s+/g, ' ').trim();
    if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$/.test(text)) text = "'" + text;
    if (/[",\r\n]/.test(text)) text = '"' + text.replace(/"/g, '""') + '"';
    return text;
  }

  // tableCSV writes a chart's data table as a spreadsheet wants it: the
  // unit of its caption (单位：万元) in the header of each numeric column,
  // a number or nothing in each numeric cell (its data-value: 未披露, —
  // and 0（推算） would make the column text), the names without the
  // screen reader's words of their ⚠, and, when any row has one, a last
  // column 备注 that says in words what the cells and marks said: 合计：
  // 推算, 基本支出：未披露, the flag's meaning.
  function tableCSV(table) {
    var caption = table.caption ? table.caption.textContent : '';
    var unit = /单位：([^；）)]+)/.exec(caption);
    var heads = [];
    var notes = false;
    var rows = toArray(table.rows).map(function (row, r) {
      var note = [];
      var cells = toArray(row.cells).map(function (cell, c) {
        var text = cellText(cell);
        if (r === 0) {
          heads[c] = text;
          return unit && cell.classList.contains('num') ? text + '（' + unit[1] + '）' : text;
        }
        var numeric = cell.classList.contains('num') && cell.hasAttribute('data-value');
        var value = numeric ? cell.getAttribute('data-value').trim() : text;
        var parts = [];
        if (numeric) {
          var said = value && text.indexOf(value) === 0 ? text.slice(value.length) : text;
          said = said.trim().replace(/^（(.*)）$/, '$1');
          if (said && said !== '—') parts.push(said);
        }
        toArray(cell.querySelectorAll('.flag .visually-hidden')).forEach(function (f) {
          parts.push(f.textContent.replace(/，见.*$/, ''));
        });
        if (parts.length) note.push((c ? heads[c] + '：' : '') + parts.join('，'));
        return value;
      });
      if (note.length) notes = true;
      cells.note = note.join('；');
      return cells;
    });
    return '\ufeff' + rows.map(function (cells, r) {
      if (notes) cells.push(r === 0 ? '备注' : cells.note);
      return cells.map(csvCell).join(',');
    }).join('\r\n') + '\r\n';
  }

  // cellText returns a table cell's text without the words its ⚠ marks
  // say to a screen reader (which the 备注 column of tableCSV says).
  function cellText(cell) {
    var copy = cell.cloneNode(true);
    toArray(copy.querySelectorAll('.flag')).forEach(function (f) { f.parentNode.removeChild(f); });
    return copy.textContent.replace(/\s+/g, ' ').trim();
  }

  // optionCSV writes a chart that has no data table (the explorer's, made
  // in the page) as CSV from its option: a row per category, a column per
  // series, with the value axis's unit in the header. A name's ⚠ is said
  // in a last column 备注, as tableCSV says it.
  function optionCSV(option) {
    function first(a) { return Array.isArray(a) ? a[0] : a; }
    var x = first(option.xAxis) || {}, y = first(option.yAxis) || {};
    var cat = y.type === 'category' ? y : x, val = cat === y ? x : y;
    var unit = val && val.name ? '（' + val.name + '）' : '';
    var series = option.series || [];
    var rows = [['名称'].concat(series.map(function (s) { return (s.name || '') + unit; }))];
    var notes = false;
    (cat.data || []).forEach(function (name, i) {
      name = String(name);
      var marked = / ⚠$/.test(name);
      notes = notes || marked;
      var row = [name.replace(/ ⚠$/, '')].concat(series.map(function (s) {
        var v = s.data && s.data[i];
        if (v && typeof v === 'object') v = v.value;
        return v == null || v === '-' ? '' : String(v);
      }));
      row.note = marked ? FLAG_NOTE.replace(/^⚠：/, '').replace(/，见.*$/, '') : '';
      rows.push(row);
    });
    return '\ufeff' + rows.map(function (r, i) {
      if (notes) r.push(i ? r.note : '备注');
      return r.map(csvCell).join(',');
    }).join('\r\n') + '\r\n';
  }

  function download(name, href) {
    var a = document.createElement('a');
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }

  // fileStem names a chart's downloads after the page and the chart, and
  // the view shown if it is not the first, so that files saved from many
  // pages tell themselves apart: characters that file systems refuse, and
  // invisible ones that could disguise the name (such as a right-to-left
  // override), are left out, and the name is kept short enough for any
  // file system.
  function fileStem(block) {
    var h1 = document.querySelector('h1');
    var caption = block.querySelector('figcaption strong');
    var pressed = block.querySelector('.variant-toggle button[aria-pressed="true"]');
    var parts = [h1 && h1.textContent, caption && caption.textContent];
    // A view's title may say its name already (历年支出（人均）).
    if (pressed && pressed.getAttribute('data-variant') !== 'main' &&
        !(caption && caption.textContent.indexOf(pressed.textContent) >= 0)) parts.push(pressed.textContent);
    var stem = parts.filter(Boolean).join(' ')
      .replace(/[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]+/g, '')
      .replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
    stem = Array.from ? Array.from(stem).slice(0, 60).join('') : stem.slice(0, 60);
    return stem || (block.id || 'chart').replace(/^fig-/, '');
  }

  // FLAG_NOTE says what the ⚠ after a name means, under a saved picture
  // whose chart shows one: on the page, the mark in the chart's table
  // links to the report's checks, which the picture cannot.
  var FLAG_NOTE = '⚠：该报告的数字之间有不一致或疑点，见本站该报告页的数据核对';

  // flagged reports whether a category of chart's axes carries the ⚠.
  function flagged(chart) {
    var o = chart.getOption() || {};
    return [].concat(o.xAxis || [], o.yAxis || []).some(function (axis) {
      return (axis.data || []).some(function (d) {
        var v = d !== null && typeof d === 'object' ? d.value : d;
        return String(v).indexOf('⚠') >= 0;
      });
    });
  }

  // pictureText returns what a chart's saved picture says of the chart,
  // which the page says around it but the picture alone would not: its
  // title (the caption, as the view shown has it), the page it is from
  // (the heading) and the source, with the years of the data; what ⚠
  // means, when a name carries it; the key to the derived values it
  // marks, if any; and, from a host, the page's address.
  function pictureText(block, chart) {
    var caption = block.querySelector('figcaption strong');
    var h1 = document.querySelector('h1');
    var site = document.querySelector('meta[property="og:site_name"]');
    var years = block.getAttribute('data-years');
    var title = caption ? caption.textContent.trim() : '';
    var page = h1 ? h1.textContent.trim() : '';
    var source = '来源：' + ((site && site.getAttribute('content')) || '县级部门绩效自评报告比较') +
      '，据各部门公开的绩效自评报告整理' + (years ? '；数据年度：' + years : '');
    var address = /^https?:$/.test(location.protocol) ? location.origin + location.pathname : '';
    return { title: title, page: page === title ? '' : page, source: source, flag: flagged(chart) ? FLAG_NOTE : '',
      key: derivedKey(chart.getOption() || {}), address: address };
  }

  // picture draws a chart as a PNG at twice its size, with text's title
  // and page above it and its source and address below, each wrapped to
  // the width, and returns it as a data URL.
  function picture(chart, text) {
    var ratio = 2;
    var opts = { pixelRatio: ratio, backgroundColor: '#fff' };
    var drawn = typeof chart.renderToCanvas === 'function' ? chart.renderToCanvas(opts) : chart.getRenderedCanvas(opts);
    var canvas = document.createElement('canvas');
    var ctx = canvas.getContext('2d');
    var pad = 16 * ratio, width = drawn.width - 2 * pad;
    function style(size, weight, color) {
      size *= ratio;
      return { font: (weight ? weight + ' ' : '') + size + 'px ' + FONT_STACK, color: color, size: size, height: Math.round(size * 1.5) };
    }
    // Lines break between any two characters, as Chinese does, and a
    // word of Latin letters (the address) where it must.
    function lines(s, st) {
      var out = [], line = '';
      ctx.font = st.font;
      (Array.from ? Array.from(s) : s.split('')).forEach(function (ch) {
        if (line && ctx.measureText(line + ch).width > width) { out.push(line); line = ch.trim() ? ch : ''; }
        else line += ch;
      });
      if (line) out.push(line);
      return out.map(function (l) { return { text: l, style: st }; });
    }
    var head = [].concat(text.title ? lines(text.title, style(16, 'bold', '#1f2328')) : [],
      text.page ? lines(text.page, style(13, '', '#57606a')) : []);
    var foot = [].concat(text.key ? lines(text.key, style(12, '', '#57606a')) : [],
      text.flag ? lines(text.flag, style(12, '', '#57606a')) : [], lines(text.source, style(12, '', '#57606a')),
      text.address ? lines(text.address, style(12, '', '#57606a')) : []);
    function height(ls) { return ls.reduce(function (h, l) { return h + l.style.height; }, 0); }
    var top = head.length ? pad + height(head) + pad / 2 : 0;
    canvas.width = drawn.width;
    canvas.height = top + drawn.height + pad / 2 + height(foot) + pad / 2;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.textBaseline = 'top';
    function write(ls, y) {
      ls.forEach(function (l) {
        ctx.font = l.style.font;
        ctx.fillStyle = l.style.color;
        ctx.fillText(l.text, pad, y + (l.style.height - l.style.size) / 2);
        y += l.style.height;
      });
    }
    write(head, pad);
    ctx.drawImage(drawn, 0, top);
    write(foot, top + drawn.height + pad / 2);
    return canvas.toDataURL('image/png');
  }

  function addChartTools(el) {
    var block = el.closest ? el.closest('.chart-block') : null;
    if (!block || block.querySelector('.chart-tools')) return;
    var tools = document.createElement('div');
    tools.className = 'chart-tools';
    var csv = document.createElement('button');
    csv.type = 'button';
    csv.textContent = '下载数据（CSV）';
    csv.addEventListener('click', function () {
      var wrap = toArray(block.querySelectorAll('.table-wrap')).filter(function (w) { return !w.hidden; })[0];
      var table = wrap && wrap.querySelector('table');
      var text = table ? tableCSV(table) : optionCSV(currentOption(el));
      var blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
      var url = URL.createObjectURL(blob);
      download(fileStem(block) + '.csv', url);
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
    var png = document.createElement('button');
    png.type = 'button';
    png.className = 'chart-png';
    png.textContent = '下载图片（PNG）';
    png.addEventListener('click', function () {
      function save(chart) {
        // Drawn at its box's size now: a switch of view may have changed
        // the box (a narrower table beside it) within the debounce of
        // the resize that would follow.
        chart.resize();
        download(fileStem(block) + '.png', picture(chart, pictureText(block, chart)));
      }
      var chart = window.echarts && window.echarts.getInstanceByDom(el);
      if (chart) { save(chart); return; }
      withECharts(function () {
        initChart(el);
        var drawn = window.echarts && window.echarts.getInstanceByDom(el);
        if (drawn) save(drawn); // the site's charts have no animation
      });
    });
    tools.appendChild(csv);
    tools.appendChild(png);
    el.parentNode.insertBefore(tools, el.nextSibling);
  }

  // ------------------------------------------------------------- explorer
  //
  // <section data-explorer="ID"> holds a form with select[name=metric] and
  // select[name=counties][multiple], and a .chart; the JSON block ID gives,
  // per metric, an option with every report and the key of each category.
  // The choice lives in the URL (?metric=…&counties=a,b), and links marked
  // [data-keep-query] carry it to the other years.

  // explorerOption fills the explorer's empty option with the chosen
  // reports of a metric, highest first; the bar of the report at the
  // place mark, when drawn, has a dark edge (the report a rank's link
  // asked to see among its neighbours).
  function explorerOption(data, key, keep, mark) {
    var m = data.metrics[key];
    var option = prepare(JSON.parse(JSON.stringify(data.option)));
    keep = keep.slice().sort(function (a, b) {
      var va = m.values[a], vb = m.values[b];
      if (va === null && vb === null) return a - b;
      if (va === null) return 1;
      if (vb === null) return -1;
      return vb - va || a - b;
    });
    var horizontal = option.yAxis && option.yAxis[0] && option.yAxis[0].type === 'category';
    var cat = horizontal ? option.yAxis[0] : option.xAxis[0];
    var val = horizontal ? option.xAxis[0] : option.yAxis[0];
    // A value the report does not give, but its file's writer computed
    // from its other figures, is marked after the name, and so is one a
    // finding disputes, with the ⚠ of the other charts (charts.FlagMark).
    cat.data = keep.map(function (i) {
      return data.labels[i] + (explorerDerived(m, i) ? '（推算）' : '') + (explorerFlagged(m, i) ? ' ⚠' : '');
    });
    val.name = m.unit;
    option.series[0].name = m.label;
    option.series[0].data = keep.map(function (i) {
      return { value: m.values[i] === null ? '-' : m.values[i] };
    });
    markDerived(option, option.series[0], 0, keep.reduce(function (places, i, j) {
      if (explorerDerived(m, i)) places.push(j);
      return places;
    }, []));
    var at = keep.indexOf(mark);
    if (at >= 0) {
      var item = option.series[0].data[at];
      item.itemStyle = Object.assign({}, item.itemStyle, { borderColor: '#111827', borderWidth: 3 });
    }
    option.legend = { show: false };
    return option;
  }

  // explorerDerived reports whether the value of the metric m at place i
  // is computed from a figure the report does not give
  // (pages.metricValues.Derived).
  function explorerDerived(m, i) { return (m.derived || []).indexOf(i) !== -1; }

  // explorerFlagged reports whether a finding disputes the value of the
  // metric m at place i (pages.metricValues.Flagged).
  function explorerFlagged(m, i) { return (m.flagged || []).indexOf(i) !== -1; }

  // explorerNames names the reports at the places list of data, five at
  // most: 甲县、乙县等.
  function explorerNames(data, list) {
    return list.slice(0, 5).map(function (i) { return data.labels[i]; }).join('、') +
      (list.length > 5 ? '等' : '');
  }

  // explorerSummary returns the sentence that says what the explorer
  // draws, worded as the charts' summaries are (charts.Bars): how many
  // have data, the highest and the lowest. shown are the places of the
  // reports drawn; known, how many of all the year's reports give the
  // metric, when the chart shows the highest of them (no county chosen);
  // chosen, how many reports the reader chose, if any, so that the count
  // speaks of those (所选3份中仅甲县有数据), not of the whole year; from,
  // the place (from 0) of the first drawn when they are not the highest
  // but those around a report (图中为第61至100名).
  function explorerSummary(data, m, shown, known, chosen, from) {
    var unit = m.unit;
    if (!shown.length) return '没有可比较的数据。';
    if (shown.length === 1) {
      var marks = [];
      if (explorerDerived(m, shown[0])) marks.push('推算');
      if (explorerFlagged(m, shown[0])) marks.push('数据存疑');
      var value = m.label + '为' + m.values[shown[0]] + unit + (marks.length ? '（' + marks.join('、') + '）' : '') + '。';
      if (chosen === 1) return data.labels[shown[0]] + '的' + value;
      return (chosen ? '所选' + chosen + '份中' : '') + '仅' + data.labels[shown[0]] + '有数据，' + value;
    }
    var pool = shown;
    if (known > shown.length) {
      pool = data.keys.map(function (k, i) { return i; }).filter(function (i) { return m.values[i] !== null; });
    }
    var hi = shown[0], lo = pool[0];
    pool.forEach(function (i) { if (m.values[i] < m.values[lo]) lo = i; });
    shown.forEach(function (i) { if (m.values[i] > m.values[hi]) hi = i; });
    // A name, how many share its value, and the value in brackets, which
    // say 推算 of a derived value (of the one named, when others share it),
    // as the server's summaries do (charts.appendNamed).
    // A value a finding disputes is said to be in doubt (数据存疑), as
    // there: 甲县等2份（100万元，甲县为推算、数据存疑）.
    function named(i, list) {
      var n = list.filter(function (j) { return m.values[j] === m.values[i]; }).length;
      var derived = explorerDerived(m, i), flagged = explorerFlagged(m, i);
      var mark = derived || flagged ? '，' + (n > 1 ? data.labels[i] + (derived ? '为' : '') : '') +
        (derived ? '推算' : '') + (derived && flagged ? '、' : '') + (flagged ? '数据存疑' : '') : '';
      return data.labels[i] + (n > 1 ? '等' + n + '份' : '') + '（' + m.values[i] + unit + mark + '）';
    }
    var s = from ? known + '份有数据，图中为第' + (from + 1) + '至' + (from + shown.length) + '名；' :
      known > shown.length ? known + '份有数据，图中为最高的' + shown.length + '份；' :
      chosen > shown.length ? '所选' + chosen + '份中' + shown.length + '份有数据，' :
      chosen ? '所选' + chosen + '份均有数据，' : shown.length + '份有数据，';
    return s + m.label + '最高的是' + named(hi, pool) + '，最低的是' + named(lo, pool) + '。';
  }

  // explorerLeftOut returns the sentence that says which of the chosen
  // reports, at the places missing, the explorer does not draw, and why:
  // the report does not give the metric, gives it in words that could not
  // be read, gives a likely unit slip, or, for a value per head, gives
  // the amount but not its staff (no_staff). none is true when no chosen
  // report is drawn.
  function explorerLeftOut(data, m, missing, none) {
    if (!missing.length) return '';
    var groups = [
      { list: [], one: '未披露' + m.label, all: '均未披露' + m.label, part: '未披露该项' },
      { list: [], one: '的' + m.label + '无法识别', all: '的' + m.label + '均无法识别', part: '该项无法识别' },
      { list: [], one: '未披露实有人数，无法计算' + m.label, all: '均未披露实有人数，无法计算' + m.label, part: '未披露实有人数' }
    ];
    // A slip's group is by what it is: 疑为单位错误, or 疑为数字错误 for
    // a value per head of a count no department has (slip_words).
    var slips = {};
    missing.forEach(function (i) {
      var s = (m.slips || []).indexOf(i);
      if (s === -1) {
        var g = (m.unreadable || []).indexOf(i) !== -1 ? 1 : (m.no_staff || []).indexOf(i) !== -1 ? 2 : 0;
        groups[g].list.push(i);
        return;
      }
      var w = (m.slip_words && m.slip_words[s]) || '疑为单位错误';
      if (!slips[w]) {
        slips[w] = { list: [], one: '的' + m.label + w, all: '的' + m.label + '均' + w, part: '该项' + w };
        groups.push(slips[w]);
      }
      slips[w].list.push(i);
    });
    groups = groups.filter(function (g) { return g.list.length; });
    var parts = groups.map(function (g) {
      return g.list.length + '份' + g.part + '（' + explorerNames(data, g.list) + '）';
    });
    if (!none) return '另有' + parts.join('，') + '，图中未画出。';
    if (missing.length === 1) return '所选的' + data.labels[missing[0]] + groups[0].one + '，没有可画出的数据。';
    if (groups.length === 1) return '所选的' + missing.length + '份报告' + groups[0].all + '，没有可画出的数据。';
    return '所选的' + missing.length + '份报告都没有可画出的' + m.label + '：' + parts.join('，') + '。';
  }

  function initExplorer() {
    var root = document.querySelector('[data-explorer]');
    if (!root) return;
    var data = JSON.parse(document.getElementById(root.getAttribute('data-explorer')).textContent);
    var form = root.querySelector('form');
    var metric = form.querySelector('select[name="metric"]');
    var counties = form.querySelector('select[name="counties"]');
    var count = form.querySelector('output');
    var el = root.querySelector('.chart');

    var caption = root.querySelector('figcaption strong');
    var summary = root.querySelector('figcaption .chart-summary');

    var params = new URLSearchParams(location.search);
    // A metric asked for that no report of the year gives (a link kept
    // from another year) is said to be absent, until another is chosen.
    var absent = data.absent && data.absent[params.get('metric')];
    if (data.metrics[params.get('metric')]) metric.value = params.get('metric');
    var wanted = (params.get('counties') || '').split(',').filter(Boolean);
    // A rank below the highest data.limit links here with the report's
    // key (pages.RankHref): with no county chosen, the chart shows the
    // data.limit reports around it, not the highest.
    var around = data.keys.indexOf(params.get('around') || '');
    var options = toArray(counties.options);
    options.forEach(function (o) { o.selected = wanted.indexOf(o.value) !== -1; });

    // The filter keeps in the list the counties whose name, pinyin or
    // initials hold every word typed, and those chosen: the others are
    // taken out of the list, not hidden, since a phone's picker shows
    // hidden options. A key is the county's slug, with its department's
    // after a dot; its pinyin and initials are those pages.CountySearch
    // gives the list of every county.
    var find = form.querySelector('input[name="find"]');
    var hays = options.map(function (o) {
      var parts = o.value.split('.')[0].split('-');
      return fold(o.textContent + ' ' + parts.join('') + ' ' +
        parts.map(function (p) { return p.charAt(0); }).join(''));
    });
    function applyFind() {
      var terms = words(find);
      var keep = document.createDocumentFragment();
      options.forEach(function (o, i) {
        if (o.selected || holdsAll(hays[i], terms)) keep.appendChild(o);
        else if (o.parentNode) o.parentNode.removeChild(o);
      });
      counties.appendChild(keep);
    }
    if (find) find.addEventListener('input', applyFind);

    function chosen() {
      return options.filter(function (o) { return o.selected; }).map(function (o) { return o.value; });
    }

    function writeUrl(keys) {
      var p = new URLSearchParams(location.search);
      p.set('metric', metric.value);
      if (keys.length) p.set('counties', keys.join(',')); else p.delete('counties');
      var q = p.toString();
      try {
        history.replaceState(null, '', location.pathname + (q ? '?' + q : '') + location.hash);
      } catch (e) { /* file:// may refuse */ }
      toArray(document.querySelectorAll('a[data-keep-query]')).forEach(function (a) {
        a.href = a.getAttribute('href').split('?')[0] + (q ? '?' + q : '');
      });
    }

    function draw() {
      var m = data.metrics[metric.value];
      if (!m) return;
      var keys = chosen();
      var keep = [];
      var from = 0; // the place, from 0, of the first report drawn
      var missing = []; // chosen, but without a value to draw
      if (keys.length) {
        data.keys.forEach(function (k, i) {
          if (keys.indexOf(k) === -1) return;
          if (m.values[i] === null) missing.push(i); else keep.push(i);
        });
      } else {
        // The highest data.limit of the metric, or as many around the
        // report a rank's link names, it at the middle.
        var order = data.keys.map(function (k, i) { return i; })
          .filter(function (i) { return m.values[i] !== null; })
          .sort(function (a, b) { return m.values[b] - m.values[a] || a - b; });
        var at = around < 0 ? -1 : order.indexOf(around);
        from = at < data.limit ? 0 : Math.max(0, Math.min(at - Math.floor(data.limit / 2), order.length - data.limit));
        keep = order.slice(from, from + data.limit);
      }
      var option = explorerOption(data, metric.value, keep, keys.length ? -1 : around);
      var known = m.values.filter(function (v) { return v !== null; }).length;
      // The caption, the chart's label and the description ECharts gives
      // screen readers say the same: what is drawn, or, with nothing to
      // draw, why, in place of the chart.
      var said = keep.length ? explorerSummary(data, m, keep, keys.length ? 0 : known, keys.length, from) : '';
      if (from) {
        // Its place as its rank gives it: reports of equal value share
        // the place of the first of them (site.Rank).
        said += data.labels[around] + '排第' + (1 + order.filter(function (i) { return m.values[i] > m.values[around]; }).length) + '名。';
      }
      if (keep.some(function (i) { return explorerDerived(m, i); })) {
        // What 推算 means the key under the chart says (showKey).
        said += '名称后标（推算）的是推算值，见图下说明。';
      }
      said += explorerLeftOut(data, m, missing, !keep.length);
      if (absent) said = '本年度的报告均未披露' + absent + '，下图显示' + m.label + '。' + said;
      if (caption) caption.textContent = m.label;
      if (summary) summary.textContent = said;
      el.setAttribute('aria-label', m.label + '。' + said);
      option.aria = Object.assign({}, option.aria, { enabled: true, label: { description: m.label + '。' + said } });
      el.setAttribute('data-height', String(Math.max(240, 100 + 28 * keep.length)));
      if (optionSource) optionSource.set(el, function () { return option; });
      var tools = el.nextElementSibling && el.nextElementSibling.classList.contains('chart-tools') ? el.nextElementSibling : null;
      el.hidden = !keep.length;
      if (tools) tools.hidden = !keep.length;
      if (keep.length) redraw(el);
      if (count) {
        if (!keys.length && from) count.textContent = '显示第 ' + (from + 1) + '–' + (from + keep.length) + ' 名（共 ' + known + ' 份有数据）';
        else if (!keys.length) count.textContent = '显示最高的 ' + keep.length + ' 份（共 ' + known + ' 份有数据）';
        else if (!keep.length) count.textContent = '所选 ' + keys.length + ' 份都没有该项数据';
        else if (missing.length) count.textContent = '显示所选 ' + keys.length + ' 份中有数据的 ' + keep.length + ' 份';
        else count.textContent = '显示所选 ' + keep.length + ' 份';
      }
      writeUrl(keys);
    }

    form.addEventListener('change', function () { absent = ''; draw(); });
    form.addEventListener('submit', function (ev) { ev.preventDefault(); });
    form.addEventListener('reset', function () { absent = ''; setTimeout(function () { applyFind(); draw(); }, 0); });
    draw();
  }

  // --------------------------------------------------------- sortable tables

  var collator = (typeof Intl === 'object' && Intl.Collator)
    ? new Intl.Collator('zh-Hans-CN')
    : { compare: function (a, b) { return a.localeCompare(b, 'zh-Hans-CN'); } };

  // Column position of a header cell, honouring colspan of earlier cells.
  function columnOf(th) {
    var col = 0;
    var cells = th.parentNode.cells;
    for (var i = 0; i < cells.length && cells[i] !== th; i++) col += cells[i].colSpan || 1;
    return col;
  }

  function cellAt(row, col) {
    var pos = 0;
    var cells = row.cells;
    for (var i = 0; i < cells.length; i++) {
      var span = cells[i].colSpan || 1;
      if (col < pos + span) return cells[i];
      pos += span;
    }
    return null;
  }

  // Returns the sort key of a cell, or null for "not disclosed".
  function sortKey(cell, kind) {
    if (!cell) return null;
    var raw;
    if (cell.hasAttribute('data-value')) {
      raw = cell.getAttribute('data-value').trim();
    } else {
      raw = cell.textContent.trim();
      // A cell whose whole content is the 未披露 marker.
      var na = cell.classList.contains('na') ? cell : cell.querySelector('.na');
      if (na && na.textContent.trim() === raw) return null;
    }
    if (raw === '') return null;
    if (kind === 'num') {
      var n = Number(raw.replace(/[,，\s]/g, ''));
      if (!isFinite(n)) {
        var m = raw.replace(/[,，]/g, '').match(/[-+−]?\d+(?:\.\d+)?/);
        n = m ? Number(m[0].replace('−', '-')) : NaN;
      }
      return isFinite(n) ? n : null;
    }
    return raw;
  }

  function sortTable(table, th, direction) {
    var kind = th.getAttribute('data-sort') === 'num' ? 'num' : 'text';
    var col = columnOf(th);
    var sign = direction === 'descending' ? -1 : 1;

    toArray(table.tBodies).forEach(function (tbody) {
      var items = toArray(tbody.rows).map(function (row, index) {
        return { row: row, index: index, key: sortKey(cellAt(row, col), kind) };
      });
      items.sort(function (a, b) {
        var an = a.key === null;
        var bn = b.key === null;
        if (an || bn) {
          // Not-disclosed values go last in both directions.
          if (an && bn) return a.index - b.index;
          return an ? 1 : -1;
        }
        var c = kind === 'num' ? a.key - b.key : collator.compare(a.key, b.key);
        if (c !== 0) return sign * (c < 0 ? -1 : 1);
        return a.index - b.index; // explicit tie-break keeps the sort stable
      });
      var frag = document.createDocumentFragment();
      items.forEach(function (item) { frag.appendChild(item.row); });
      tbody.appendChild(frag);
    });

    toArray(table.querySelectorAll('th[aria-sort]')).forEach(function (other) {
      if (other !== th) other.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', direction);
  }

  function initSortable(table) {
    var head = table.tHead || table;
    toArray(head.querySelectorAll('th[data-sort]')).forEach(function (th) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var current = th.getAttribute('aria-sort');
        var next;
        if (current === 'ascending') next = 'descending';
        else if (current === 'descending') next = 'ascending';
        else next = th.getAttribute('data-sort-first') === 'descending' ? 'descending' : 'ascending';
        sortTable(table, th, next);
      });
    });
  }

  function initSortables() {
    toArray(document.querySelectorAll('table.sortable')).forEach(function (table) {
      safely(function () { initSortable(table); });
    });
  }

  // ------------------------------------------------------------ table filter

  // MAX_PAGE_LINKS is how many pages of the full list a filter names
  // that hold reports it would show.
  var MAX_PAGE_LINKS = 12;

  // indexRows returns the rows of the index of a list of several pages
  // (pages.rowIndex: the full list of reports, the findings) as a
  // table's filter reads its rows: the page of each, its data-year,
  // data-prefecture, data-type and the data- attributes of the index's
  // tags, and its words (data-search, folded), made the first time and
  // kept.
  function indexRows(ix) {
    if (ix.made) return ix.made;
    var tags = ix.tags || [];
    ix.made = ix.rows.map(function (row, i) {
      // [year, county, department, type, tags…, project?]; a county is
      // [name, slug, prefecture or -1], a prefecture [name, province].
      var c = ix.counties[row[1]], place = ix.prefectures[c[2]] || ['', ''], type = ix.types[row[3]];
      var slug = c[1], initials = slug.split('-').filter(Boolean).map(function (p) { return p.charAt(0); }).join('');
      var out = { page: Math.floor(i / ix.size) + 1, 'data-year': String(row[0]), 'data-prefecture': place[0], 'data-type': type };
      var words = [c[0], place[0], place[1], ix.departments[row[2]], row[0], type, row[4 + tags.length] || '',
        slug.replace(/-/g, ''), initials, slug];
      tags.forEach(function (t, k) {
        var v = t.values[row[4 + k]];
        if (t.attr) out['data-' + t.attr] = v; else words.push(v);
      });
      out.search = fold(words.join(' '));
      return out;
    });
    return ix.made;
  }

  // matches reports whether a row, whose attribute attr is value(attr)
  // and whose folded words are words(), has the values chosen (conds:
  // {attr, value}) and every word typed (terms): the rule of a table's
  // filter, for its rows and for those of the list's index alike.
  function matches(conds, terms, value, words) {
    return conds.every(function (c) { return value(c.attr) === c.value; }) && (!terms.length || holdsAll(words(), terms));
  }

  function initFilter(form) {
    var table = document.getElementById(form.getAttribute('data-table'));
    if (!table) return;
    var selects = toArray(form.querySelectorAll('select[name]'));
    var search = form.querySelector('input[name="q"]');
    var output = form.querySelector('output.filter-count');
    var unit = (output && output.getAttribute('data-unit')) || '份报告';
    var more = form.querySelector('a.filter-more');

    // Initial state from the query string; unknown select values are ignored.
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (sel) {
      var v = params.get(sel.name);
      if (v === null) return;
      var ok = toArray(sel.options).some(function (o) { return o.value === v; });
      if (ok) sel.value = v;
    });
    if (search && params.get('q') !== null) search.value = params.get('q');

    function rows() {
      var list = [];
      toArray(table.tBodies).forEach(function (tb) { list = list.concat(toArray(tb.rows)); });
      return list;
    }

    function apply() {
      var conds = selects
        .filter(function (s) { return s.value !== ''; })
        .map(function (s) { return { attr: 'data-' + s.name, value: s.value }; });
      var terms = words(search);
      var all = rows();
      var shown = 0;
      all.forEach(function (row) {
        var ok = matches(conds, terms, function (attr) { return row.getAttribute(attr); },
          function () { return fold(row.getAttribute('data-search')); });
        row.hidden = !ok;
        if (ok) shown++;
      });
      if (output) output.textContent = '显示 ' + shown + ' / ' + all.length + ' ' + unit;
      tellElsewhere(conds, terms);
      // The table holds some of the reports only: a county found in
      // none of its rows may still be in the list of every county.
      if (more) {
        var q = search ? search.value.trim() : '';
        more.hidden = q === '';
        if (q !== '') {
          more.href = more.getAttribute('data-base') + '?q=' + encodeURIComponent(q);
          more.textContent = '在全部县（市、区）中查找“' + q + '”';
        }
      }
    }

    // A table that leaves reports out (the home page's newest, a page
    // of the full list) tells, while its filter is used, which pages of
    // the full list hold reports the filter would show, linking to each
    // with the filter as chosen. The list's index (form[data-rows],
    // written by pages.ReportIndex: its pages, their size and a row a
    // report of what the filter matches) is fetched the first time.
    var elsewhere = form.querySelector('.filter-elsewhere');
    var indexURL = form.getAttribute('data-rows');
    var here = Number(form.getAttribute('data-page')) || 0;
    // What the list holds, as its count and its name read: 份 报告, or
    // 条 核对发现.
    var rowUnit = (elsewhere && elsewhere.getAttribute('data-unit')) || '份';
    var rowNoun = (elsewhere && elsewhere.getAttribute('data-noun')) || '报告';
    var index = null, told = null;
    // chosen returns the filter's choices as a query string, as the
    // pages it links to read them.
    function chosen() {
      var p = new URLSearchParams();
      selects.forEach(function (s) { if (s.value !== '') p.set(s.name, s.value); });
      setQ(p, search);
      return p.toString();
    }
    function tellElsewhere(conds, terms) {
      if (!elsewhere || !indexURL || !window.fetch) return;
      if (!conds.length && !terms.length) {
        elsewhere.hidden = true;
        told = null;
        return;
      }
      if (!index) {
        index = window.fetch(indexURL).then(function (r) {
          if (!r.ok) throw new Error(indexURL + ': ' + r.status);
          return r.json();
        });
      }
      var asked = chosen();
      index.then(function (ix) {
        // A later choice tells its own; the same choice again (the
        // change event of a search box left after typing) keeps the
        // links, which a click may be on.
        if (asked !== chosen() || asked === told) return;
        told = asked;
        // The index names the pages from its own folder.
        var from = new URL(indexURL, window.location.href);
        var counts = [], total = 0;
        indexRows(ix).forEach(function (row) {
          if (row.page === here || !matches(conds, terms, function (attr) { return row[attr]; },
            function () { return row.search; })) return;
          counts[row.page] = (counts[row.page] || 0) + 1;
          total++;
        });
        while (elsewhere.firstChild) elsewhere.removeChild(elsewhere.firstChild);
        var lead = here ? '其他页' : '全部报告列表中';
        if (!total) {
          elsewhere.textContent = lead + '没有符合的' + rowNoun + '。';
        } else {
          elsewhere.appendChild(document.createTextNode(lead + (here ? '还有' : '共有') + total + rowUnit + '符合：'));
          // The first pages that hold some, at most MAX_PAGE_LINKS.
          var pages = [];
          counts.forEach(function (c, page) { if (c) pages.push(page); });
          pages.slice(0, MAX_PAGE_LINKS).forEach(function (page, k) {
            if (k) elsewhere.appendChild(document.createTextNode('、'));
            var a = document.createElement('a');
            a.href = new URL(ix.pages[page - 1], from).pathname + '?' + asked;
            a.textContent = '第' + page + '页（' + counts[page] + rowUnit + '）';
            elsewhere.appendChild(a);
          });
          elsewhere.appendChild(document.createTextNode(pages.length > MAX_PAGE_LINKS ? '等' + pages.length + '页。' : '。'));
        }
        elsewhere.hidden = false;
      }, function () {
        elsewhere.hidden = true;
        told = null;
      });
    }

    function writeUrl() {
      writeQuery(function (p) {
        selects.forEach(function (s) {
          if (s.value !== '') p.set(s.name, s.value); else p.delete(s.name);
        });
        setQ(p, search);
      });
    }
    // A choice whose rows are on another page of the list (a year of
    // the list's other pages: <option data-href>) opens that page, with
    // the filter as chosen; before the change is applied here, which
    // would show no row.
    selects.forEach(function (sel) {
      sel.addEventListener('change', function (ev) {
        var o = sel.options[sel.selectedIndex];
        var href = o && o.getAttribute('data-href');
        if (!href) return;
        ev.stopPropagation();
        window.location.href = href + '?' + chosen();
      });
    });
    listen(form, apply, writeUrl);
    apply();
  }

  // setQ puts the search box's words into the query string as q, or
  // takes q out when the box is empty.
  function setQ(p, search) {
    if (!search) return;
    var q = search.value.trim();
    if (q !== '') p.set('q', q); else p.delete('q');
  }

  // writeQuery replaces the page's query string with the one edit makes
  // of it, without a new history entry.
  function writeQuery(edit) {
    var p = new URLSearchParams(window.location.search);
    edit(p);
    var qs = p.toString();
    var url = window.location.pathname + (qs ? '?' + qs : '') + window.location.hash;
    try {
      window.history.replaceState(window.history.state, '', url);
    } catch (err) {
      // file:// in some browsers, or replaceState rate limits: not fatal.
    }
  }

  // listen applies a filter form on every change, and writes its state
  // into the URL soon after (at once when the form is submitted).
  function listen(form, apply, writeUrl) {
    var writeUrlSoon = debounce(writeUrl, 300);
    function onChange() {
      apply();
      writeUrlSoon();
    }
    form.addEventListener('input', onChange);
    form.addEventListener('change', onChange);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      apply();
      writeUrl();
    });
    // A <button type="reset"> resets the controls after the event.
    form.addEventListener('reset', function () { setTimeout(onChange, 0); });
  }

  // A list filter: <form class="table-filter" data-list="ID"> with an
  // <input type="search" name="q"> and an <output class="filter-count">
  // shows only the <li data-search> of the element ID that hold every
  // word typed, in their text, their data-search or their <ul>'s, and
  // hides each <ul> left empty with the heading before it (counties.html:
  // every county, by prefecture).
  function initListFilter(form) {
    var list = document.getElementById(form.getAttribute('data-list'));
    var search = form.querySelector('input[name="q"]');
    if (!list || !search) return;
    var output = form.querySelector('output.filter-count');
    var unit = (output && output.getAttribute('data-unit')) || '项';
    var items = toArray(list.querySelectorAll('li[data-search]'));
    // What each item is found by, folded once rather than at every key.
    var hays = items.map(function (li) {
      return fold(li.textContent + ' ' + li.getAttribute('data-search') + ' ' +
        (li.parentNode.getAttribute('data-search') || ''));
    });
    var lists = toArray(list.querySelectorAll('ul'));
    var q = new URLSearchParams(window.location.search).get('q');
    if (q !== null) search.value = q;

    function count(terms) {
      var n = 0;
      hays.forEach(function (hay) { if (holdsAll(hay, terms)) n++; });
      return n;
    }

    // A reader types what they would say: 遵溪市财政局, a county with its
    // department, finds no county. The longest start of a single word
    // that finds some (遵溪市) is searched instead, and said.
    function fallback(terms) {
      if (terms.length !== 1 || count(terms) > 0) return '';
      var chars = Array.from ? Array.from(terms[0]) : terms[0].split('');
      for (var n = chars.length - 1; n >= 2; n--) {
        var start = chars.slice(0, n).join('');
        if (count([start]) > 0) return start;
      }
      return '';
    }

    function apply() {
      var terms = words(search);
      var typed = terms.join(' ');
      var instead = fallback(terms);
      if (instead) terms = [instead];
      var shown = 0;
      items.forEach(function (li, i) {
        var ok = holdsAll(hays[i], terms);
        li.hidden = !ok;
        if (ok) shown++;
      });
      lists.forEach(function (ul) {
        var any = toArray(ul.children).some(function (li) { return !li.hidden; });
        ul.hidden = !any;
        var h = ul.previousElementSibling;
        if (h && /^H[1-6]$/.test(h.tagName)) h.hidden = !any;
      });
      if (!output) return;
      if (!terms.length) output.textContent = '共 ' + items.length + ' ' + unit;
      else if (instead) output.textContent = '没有找到“' + typed + '”，下面是“' + instead + '”：显示 ' + shown + ' / ' + items.length + ' ' + unit;
      else if (!shown) output.textContent = '没有找到“' + typed + '”。请只输入县（市、区）的名称，如“桃源县”或“桃源”，或其拼音（taoyuan）、首字母（ty）';
      else output.textContent = '显示 ' + shown + ' / ' + items.length + ' ' + unit;
    }
    listen(form, apply, function () { writeQuery(function (p) { setQ(p, search); }); });
    apply();
  }

  function initFilters() {
    toArray(document.querySelectorAll('form.table-filter[data-table]')).forEach(function (form) {
      safely(function () { initFilter(form); });
    });
    toArray(document.querySelectorAll('form.table-filter[data-list]')).forEach(function (form) {
      safely(function () { initListFilter(form); });
    });
  }

  // ------------------------------------------------------------------ pagers

  // A pager of a long list (nav.pager) has a box to type a page's number
  // in (form.pager-jump, hidden without this script), which opens that
  // page: at the address of the pager's link to it, or, for a page with
  // no link, at that of the link to the last page with its number
  // changed (the pages of a list are named by their number,
  // reports/7.html, findings-7.html, all but the first, which always has
  // a link).
  function initPagers() {
    toArray(document.querySelectorAll('nav.pager form.pager-jump')).forEach(function (form) {
      var input = form.querySelector('input[name="page"]');
      var links = toArray(form.parentNode.querySelectorAll('.pager-pages a[href]'));
      if (!input || !links.length) return;
      var last = links[links.length - 1];
      var of = last.textContent.trim();
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var n = Number(input.value);
        if (!(n >= 1 && n <= Number(of) && n === Math.floor(n))) return;
        var href = null;
        links.forEach(function (a) { if (a.textContent.trim() === String(n)) href = a.getAttribute('href'); });
        if (href === null) {
          var url = last.getAttribute('href'), at = url.lastIndexOf(of);
          href = url.slice(0, at) + n + url.slice(at + of.length);
        }
        window.location.href = href;
      });
      form.hidden = false;
    });
  }

  // ------------------------------------------------------- folded tables

  // A chart's data table folded under a summary (details[data-fold-narrow],
  // open in the HTML for readers without JavaScript) is closed on a screen
  // too narrow for it to sit beside its chart, as the stylesheet places it
  // from 1000 px: on a phone it would follow the chart for screens.
  function initFolds() {
    if (!window.matchMedia || window.matchMedia('(min-width: 1000px)').matches) return;
    toArray(document.querySelectorAll('details[data-fold-narrow][open]')).forEach(function (d) { d.open = false; });
  }

  // ---------------------------------------------------------------- printing

  // Closed <details> (chart data tables) are opened for printing and restored after.
  function initPrint() {
    var opened = [];
    window.addEventListener('beforeprint', function () {
      toArray(document.querySelectorAll('main details:not([open])')).forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener('afterprint', function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  // -------------------------------------------------------------------- boot

  function boot() {
    safely(initFolds);
    safely(initSortables);
    safely(initFilters);
    safely(initPagers);
    safely(initPrint);
    safely(initCharts);
    safely(initVariants);
    safely(initExplorer);
    safely(initSearch);
    safely(initScrollHints);
    safely(initGuess);
  }

  // The 404 page's county finder (form.county-find[data-guess]) starts
  // from the missing address: a county's and a report's pages are named
  // by the county's pinyin (county/tao-yuan-xian.html,
  // report/tao-yuan-xian/…), which the list of counties finds
  // (taoyuanxian). A name two counties share has its prefecture's added
  // (heng-shan-xian-heng-yang-shi): the guess ends at the first 县, 区,
  // 市 or 旗 after the name's first syllable, and finds both.
  function initGuess() {
    var form = document.querySelector('form.county-find[data-guess]');
    var input = form && form.querySelector('input[name="q"]');
    var m = /\/(?:county|report)\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.html|\/|$)/.exec(window.location.pathname);
    if (!input || input.value || !m) return;
    var syllables = m[1].split('-'), guess = [];
    for (var i = 0; i < syllables.length; i++) {
      guess.push(syllables[i]);
      if (i > 0 && /^(xian|qu|shi|qi)$/.test(syllables[i])) break;
    }
    input.value = guess.join('');
  }

  // A table wider than its box scrolls sideways; on a phone nothing else
  // shows that columns lie beyond the edge. Such a box is marked, and the
  // stylesheet puts a hint above the table. Marked again when the window
  // changes size, and when a filter or view changes what shows.
  function initScrollHints() {
    var pending = false;
    function mark() {
      pending = false;
      toArray(document.querySelectorAll('.table-wrap')).forEach(function (w) {
        if (w.scrollWidth > w.clientWidth + 1) w.setAttribute('data-scrolls', '');
        else w.removeAttribute('data-scrolls');
      });
    }
    function later() {
      if (pending) return;
      pending = true;
      (window.requestAnimationFrame || setTimeout)(mark);
    }
    mark();
    window.addEventListener('resize', later);
    document.addEventListener('change', later);
    document.addEventListener('toggle', later, true);
  }

  // Pagefind's search box, on the search page when the site has an index.
  function initSearch() {
    var box = document.getElementById('search');
    if (!box || typeof window.PagefindUI !== 'function') return;
    // Results link from the site's root, which may be a sub-path: the
    // folder above assets/.
    var baseUrl = '/';
    try { baseUrl = new URL(ASSETS + '../', location.href).pathname; } catch (e) { /* keep / */ }
    var ui = new window.PagefindUI({ element: '#search', showSubResults: true, showImages: false, baseUrl: baseUrl });
    // A search is a link like the site's other lists: search.html?q=…
    // opens with its results, and the address follows what is typed, so
    // that a search can be kept or shared.
    var q = new URLSearchParams(location.search).get('q');
    if (q && q.trim() && typeof ui.triggerSearch === 'function') ui.triggerSearch(q.trim());
    box.addEventListener('input', function (e) {
      if (!e.target || !e.target.matches || !e.target.matches('input.pagefind-ui__search-input')) return;
      var input = e.target;
      writeQuery(function (p) { setQ(p, input); });
    });
    // Its 清除 button empties the box without an input event.
    box.addEventListener('click', function (e) {
      if (e.target && e.target.closest && e.target.closest('.pagefind-ui__search-clear')) writeQuery(function (p) { p.delete('q'); });
    });
    // Pagefind's box is named only by its title (搜索); a screen reader
    // reads a name that says what is searched.
    function name() {
      var input = box.querySelector('input.pagefind-ui__search-input');
      if (input && !input.hasAttribute('aria-label')) input.setAttribute('aria-label', '搜索全部报告');
      return !!input;
    }
    if (!name() && typeof MutationObserver === 'function') {
      var watch = new MutationObserver(function () { if (name()) watch.disconnect(); });
      watch.observe(box, { childList: true, subtree: true });
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boot);
  } else {
    boot();
  }
})();
