// segshap interactive viewer: reads the JSON in #segshap-data, draws one map at a time and the
// additive breakdown of the selected (or hovered) output pixel. No network, no libraries.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('segshap-data').textContent);
  var O = data.outputShape[0], H = data.outputShape[1], W = data.outputShape[2];
  var HW = H * W, K = O * HW, M = data.players.length, C = data.imageShape[0];
  var SCALE = Math.max(1, Math.floor(480 / Math.max(H, W)));
  var DIGITS = 4;

  var el = function (id) { return document.getElementById(id); };
  var canvas = el('map-canvas');
  var sampleSelect = el('sample'), mapSelect = el('map'), planeSelect = el('plane');
  var cache = {};
  var state = { sample: 0, map: 'prediction', plane: 0, row: Math.floor(H / 2), col: Math.floor(W / 2), hover: null };

  function floats(b64) {
    var bin = atob(b64), n = bin.length >> 2, view = new DataView(new ArrayBuffer(bin.length));
    for (var i = 0; i < bin.length; i++) { view.setUint8(i, bin.charCodeAt(i)); }
    var out = new Float32Array(n);
    for (var j = 0; j < n; j++) { out[j] = view.getFloat32(4 * j, true); }
    return out;
  }

  /** Image i's arrays, decoded once. */
  function sample(i) {
    if (!cache[i]) {
      var s = data.images[i];
      cache[i] = {
        id: s.id, residual: Number(s.maxAbsResidual), base: floats(s.base), prediction: floats(s.prediction),
        contributions: floats(s.contributions), inputs: s.inputs ? floats(s.inputs) : null,
        truth: s.truth ? floats(s.truth) : null, interactions: s.interactions ? floats(s.interactions) : null
      };
    }
    return cache[i];
  }

  function fmt(v) { return Number.isFinite(v) ? v.toFixed(DIGITS) : String(v); }
  function signed(v) { return (v >= 0 ? '+' : '') + fmt(v); }
  function full(v) { return String(v); }

  function range(a, from, n) {
    var lo = Infinity, hi = -Infinity;
    for (var i = from; i < from + n; i++) {
      var v = a[i];
      if (Number.isFinite(v)) { if (v < lo) { lo = v; } if (v > hi) { hi = v; } }
    }
    return lo <= hi ? [lo, hi] : [0, 1];
  }

  /** The shared symmetric limit of image s on the current plane: max |value| of contributions and interactions. */
  function sharedLimit(s) {
    var lim = 0, p, r;
    for (p = 0; p < M; p++) {
      r = range(s.contributions, p * K + state.plane * HW, HW);
      lim = Math.max(lim, Math.abs(r[0]), Math.abs(r[1]));
    }
    if (s.interactions) {
      for (p = 0; p < M * M; p++) {
        r = range(s.interactions, p * K + state.plane * HW, HW);
        lim = Math.max(lim, Math.abs(r[0]), Math.abs(r[1]));
      }
    }
    return lim > 0 ? lim : 1e-12;
  }

  /** The maps one can show: key, label, how to colour it. */
  function mapChoices() {
    var list = [{ key: 'prediction', label: 'prediction' }, { key: 'base', label: 'base value (expected output)' }];
    for (var p = 0; p < M; p++) { list.push({ key: 'contribution-' + p, label: 'contribution: ' + data.players[p] }); }
    if (data.inputsShown) {
      for (var c = 0; c < C; c++) {
        list.push({ key: 'input-' + c, label: 'input: ' + (data.inputsAreChannels ? data.players[c] : 'channel ' + c) });
      }
    }
    if (data.hasTruth) { list.push({ key: 'truth', label: 'true mask' }); }
    if (data.hasInteractions) {
      for (var i = 0; i < M; i++) {
        for (var j = i + 1; j < M; j++) {
          list.push({ key: 'interaction-' + i + '-' + j, label: 'interaction: ' + data.players[i] + ' \u00d7 ' + data.players[j] });
        }
      }
    }
    return list;
  }

  /** What the current map shows: its values (one plane), colour table and range. */
  function currentMap(s) {
    var key = state.map, off = state.plane * HW, parts = key.split('-'), lim;
    if (key === 'prediction') {
      var pr = range(s.prediction, off, HW);
      return { values: s.prediction, offset: off, table: 'viridis', lo: Math.min(0, pr[0]), hi: Math.max(1, pr[1]) };
    }
    if (key === 'base') {
      var br = range(s.base, off, HW);
      return { values: s.base, offset: off, table: 'viridis', lo: br[0], hi: br[1] > br[0] ? br[1] : br[0] + 1e-6 };
    }
    if (parts[0] === 'contribution') {
      lim = sharedLimit(s);
      return { values: s.contributions, offset: Number(parts[1]) * K + off, table: 'diverging', lo: -lim, hi: lim };
    }
    if (parts[0] === 'interaction') {
      lim = sharedLimit(s);
      return { values: s.interactions, offset: (Number(parts[1]) * M + Number(parts[2])) * K + off, table: 'diverging',
        lo: -lim, hi: lim };
    }
    if (parts[0] === 'input') {
      var c = Number(parts[1]), ir = range(s.inputs, c * HW, HW);
      return { values: s.inputs, offset: c * HW, table: 'grey', lo: ir[0], hi: ir[1] > ir[0] ? ir[1] : ir[0] + 1e-6 };
    }
    return { values: s.truth, offset: off, table: 'viridis', lo: 0, hi: 1, binary: true };
  }

  function colour(table, t) {
    var lut = data.colourMaps[table], n = lut.length / 3;
    var i = Number.isFinite(t) ? Math.max(0, Math.min(n - 1, Math.round(t * (n - 1)))) : -1;
    return i < 0 ? [220, 220, 220] : [lut[3 * i], lut[3 * i + 1], lut[3 * i + 2]];
  }

  var off = document.createElement('canvas');
  off.width = W; off.height = H;
  canvas.width = W * SCALE; canvas.height = H * SCALE;
  canvas.style.width = (W * SCALE) + 'px'; canvas.style.height = (H * SCALE) + 'px';
  canvas.dataset.scale = SCALE; canvas.dataset.rows = H; canvas.dataset.cols = W;

  function drawMap() {
    var s = sample(state.sample), m = currentMap(s);
    var octx = off.getContext('2d'), img = octx.createImageData(W, H), span = m.hi - m.lo;
    for (var k = 0; k < HW; k++) {
      var rgb = colour(m.table, (m.values[m.offset + k] - m.lo) / span);
      img.data[4 * k] = rgb[0]; img.data[4 * k + 1] = rgb[1]; img.data[4 * k + 2] = rgb[2]; img.data[4 * k + 3] = 255;
    }
    octx.putImageData(img, 0, 0);
    var ctx = canvas.getContext('2d');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, 0, 0, W * SCALE, H * SCALE);
    marker(ctx, state.row, state.col, '#000', '#fff');
    if (state.hover && (state.hover[0] !== state.row || state.hover[1] !== state.col)) {
      marker(ctx, state.hover[0], state.hover[1], '#fff', '#000');
    }
    canvas.dataset.map = state.map;
    el('map-title').textContent = mapSelect.options[mapSelect.selectedIndex].text + ' \u2014 image ' + s.id
      + (O > 1 ? ', plane ' + state.plane : '');
    legend(m);
  }

  function marker(ctx, r, c, outer, inner) {
    var x = c * SCALE, y = r * SCALE, size = Math.max(SCALE, 3);
    ctx.lineWidth = 3; ctx.strokeStyle = outer; ctx.strokeRect(x - 2.5, y - 2.5, size + 5, size + 5);
    ctx.lineWidth = 2; ctx.strokeStyle = inner; ctx.strokeRect(x, y, size, size);
  }

  function legend(m) {
    var bar = el('legend-bar'), ctx = bar.getContext('2d'), binary = el('legend-binary');
    el('legend').dataset.min = m.lo; el('legend').dataset.max = m.hi; el('legend').dataset.table = m.table;
    bar.hidden = !!m.binary; el('legend-labels').hidden = !!m.binary; binary.hidden = !m.binary;
    if (m.binary) {
      var a = colour(m.table, 0), b = colour(m.table, 1);
      binary.innerHTML = '';
      [[a, data.outsideLabel + ' (0)'], [b, data.insideLabel + ' (1)']].forEach(function (e) {
        var sw = document.createElement('span');
        sw.className = 'swatch'; sw.style.background = 'rgb(' + e[0].join(',') + ')';
        binary.appendChild(sw); binary.appendChild(document.createTextNode(e[1]));
      });
      return;
    }
    for (var x = 0; x < bar.width; x++) {
      ctx.fillStyle = 'rgb(' + colour(m.table, x / (bar.width - 1)).join(',') + ')';
      ctx.fillRect(x, 0, 1, bar.height);
    }
    el('legend-min').textContent = fmt(m.lo);
    el('legend-mid').textContent = m.table === 'diverging' ? '0' : fmt((m.lo + m.hi) / 2);
    el('legend-max').textContent = (m.table === 'diverging' ? '+' : '') + fmt(m.hi);
  }

  function cell(tag, text, attrs) {
    var e = document.createElement(tag);
    e.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  /** The waterfall of pixel (r, c) of image s: base, + each player, = prediction, truth. */
  function breakdown() {
    var s = sample(state.sample), p = state.hover || [state.row, state.col], r = p[0], c = p[1];
    var o = state.plane * HW + r * W + c;
    var head = el('pixel');
    head.textContent = 'Image ' + s.id + ', pixel row ' + r + ', column ' + c + (O > 1 ? ', plane ' + state.plane : '')
      + (state.hover ? ' (under the pointer)' : ' (selected)');
    head.dataset.sample = s.id; head.dataset.row = r; head.dataset.col = c; head.dataset.plane = state.plane;
    head.dataset.source = state.hover ? 'hover' : 'selected';
    var rows = [{ id: 'wf-base', label: 'base value', from: 0, to: s.base[o], value: s.base[o], cls: 'level', text: fmt(s.base[o]) }];
    var sum = s.base[o];
    for (var q = 0; q < M; q++) {
      var v = s.contributions[q * K + o];
      rows.push({ id: 'wf-player-' + q, label: '+ ' + data.players[q], from: sum, to: sum + v, value: v,
        cls: v >= 0 ? 'up' : 'down', text: signed(v) });
      sum += v;
    }
    rows.push({ id: 'wf-prediction', label: '= prediction', from: 0, to: s.prediction[o], value: s.prediction[o],
      cls: 'level', text: fmt(s.prediction[o]), total: true });
    if (s.truth) {
      var t = s.truth[o];
      rows.push({ id: 'wf-truth', label: 'truth: ' + (t ? data.insideLabel : data.outsideLabel), from: 0, to: t,
        value: t, cls: 'truth', text: String(t) });
    }
    var lo = 0, hi = 0;
    rows.forEach(function (w) { lo = Math.min(lo, w.from, w.to); hi = Math.max(hi, w.from, w.to); });
    if (hi - lo < 1e-12) { hi = lo + 1; }
    var pct = function (x) { return (100 * (x - lo) / (hi - lo)).toFixed(2) + '%'; };
    var body = el('waterfall-rows');
    body.innerHTML = '';
    rows.forEach(function (w) {
      var tr = document.createElement('tr');
      tr.id = w.id;
      if (w.total) { tr.className = 'total'; }
      tr.appendChild(cell('th', w.label, { scope: 'row' }));
      var bar = cell('td', '', { 'class': 'bar' });
      bar.style.setProperty('--zero', pct(0));
      var div = document.createElement('div');
      div.className = w.cls;
      div.style.left = pct(Math.min(w.from, w.to));
      div.style.width = (100 * Math.abs(w.to - w.from) / (hi - lo)).toFixed(2) + '%';
      bar.appendChild(div);
      tr.appendChild(bar);
      tr.appendChild(cell('td', w.text, { 'class': 'value', 'data-value': full(w.value), title: full(w.value) }));
      body.appendChild(tr);
    });
    el('wf-note').textContent = 'Base value + contributions = ' + fmt(sum) + ' (float32 copies of the saved values); '
      + 'the largest additivity residual of this image in the saved float64 values is '
      + (Number.isFinite(s.residual) ? s.residual.toExponential(1) : 'not known') + '.';
    interactionMatrix(s, o);
  }

  function interactionMatrix(s, o) {
    var view = el('interaction-view');
    view.hidden = !s.interactions;
    if (!s.interactions) { return; }
    var lim = sharedLimit(s), table = el('interactions');
    table.innerHTML = '';
    var head = document.createElement('tr');
    head.appendChild(cell('th', ''));
    data.players.forEach(function (n) { head.appendChild(cell('th', n, { scope: 'col' })); });
    head.appendChild(cell('th', '= contribution', { scope: 'col' }));
    table.appendChild(head);
    for (var i = 0; i < M; i++) {
      var tr = document.createElement('tr');
      tr.appendChild(cell('th', data.players[i], { scope: 'row' }));
      var rowSum = 0;
      for (var j = 0; j < M; j++) {
        var v = s.interactions[(i * M + j) * K + o];
        rowSum += v;
        var td = cell('td', fmt(v), { id: 'ix-' + i + '-' + j, 'data-value': full(v), title: full(v) });
        var rgb = colour('diverging', (v + lim) / (2 * lim));
        td.style.background = 'rgb(' + rgb.join(',') + ')';
        if (Math.abs(v) > 0.6 * lim) { td.style.color = '#fff'; }
        tr.appendChild(td);
      }
      tr.appendChild(cell('td', fmt(rowSum), { id: 'ix-sum-' + i, 'class': 'sum', 'data-value': full(rowSum) }));
      table.appendChild(tr);
    }
  }

  function render() { drawMap(); breakdown(); }

  function pixelAt(event) {
    var box = canvas.getBoundingClientRect();  // includes the border; the pixels start at clientLeft / clientTop
    var x = event.clientX - box.left - canvas.clientLeft, y = event.clientY - box.top - canvas.clientTop;
    var c = Math.floor(x / canvas.clientWidth * W), r = Math.floor(y / canvas.clientHeight * H);
    return [Math.max(0, Math.min(H - 1, r)), Math.max(0, Math.min(W - 1, c))];
  }

  // controls
  data.images.forEach(function (s, i) { sampleSelect.appendChild(cell('option', s.id, { value: String(i) })); });
  mapChoices().forEach(function (m) { mapSelect.appendChild(cell('option', m.label, { value: m.key })); });
  if (O > 1) {
    el('plane-control').hidden = false;
    for (var p = 0; p < O; p++) { planeSelect.appendChild(cell('option', String(p), { value: String(p) })); }
  }
  sampleSelect.addEventListener('change', function () { state.sample = Number(sampleSelect.value); render(); });
  mapSelect.addEventListener('change', function () { state.map = mapSelect.value; drawMap(); });
  planeSelect.addEventListener('change', function () { state.plane = Number(planeSelect.value); render(); });
  canvas.addEventListener('mousemove', function (e) {
    var px = pixelAt(e);
    if (!state.hover || state.hover[0] !== px[0] || state.hover[1] !== px[1]) { state.hover = px; render(); }
  });
  canvas.addEventListener('mouseleave', function () { state.hover = null; render(); });
  canvas.addEventListener('click', function (e) {
    var px = pixelAt(e);
    state.row = px[0]; state.col = px[1]; state.hover = null;
    canvas.focus();
    render();
  });
  canvas.addEventListener('keydown', function (e) {
    var step = e.shiftKey ? 10 : 1, moves = { ArrowUp: [-step, 0], ArrowDown: [step, 0], ArrowLeft: [0, -step], ArrowRight: [0, step] };
    var d = moves[e.key];
    if (!d) { return; }
    e.preventDefault();
    state.row = Math.max(0, Math.min(H - 1, state.row + d[0]));
    state.col = Math.max(0, Math.min(W - 1, state.col + d[1]));
    state.hover = null;
    render();
  });

  document.title = data.title + ' \u2014 interactive viewer';
  el('title').textContent = data.title + ': interactive viewer';
  el('shown-note').textContent = (data.shownImages < data.totalImages
      ? 'The first ' + data.shownImages + ' of the ' + data.totalImages + ' explained images'
      : 'All ' + data.totalImages + ' explained images')
    + ' (' + data.explainer + ' explanations, ' + M + ' players, outputs ' + O + ' \u00d7 ' + H + ' \u00d7 ' + W + ')'
    + (data.shownImages < data.totalImages ? '; the page carries at most ' + data.shownImages
      + ' images to bound its size (maxImages).' : '.')
    + ' Numbers are printed to ' + DIGITS + ' decimals; every cell holds the float32 value in its data-value.';
  document.body.dataset.ready = 'true';
  render();
})();
