/**
 * The script of the viewer page (plain ES2017, no dependencies). It reads the
 * page's JSON data block and builds every element with `textContent` and
 * `setAttribute` — never `innerHTML` — so a dataset string is always text.
 * The first 100 matching samples render at load; the next 100 render when the
 * end of the list scrolls into view (IntersectionObserver), so a run of
 * 10,000 samples opens as fast as one of 100.
 *
 * Bird's-eye plots: ground-plane coordinates (e1, e2) with e1 × e2 = up are
 * drawn with e1 to the right and e2 up (SVG y flipped), i.e. seen from above,
 * so "clockwise" on screen is clockwise seen from above, as in the labels.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var BATCH = 100;
  var SVGNS = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('stkit-data').textContent);
  var samples = data.samples;
  var list = document.getElementById('samples');
  var sentinel = document.getElementById('more');
  var count = document.getElementById('count');
  var taskSelect = document.getElementById('task');
  var datasetSelect = document.getElementById('dataset');
  var matching = [];
  var rendered = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svgEl(tag, attributes, text) {
    var node = document.createElementNS(SVGNS, tag);
    for (var key in attributes) node.setAttribute(key, String(attributes[key]));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  function fill(select, counts, allLabel) {
    select.appendChild(new Option(allLabel + ' (' + samples.length + ')', ''));
    Object.keys(counts).sort().forEach(function (name) { select.appendChild(new Option(name + ' (' + counts[name] + ')', name)); });
  }
  function tally(key) {
    var counts = {};
    samples.forEach(function (sample) { counts[sample[key]] = (counts[sample[key]] || 0) + 1; });
    return counts;
  }

  function formatLabel(label) {
    return Object.keys(label).map(function (key) {
      var value = label[key];
      if (typeof value === 'number') value = Math.round(value * 1000) / 1000;
      else if (typeof value === 'object' && value !== null) value = Object.keys(value).map(function (k) { return k + ': ' + Math.round(value[k] * 1000) / 1000; }).join(', ');
      return key + ' = ' + value;
    }).join(' · ');
  }

  // The asked grid interval [first, last] of a sample, when its label has one.
  function askedInterval(sample, times) {
    var label = sample.l;
    if (typeof label.start === 'number' && typeof label.end === 'number') {
      var first = -1, last = -1;
      for (var k = 0; k < times.length; k++) if (times[k] >= label.start - 1e-6 && times[k] <= label.end + 1e-6) { if (first < 0) first = k; last = k; }
      return first >= 0 ? [first, last] : null;
    }
    return null;
  }
  function lastStep(points) {
    for (var k = points.length - 1; k > 0; k--) if (points[k] && points[k - 1]) return [k - 1, k];
    return null;
  }
  // Rotates a ground vector clockwise (seen from above) by degrees.
  function clockwise(x, y, degrees) {
    var a = degrees * Math.PI / 180;
    return [x * Math.cos(a) + y * Math.sin(a), -x * Math.sin(a) + y * Math.cos(a)];
  }

  function plot(sample) {
    var box = el('div', 'plot');
    if (!data.clips) { box.appendChild(el('p', 'note', data.noClipsReason)); return box; }
    var clip = data.clips[sample.c];
    if (!clip) { box.appendChild(el('p', 'note', 'No trajectory: clip ' + sample.c + ' is not in the --clips input.')); return box; }
    var objects = sample.o.filter(function (object) { return clip.tracks[object[0]]; });
    if (objects.length === 0) { box.appendChild(el('p', 'note', 'No trajectory: the clip has none of the named tracks.')); return box; }
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    objects.forEach(function (object) {
      clip.tracks[object[0]].points.forEach(function (p) { if (p) { minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]); } });
    });
    var span = Math.max(maxX - minX, maxY - minY, 4);
    var cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    var W = 360, H = 270, pad = 24;
    var scale = Math.min((W - 2 * pad) / span, (H - 2 * pad) / span);
    function sx(x) { return (W / 2 + (x - cx) * scale).toFixed(1); }
    function sy(y) { return (H / 2 - (y - cy) * scale).toFixed(1); }
    var svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, class: 'bev', role: 'img' });
    svg.appendChild(svgEl('title', {}, 'Bird\u2019s-eye view of ' + objects.length + ' trajectories on the 0.5 s grid (seen from above)'));
    svg.appendChild(svgEl('rect', { x: 0, y: 0, width: W, height: H, fill: '#1d2025' }));
    var metres = Math.pow(10, Math.floor(Math.log10(span / 2)));
    svg.appendChild(svgEl('line', { x1: 10, y1: H - 10, x2: 10 + metres * scale, y2: H - 10, stroke: '#aaa', 'stroke-width': 2 }));
    svg.appendChild(svgEl('text', { x: 12, y: H - 14, fill: '#aaa', 'font-size': 10 }, metres + ' m'));
    var interval = askedInterval(sample, clip.times);
    var isDirection = /direction/.test(sample.t);
    objects.forEach(function (object) {
      var track = clip.tracks[object[0]];
      var color = data.colors[object[2]] || '#cccccc';
      var points = track.points;
      var highlight = interval || (sample.t === 'movement_direction' ? lastStep(points) : null);
      if (highlight) {
        var hl = [];
        for (var h = highlight[0]; h <= highlight[1]; h++) if (points[h]) hl.push(sx(points[h][0]) + ',' + sy(points[h][1]));
        if (hl.length > 0) svg.appendChild(svgEl('polyline', { points: hl.join(' '), fill: 'none', stroke: color, 'stroke-opacity': 0.35, 'stroke-width': 10, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', class: 'asked' }));
      }
      var run = [];
      var lastRun = null;
      function flush() {
        if (run.length > 1) lastRun = svg.appendChild(svgEl('polyline', { points: run.join(' '), fill: 'none', stroke: color, 'stroke-width': 2, class: 'trajectory', 'data-track': object[0] }));
        run = [];
      }
      points.forEach(function (p, k) {
        if (!p) { flush(); return; }
        run.push(sx(p[0]) + ',' + sy(p[1]));
        var dot = svgEl('circle', { cx: sx(p[0]), cy: sy(p[1]), r: 2, fill: color });
        dot.appendChild(svgEl('title', {}, object[2] + ' ' + object[1] + ' at ' + clip.times[k].toFixed(2) + ' s'));
        svg.appendChild(dot);
      });
      flush();
      // The arrowhead at the end of the last piece shows which way the object went.
      if (lastRun) lastRun.setAttribute('marker-end', 'url(#arrow)');
      var first = null, last = null;
      points.forEach(function (p) { if (p) { if (!first) first = p; last = p; } });
      if (first) svg.appendChild(svgEl('circle', { cx: sx(first[0]), cy: sy(first[1]), r: 5, fill: 'none', stroke: color, 'stroke-width': 1.5 }));
      if (isDirection && track.reference) {
        var ref = track.reference, at = points[ref.step];
        var length = Math.hypot(ref.x, ref.y) || 1, reach = 28 / scale;
        var ux = ref.x / length * reach, uy = ref.y / length * reach;
        if (at) {
          svg.appendChild(svgEl('line', { x1: sx(at[0]), y1: sy(at[1]), x2: sx(at[0] + ux), y2: sy(at[1] + uy), stroke: '#fff', 'stroke-dasharray': '3 2', 'marker-end': 'url(#arrow)', class: 'clock-reference' }));
          svg.appendChild(svgEl('text', { x: sx(at[0] + ux * 1.25), y: sy(at[1] + uy * 1.25), fill: '#fff', 'font-size': 10, 'text-anchor': 'middle' }, '12'));
          var clock = sample.l.clock;
          if (typeof clock === 'number') {
            var from = (sample.t === 'movement_direction' ? (lastStep(points) || [ref.step])[0] : (interval || [ref.step])[0]);
            var base = points[from] || at;
            var d = clockwise(ux, uy, clock * 30);
            svg.appendChild(svgEl('line', { x1: sx(base[0]), y1: sy(base[1]), x2: sx(base[0] + d[0]), y2: sy(base[1] + d[1]), stroke: color, 'stroke-width': 2.5, 'marker-end': 'url(#arrow)', class: 'clock-asked' }));
            svg.appendChild(svgEl('text', { x: sx(base[0] + d[0] * 1.3), y: sy(base[1] + d[1] * 1.3), fill: color, 'font-size': 10, 'text-anchor': 'middle' }, clock + " o'clock"));
          }
        }
      }
      if (sample.t === 'movement_direction_comparison' && first && last && first !== last) {
        svg.appendChild(svgEl('line', { x1: sx(first[0]), y1: sy(first[1]), x2: sx(last[0]), y2: sy(last[1]), stroke: color, 'stroke-dasharray': '6 3', 'marker-end': 'url(#arrow)', class: 'displacement' }));
      }
    });
    var defs = svgEl('defs', {});
    var marker = svgEl('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
    marker.appendChild(svgEl('path', { d: 'M0,0 L10,5 L0,10 z', fill: 'context-stroke' }));
    defs.appendChild(marker);
    svg.insertBefore(defs, svg.firstChild);
    box.appendChild(svg);
    var legend = el('p', 'note', 'Seen from above, ' + span.toFixed(0) + ' m across. Dots: the 0.5 s grid; ring: first frame; wide band: the asked interval' + (isDirection ? '; dashed white arrow: 12 o\u2019clock (the object\u2019s first step).' : '.'));
    box.appendChild(legend);
    return box;
  }

  function card(sample) {
    var article = el('article', 'sample');
    article.setAttribute('data-task', sample.t);
    var header = el('header');
    header.appendChild(el('span', 'task', sample.t));
    header.appendChild(el('span', 'dataset', sample.d));
    header.appendChild(el('span', 'id', sample.i));
    article.appendChild(header);
    var objects = el('p', 'objects');
    sample.o.forEach(function (object) {
      var chip = el('span', 'object');
      var swatch = el('span', 'swatch');
      swatch.style.background = data.colors[object[2]] || '#ccc';
      chip.appendChild(swatch);
      chip.appendChild(document.createTextNode(object[2] + ' box: ' + object[1] + ' (' + object[0] + ')'));
      objects.appendChild(chip);
    });
    article.appendChild(objects);
    var body = el('div', 'body');
    var text = el('div', 'text');
    text.appendChild(el('h3', null, 'Question'));
    text.appendChild(el('p', 'question', sample.q));
    text.appendChild(el('h3', null, 'Answer'));
    text.appendChild(el('p', 'answer', sample.a));
    text.appendChild(el('h3', null, 'Label'));
    text.appendChild(el('p', 'label', formatLabel(sample.l)));
    body.appendChild(text);
    body.appendChild(plot(sample));
    article.appendChild(body);
    if (sample.f && sample.f.length > 0) {
      var frames = el('div', 'frames');
      sample.f.forEach(function (path, index) {
        var figure = el('figure');
        var image = el('img');
        image.setAttribute('loading', 'lazy');
        image.setAttribute('src', path);
        image.setAttribute('alt', 'frame at ' + (sample.ft[index] !== undefined ? sample.ft[index].toFixed(2) : '?') + ' s');
        figure.appendChild(image);
        figure.appendChild(el('figcaption', null, (sample.ft[index] !== undefined ? sample.ft[index].toFixed(2) : '?') + ' s'));
        frames.appendChild(figure);
      });
      article.appendChild(frames);
    } else if (sample.fn) {
      article.appendChild(el('p', 'note', sample.fn));
    }
    return article;
  }

  function renderMore() {
    var end = Math.min(rendered + BATCH, matching.length);
    var fragment = document.createDocumentFragment();
    for (var index = rendered; index < end; index++) fragment.appendChild(card(matching[index]));
    list.appendChild(fragment);
    rendered = end;
    count.textContent = matching.length + ' of ' + samples.length + ' samples' + (rendered < matching.length ? ' (' + rendered + ' shown; scroll for more)' : '');
    sentinel.hidden = rendered >= matching.length;
  }
  function applyFilters() {
    var task = taskSelect.value, dataset = datasetSelect.value;
    matching = samples.filter(function (sample) { return (!task || sample.t === task) && (!dataset || sample.d === dataset); });
    list.textContent = '';
    rendered = 0;
    renderMore();
    var hash = [];
    if (task) hash.push('task=' + encodeURIComponent(task));
    if (dataset) hash.push('dataset=' + encodeURIComponent(dataset));
    history.replaceState(null, '', hash.length ? '#' + hash.join('&') : location.pathname + location.search);
  }
  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    taskSelect.value = params.get('task') || '';
    datasetSelect.value = params.get('dataset') || '';
    if (taskSelect.selectedIndex < 0) taskSelect.value = '';
    if (datasetSelect.selectedIndex < 0) datasetSelect.value = '';
  }

  fill(taskSelect, tally('t'), 'all tasks');
  fill(datasetSelect, tally('d'), 'all datasets');
  if (!data.clips) document.getElementById('banner').textContent = data.noClipsReason;
  data.warnings.forEach(function (warning) { document.getElementById('warnings').appendChild(el('li', null, warning)); });
  taskSelect.addEventListener('change', applyFilters);
  datasetSelect.addEventListener('change', applyFilters);
  window.addEventListener('hashchange', function () { readHash(); applyFilters(); });
  // Renders batches while the end of the list is within 600 px of the viewport.
  function fillViewport() {
    if (rendered < matching.length && sentinel.getBoundingClientRect().top < window.innerHeight + 600) {
      renderMore();
      requestAnimationFrame(fillViewport);
    }
  }
  new IntersectionObserver(function (entries) {
    if (entries.some(function (entry) { return entry.isIntersecting; })) fillViewport();
  }, { rootMargin: '600px' }).observe(sentinel);
  readHash();
  applyFilters();
  document.body.setAttribute('data-ready', 'true');
})();
`;
