// The live lab page: one event stream (or polling of the snapshot when streams fail) feeds the versions, the
// request grid, the traffic share, the per-track charts and the rollout panel; the presenter controls call the
// same control API as the lab command, with the token from the page's address.
'use strict';
(function () {
  const token = new URLSearchParams(location.search).get('token') || '';
  const HISTORY_MS = 5 * 60 * 1000;
  const GRID = 240;
  // Okabe-Ito, by the catalogue's colour names; versions whose names collide get the next free one.
  const NAMED = {blue: '#0072B2', green: '#009E73', yellow: '#F0E442', red: '#D55E00', vermillion: '#D55E00',
    purple: '#CC79A7', orange: '#E69F00', pink: '#CC79A7', sky: '#56B4E9', black: '#000000'};
  const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
  const DASH = {stable: 'none', baseline: '12 6', canary: '16 5 3 5'};
  const SYMBOL = {PASS: '\u2713 PASS', HIGH: '\u25B2 HIGH', LOW: '\u25BC LOW', NODATA: '\u2205 NO DATA',
    INCONCLUSIVE: '? INCONCLUSIVE', ERROR: '! ERROR'};

  const view = {status: null, history: [], rollout: null, grid: [], colours: {}, lastPoint: 0, source: null};
  const $ = id => document.getElementById(id);

  function colour(version, colourName) {
    if (!view.colours[version]) {
      const taken = new Set(Object.values(view.colours));
      const track = (view.status ? view.status.tracks : []).find(t => t.version === version);
      const wanted = NAMED[String(colourName || (track && track.color)).toLowerCase()];
      view.colours[version] = wanted && !taken.has(wanted) ? wanted
        : PALETTE.find(c => !taken.has(c)) || PALETTE[Object.keys(view.colours).length % PALETTE.length];
    }
    return view.colours[version];
  }

  function ink(hex) {
    const n = parseInt(hex.slice(1), 16);
    const lum = 0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
    return lum > 110 ? '#000' : '#fff';
  }

  function text(parent, tag, content, cls) {
    const e = document.createElement(tag);
    if (content !== undefined && content !== null) {
      e.textContent = content;
    }
    if (cls) {
      e.className = cls;
    }
    parent.appendChild(e);
    return e;
  }

  function clear(e) {
    while (e.firstChild) {
      e.removeChild(e.firstChild);
    }
    return e;
  }

  function weightOf(status, track) {
    const has = t => status.tracks.some(x => x.track === t);
    const w = has('canary') ? status.canaryWeight : 0;
    if (track === 'canary') {
      return w;
    }
    if (track === 'baseline') {
      return has('baseline') ? w : 0;
    }
    return 100 - w - (has('baseline') && has('canary') ? w : 0);
  }

  // ---- connection ----

  async function api(method, path, body) {
    const r = await fetch(path, {method, headers: {'Authorization': 'Bearer ' + token,
      'Content-Type': 'application/json'}, body: body === undefined ? undefined : JSON.stringify(body)});
    const raw = await r.text();
    let json = {};
    try {
      json = raw ? JSON.parse(raw) : {};
    } catch (e) {
      json = {};
    }
    if (!r.ok) {
      const err = new Error((json.error || raw || 'failed') + ' (HTTP ' + r.status + ')');
      err.status = r.status;
      throw err;
    }
    return json;
  }

  function connection(textContent, down) {
    const c = $('connection');
    c.textContent = textContent;
    c.classList.toggle('down', !!down);
  }

  function banner(message) {
    const b = $('banner');
    b.hidden = !message;
    b.textContent = message || '';
  }

  async function start() {
    if (!token) {
      banner('This page needs the lab\'s token: open the address that \'lab up\' or \'lab dashboard\' prints '
        + '(it ends with ?token=...). Nothing can be seen or changed without it.');
      connection('no token', true);
      return;
    }
    try {
      await api('GET', '/v1/status');
    } catch (e) {
      banner(e.status === 401 ? 'The lab refused this page\'s token: open the address that \'lab dashboard\' prints for the running lab.'
        : 'The lab does not answer: ' + e.message);
      connection('not connected', true);
      return;
    }
    if (window.EventSource) {
      stream();
    } else {
      poll();
    }
    faults();
    setInterval(faults, 5000);
    setInterval(staleCheck, 1000);
  }

  function stream() {
    const es = new EventSource('/v1/dashboard/events?token=' + encodeURIComponent(token));
    view.source = es;
    es.addEventListener('hello', e => {
      const s = JSON.parse(e.data);
      view.history = s.history || [];
      view.grid = [];
      view.lastPoint = 0;
      view.history.forEach(addToGrid);
      view.status = s.status;
      view.rollout = s.rollout;
      connection('live');
      renderAll();
    });
    es.addEventListener('tick', e => {
      const s = JSON.parse(e.data);
      tick(s.point, s.status);
    });
    es.addEventListener('rollout', e => {
      view.rollout = JSON.parse(e.data);
      renderRollout();
      stage();
    });
    es.onerror = () => {
      if (es.readyState === EventSource.CLOSED) {
        connection('stream closed: polling', true);
        poll();
      } else {
        connection('reconnecting\u2026', true);
      }
    };
  }

  function poll() {
    const once = async () => {
      try {
        const s = await api('GET', '/v1/dashboard/snapshot');
        view.status = s.status;
        view.rollout = s.rollout;
        for (const p of s.history || []) {
          if (p.t > view.lastPoint) {
            view.history.push(p);
            addToGrid(p);
          }
        }
        trimHistory();
        connection('live (polling)');
        renderAll();
      } catch (e) {
        connection('lab not answering', true);
      }
    };
    once();
    setInterval(once, 2000);
  }

  function tick(point, status) {
    view.status = status;
    if (point && point.t > view.lastPoint) {
      view.history.push(point);
      addToGrid(point);
      trimHistory();
    }
    renderAll(true);
  }

  function trimHistory() {
    const from = Date.now() - HISTORY_MS;
    while (view.history.length && view.history[0].t < from) {
      view.history.shift();
    }
  }

  // ---- request grid: each second's requests, interleaved by share, newest first ----

  function addToGrid(point) {
    view.lastPoint = Math.max(view.lastPoint, point.t);
    point.tracks.forEach(t => colour(t.version, t.color)); // the catalogue's colour, even once it is gone
    const parts = point.tracks.filter(t => t.requests > 0).map(t => ({t, left: t.requests, errorsLeft: t.errors}));
    const total = parts.reduce((a, p) => a + p.left, 0);
    const cells = [];
    for (let i = 0; i < Math.min(total, GRID); i++) {
      // the track furthest behind its share gets the next square
      let best = null;
      for (const p of parts) {
        if (p.left <= 0) {
          continue;
        }
        const owed = p.left / p.t.requests;
        if (!best || owed > best.left / best.t.requests) {
          best = p;
        }
      }
      const error = best.errorsLeft > 0 && best.errorsLeft / best.left >= best.t.errors / best.t.requests;
      if (error) {
        best.errorsLeft--;
      }
      best.left--;
      cells.push({version: best.t.version, track: best.t.track, error});
    }
    view.grid = cells.reverse().concat(view.grid).slice(0, GRID);
  }

  function renderGrid() {
    const g = clear($('grid'));
    for (let i = 0; i < GRID; i++) {
      const c = view.grid[i];
      const cell = text(g, 'div', null, 'cell');
      if (!c) {
        cell.classList.add('empty');
        continue;
      }
      const col = colour(c.version);
      cell.style.background = col;
      cell.style.color = ink(col);
      cell.style.borderColor = col;
      cell.textContent = c.error ? '\u2715' + c.version : c.version;
      cell.title = `${c.track} ${c.version}${c.error ? ': error' : ''}`;
      cell.dataset.version = c.version;
      if (c.error) {
        cell.classList.add('error');
      }
    }
  }

  // ---- versions and weight ----

  function renderVersions() {
    const s = view.status;
    if (!s) {
      return;
    }
    const ul = clear($('tracks'));
    for (const t of s.tracks) {
      const li = text(ul, 'li');
      li.dataset.track = t.track;
      li.dataset.version = t.version;
      const sw = text(li, 'span', null, 'swatch');
      sw.style.background = colour(t.version);
      text(li, 'span', `${t.track} ${t.version}`, 'track-name');
      const ready = t.instances.filter(i => i.ready).length;
      const restarts = t.instances.reduce((a, i) => a + i.restarts, 0);
      const degraded = t.instances.some(i => i.phase === 'CRASH_LOOP' || i.phase === 'FAILED');
      const detail = text(li, 'span', `${t.color}, ${ready}/${t.desired} ready, ${restarts} restart${restarts === 1 ? '' : 's'}, `
        + `${weightOf(s, t.track)}% of traffic`, 'track-detail');
      if (degraded) {
        text(detail, 'span', ' Degraded', 'degraded');
      }
    }
    renderRouting(s.routing);
    const canary = s.tracks.find(t => t.track === 'canary');
    $('weight').textContent = canary ? `canary ${canary.version}: ${s.canaryWeight}% of traffic` : 'no canary: 100% to stable';
    const sel = $('fault-version');
    const versions = [...new Set(s.tracks.map(t => t.version))];
    const current = sel.value;
    if ([...sel.options].map(o => o.value).join() !== versions.join()) {
      clear(sel);
      for (const v of versions) {
        const o = text(sel, 'option', `${v} (${s.tracks.filter(t => t.version === v).map(t => t.track).join(', ')})`);
        o.value = v;
      }
      if (versions.includes(current)) {
        sel.value = current;
      }
    }
  }

  // Routes before weights, affinity and mirroring, worded as `lab status` words them; nothing when unset.
  function renderRouting(r) {
    const ul = clear($('routing'));
    if (!r) {
      return;
    }
    const ops = {exact: '=', prefix: '^=', regex: '~'};
    const match = list => list.map(m => `${m.source} ${m.name} ${ops[m.mode]} ${m.value}`).join(' and ');
    for (const rule of r.rules) {
      text(ul, 'li', `route ${rule.name}: ${match(rule.match)} \u2192 ${rule.track}`);
    }
    if (r.affinity) {
      text(ul, 'li', `affinity: cookie ${r.affinity.cookie}, max-age ${r.affinity.maxAgeSeconds} s`);
    }
    if (r.mirror.percent > 0 || r.mirrored > 0) {
      const what = r.mirror.percent > 0
        ? `${r.mirror.percent}% of stable's requests${r.mirror.match.length ? ' with ' + match(r.mirror.match) : ''}` : 'off';
      text(ul, 'li', `mirror: ${what} (${r.mirrored} copied, ${r.dropped} dropped)`);
    }
  }

  // ---- traffic share and per-track charts ----

  function seriesKey(t) {
    return `${t.track} ${t.version}`;
  }

  function shareSeries() {
    const keys = new Map();
    for (const p of view.history) {
      for (const t of p.tracks) {
        keys.set(seriesKey(t), t);
      }
    }
    return [...keys.entries()].map(([name, t]) => ({
      name, colour: colour(t.version), dash: DASH[t.track],
      // over the 5 seconds up to each point: one second holds too few requests for a steady line
      points: view.history.map((p, i) => {
        let total = 0;
        let mine = 0;
        for (const q of view.history.slice(Math.max(0, i - 4), i + 1)) {
          total += q.tracks.reduce((a, x) => a + x.requests, 0);
          mine += q.tracks.filter(x => seriesKey(x) === name).reduce((a, x) => a + x.requests, 0);
        }
        return [p.t, total > 0 ? 100 * mine / total : null];
      })
    }));
  }

  function renderShare() {
    const recent = view.history.slice(-5);
    const counts = new Map();
    let total = 0;
    for (const p of recent) {
      for (const t of p.tracks) {
        const k = seriesKey(t);
        counts.set(k, (counts.get(k) || {t, n: 0}));
        counts.get(k).n += t.requests;
        total += t.requests;
      }
    }
    const bar = clear($('share-now'));
    const legend = [];
    for (const [name, {t, n}] of counts) {
      const pct = total > 0 ? 100 * n / total : 0;
      legend.push(`${name} ${pct.toFixed(0)}%`);
      if (pct <= 0) {
        continue;
      }
      const seg = text(bar, 'div', pct >= 24 ? `${name} ${pct.toFixed(0)}%` : pct >= 7 ? `${pct.toFixed(0)}%` : '', 'seg');
      seg.style.width = pct + '%';
      seg.style.background = colour(t.version);
      if (t.track === 'baseline') {
        // same version as stable, so the same colour: stripes tell the baseline apart (and its label)
        seg.style.backgroundImage = 'repeating-linear-gradient(45deg, rgba(255,255,255,0.35) 0 6px, transparent 6px 14px)';
      }
      seg.style.color = ink(colour(t.version));
      seg.dataset.series = name;
      seg.dataset.percent = pct.toFixed(1);
    }
    bar.title = total > 0 ? 'last 5 s: ' + legend.join(', ') : 'no requests in the last 5 s';
    bar.setAttribute('aria-label', bar.title);
    $('share-legend').textContent = total > 0 ? 'Last 5 s: ' + legend.join(' \u00b7 ') : '';
    if (total === 0) {
      text(bar, 'div', 'no requests in the last 5 s: start traffic (lab traffic start)', 'seg');
    }
    const {now, from} = range();
    LabCharts.line($('chart-share'), {series: shareSeries(), from, to: now, minTop: 100,
      maxTop: 100, unit: '%', empty: 'no traffic yet'});
  }

  function trackSeries(value) {
    const keys = new Map();
    for (const p of view.history) {
      for (const t of p.tracks) {
        keys.set(seriesKey(t), t);
      }
    }
    return [...keys.entries()].map(([name, t]) => ({
      name, colour: colour(t.version), dash: DASH[t.track],
      points: view.history.map(p => {
        const mine = p.tracks.find(x => seriesKey(x) === name);
        return [p.t, mine ? value(mine) : null];
      })
    }));
  }

  /** The charts' time range: what there is, at least a minute, at most the history kept. */
  function range() {
    const now = Date.now();
    const first = view.history.length ? view.history[0].t : now;
    return {now, from: Math.min(now - 60000, Math.max(now - HISTORY_MS, first))};
  }

  function renderCharts() {
    const {now, from} = range();
    const chart = (id, value, unit, minTop) => LabCharts.line($(id), {series: trackSeries(value), from, to: now,
      unit, minTop});
    chart('chart-rps', t => t.requests, '/s', 1);
    chart('chart-errors', t => t.requests > 0 ? 100 * t.errors / t.requests : null, '%', 1);
    chart('chart-restarts', t => t.restarts, '', 1);
    chart('chart-p50', t => t.p50, ' ms', 10);
    chart('chart-p95', t => t.p95, ' ms', 10);
    chart('chart-p99', t => t.p99, ' ms', 10);
  }

  // ---- rollout ----

  function outcomeBadge(parent, r) {
    const label = r.ended ? (r.outcome || 'ended') : 'running';
    const cls = label.replace(/\s+/g, '-');
    const symbol = {promoted: '\u2713 ', 'rolled back': '\u21A9 ', aborted: '\u25A0 ', inconclusive: '? ',
      running: '\u25B6 '}[label] || '';
    const b = text(parent, 'span', symbol + label.toUpperCase(), 'outcome ' + cls);
    b.id = 'rollout-outcome';
    return b;
  }

  function renderRollout() {
    const r = view.rollout;
    if (!r) {
      return;
    }
    const body = clear($('rollout-body'));
    body.dataset.id = r.id;
    outcomeBadge(body, r);
    if (r.ended && r.sentence) {
      const s = text(body, 'p', r.sentence, 'sentence');
      s.id = 'rollout-sentence';
    }
    if (r.report) {
      const p = text(body, 'p');
      const a = text(p, 'a', 'Open the HTML report', 'report-link');
      a.id = 'rollout-report';
      a.href = r.report + '?token=' + encodeURIComponent(token);
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
    }
    if (r.verdicts.length) {
      text(body, 'h3', 'Verdicts');
      const ol = text(body, 'ol', null, 'verdicts');
      ol.id = 'rollout-verdicts';
      for (const v of r.verdicts) {
        const li = text(ol, 'li');
        text(li, 'b', `${v.analysis}: ${v.verdict}. `);
        text(li, 'span', v.sentence);
      }
    }
    if (r.headline) {
      text(body, 'p', r.headline, 'headline');
    }
    const kv = text(body, 'dl', null, 'kv');
    const row = (k, v, id) => {
      text(kv, 'dt', k);
      const dd = text(kv, 'dd', v);
      if (id) {
        dd.id = id;
      }
    };
    row('Strategy', r.strategy || '-', 'rollout-strategy');
    row('Versions', r.canary ? `${r.canary} (new) over ${r.stable} (stable)` : '-');
    row('Step', r.step || '-', 'rollout-step');
    row('Weight', `${r.weight}% to the canary`, 'rollout-weight');
    if (r.analysis) {
      const a = r.analysis;
      text(body, 'h3', `Analysis: ${a.name}`);
      const pct = a.end > 0 ? Math.min(100, 100 * a.elapsed / a.end) : 0;
      const prog = text(body, 'div', null, 'progress');
      prog.setAttribute('role', 'progressbar');
      prog.setAttribute('aria-valuenow', pct.toFixed(0));
      prog.setAttribute('aria-valuemin', '0');
      prog.setAttribute('aria-valuemax', '100');
      text(prog, 'span', null, 'bar').style.width = pct + '%';
      text(prog, 'span', `${a.elapsed.toFixed(0)} / ${a.end.toFixed(0)} s`, 'text');
      const req = Object.entries(a.requests || {}).map(([k, v]) => `${k} ${v}`).join(', ');
      text(body, 'p', `Requests so far: ${req || 'none yet'}` + (a.verdict ? `; latest look: ${a.verdict}`
        + (a.score !== null && a.score !== undefined ? `, score ${a.score.toFixed(0)}` : '') : ''));
    }
    if (r.metrics.length) {
      text(body, 'h3', 'Metrics at the latest look');
      const table = text(body, 'table', null, 'metrics');
      const head = text(text(table, 'thead'), 'tr');
      text(head, 'th', 'Metric');
      text(head, 'th', 'State');
      text(head, 'th', 'Why');
      const tb = text(table, 'tbody');
      for (const m of r.metrics) {
        const tr = text(tb, 'tr');
        text(tr, 'td', m.metric);
        text(tr, 'td', SYMBOL[m.classification] || m.classification, 'cls ' + m.classification);
        text(tr, 'td', m.reason, 'why');
      }
    }
    if (window.labShadow) {
      window.labShadow.render(body, r);
    }
    const stale = text(body, 'p', '', 'stale');
    stale.id = 'rollout-stale';
    stale.hidden = true;
    text(body, 'h3', 'Events');
    const ev = text(body, 'ul', null, 'events');
    for (const e of [...r.events].reverse().slice(0, 12)) {
      text(ev, 'li', `${new Date(e.time).toLocaleTimeString()} ${e.type}: ${e.message}`);
    }
    staleCheck();
  }

  function staleCheck() {
    const r = view.rollout;
    const s = $('rollout-stale');
    if (!r || !s) {
      return;
    }
    const age = (Date.now() - new Date(r.updated).getTime()) / 1000;
    s.hidden = r.ended || age < 15;
    s.textContent = `No news from the rollout for ${age.toFixed(0)} s: its process may have stopped.`;
  }

  // ---- controls ----

  function result(message, ok) {
    const r = $('control-result');
    r.textContent = message;
    r.className = 'result ' + (ok ? 'ok' : 'refused');
  }

  async function control(what, method, path, body) {
    try {
      const answer = await api(method, path, body);
      result(`${what}: ${answer.message || 'done'}`, true);
      return answer;
    } catch (e) {
      result(`${what} refused: ${e.message}`, false);
      return null;
    }
  }

  async function faults() {
    try {
      const list = await api('GET', '/v1/faults');
      renderFaults(list);
    } catch (e) {
      renderFaults(null, e.message);
    }
  }

  function renderFaults(list, error) {
    const ul = clear($('faults'));
    if (error) {
      text(ul, 'li', 'cannot read faults: ' + error);
      return;
    }
    if (!list.length) {
      text(ul, 'li', 'no instance of this lab\'s can be reached (a cluster\'s pods are not)');
    }
    for (const i of list) {
      const what = i.error ? 'error: ' + i.error : i.active.length ? i.active.join(', ') : 'none';
      const li = text(ul, 'li', `${i.track} ${i.version} (${i.instance}): ${what}`);
      li.dataset.version = i.version;
    }
  }

  function wire() {
    $('promote').addEventListener('click', () => control('promote', 'POST', '/v1/promote'));
    $('rollback').addEventListener('click', () => control('rollback', 'POST', '/v1/rollback'));
    $('abort').addEventListener('click', () => control('abort', 'POST', '/v1/rollout/abort',
      {reason: 'aborted from the dashboard'}));
    $('weight-form').addEventListener('submit', e => {
      e.preventDefault();
      control('set weight', 'POST', '/v1/weight', {percent: Number($('weight-input').value)});
    });
    $('fault-form').addEventListener('submit', async e => {
      e.preventDefault();
      const version = $('fault-version').value;
      const answer = await control(`break ${version}`, 'POST', '/v1/faults', {version,
        latencyMs: Number($('fault-latency').value), latencyRatio: Number($('fault-ratio').value) / 100,
        errorRate: Number($('fault-errors').value) / 100});
      if (answer) {
        result(`${version}: ${describe(answer)}`, true);
        faults();
      }
    });
    $('heal').addEventListener('click', async () => {
      const version = $('fault-version').value;
      const answer = await control(`heal ${version}`, 'POST', '/v1/faults', {version, clear: true});
      if (answer) {
        result(`${version}: faults cleared`, true);
        faults();
      }
    });
    window.addEventListener('resize', () => renderAll());
  }

  function describe(instances) {
    const active = instances.filter(i => !i.error).map(i => i.active.join(', ') || 'none');
    const failed = instances.filter(i => i.error).map(i => `${i.instance}: ${i.error}`);
    return [...new Set(active)].join('; ') + (failed.length ? '; not changed on ' + failed.join(', ') : '');
  }

  function renderAll(skipRollout) {
    renderVersions();
    renderGrid();
    renderShare();
    renderCharts();
    if (!skipRollout) {
      renderRollout();
    }
    stage();
  }

  /** The projector layout (stage.js, ?view=stage) redraws from the same state. */
  function stage() {
    if (window.LabStage) {
      window.LabStage.render();
    }
  }

  // What stage.js draws from: the same state and colours as this page.
  window.LabDashboard = {view, colour, ink, weightOf, seriesKey, trackSeries, range};
  wire();
  start();
})();
