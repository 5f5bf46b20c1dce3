// The projector layout (?view=stage): the verdict, the traffic share and one latency chart, large enough to read
// from the back of a room at 1280x720, and nothing else. It draws from the same state as the full page
// (dashboard.js calls LabStage.render after each update), so it opens no connection of its own.
//
// Hooks for the other parts of the page (see docs/dashboard.md, "Stage view"):
// - audience mode: whoever reads GET /v1/audience (audience.js) passes its answer ({url, devices, windowSeconds})
//   to LabStage.audience(answer), or null while audience mode is off; the QR slot shows the QR code
//   (audience-qr.svg, or answer.qr when given), the address and the phones per version; hidden without it;
// - shadow judges: when the rollout state has shadow looks (RolloutState.shadow), one line gives the latest
//   look's: "Kayenta PASS · Flagger PASS · Argo PASS · canary-lab FAIL"; hidden without them.
'use strict';
(function () {
  if (new URLSearchParams(location.search).get('view') !== 'stage') {
    window.LabStage = {render() { }, audience() { }};
    return;
  }
  document.documentElement.classList.add('stage-view');

  // The chart's drawing (lines, labels, ticks) at 1.6 times the full page's at 1280x720, more on larger screens.
  const chartScale = () => Math.max(1.2, 1.6 * Math.min(innerWidth / 1280, innerHeight / 720));
  const SHARE_WINDOW = 5;
  const SYMBOL = {PASS: '\u2713', FAIL: '\u2715', MARGINAL: '~', INCONCLUSIVE: '?', ERROR: '!', RUNNING: '\u25B6',
    ABORTED: '\u25A0', IDLE: '\u2026'};
  const OUTCOME_CLASS = {promoted: 'PASS', 'rolled back': 'FAIL', inconclusive: 'INCONCLUSIVE', aborted: 'ABORTED'};
  const $ = id => document.getElementById(id);
  let audienceNow = null;

  function el(parent, tag, attrs, content) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      e.setAttribute(k, v);
    }
    if (content !== undefined && content !== null) {
      e.textContent = content;
    }
    parent.appendChild(e);
    return e;
  }

  function build() {
    const stage = document.createElement('div');
    stage.id = 'stage';
    stage.className = 'stage';
    const top = el(stage, 'div', {class: 'stage-top'});
    el(top, 'span', {class: 'stage-title'}, 'canary-lab');
    el(top, 'span', {id: 'stage-release', class: 'stage-release', 'aria-live': 'polite'});
    el(top, 'span', {id: 'stage-connection', class: 'stage-connection', role: 'status'});

    const verdict = el(stage, 'section', {class: 'stage-verdict', 'aria-label': 'verdict'});
    el(verdict, 'div', {id: 'stage-badge', class: 'stage-badge IDLE', 'aria-live': 'polite'}, 'connecting\u2026');
    el(verdict, 'p', {id: 'stage-sentence', class: 'stage-sentence'});
    // Shadow judges' slot: one line, shown only when the rollout state carries their verdicts.
    el(verdict, 'p', {id: 'stage-shadows', class: 'stage-shadows', hidden: ''});

    const share = el(stage, 'section', {id: 'stage-share', class: 'stage-share', 'aria-labelledby': 'stage-share-title'});
    el(share, 'h2', {id: 'stage-share-title'}, 'Traffic share');
    el(share, 'div', {id: 'stage-share-bar', class: 'stage-share-bar', role: 'img'});
    el(share, 'ul', {id: 'stage-share-list', class: 'stage-share-list'});

    const chart = el(stage, 'section', {class: 'stage-chart', 'aria-labelledby': 'stage-chart-title'});
    el(chart, 'h2', {id: 'stage-chart-title'}, 'p95 latency, ms');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.id = 'stage-latency';
    svg.setAttribute('class', 'chart');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', '95th percentile latency of canary, baseline and stable');
    chart.appendChild(svg);

    // Audience mode's slot: the QR code of the audience address, shown only while audience mode is on.
    const qr = el(stage, 'figure', {id: 'stage-qr', class: 'stage-qr', hidden: ''});
    el(qr, 'img', {id: 'stage-qr-image', alt: 'QR code of the audience address'});
    const caption = el(qr, 'figcaption');
    el(caption, 'span', {id: 'stage-qr-address', class: 'stage-qr-address'});
    el(caption, 'span', {id: 'stage-qr-phones', class: 'stage-qr-phones', 'aria-live': 'polite'});

    const banner = $('banner');
    banner.parentNode.insertBefore(stage, banner.nextSibling);
  }

  // ---- verdict ----

  /** The headline of the moment: the decision once made, else the latest look, else what is going on. */
  function verdictOf(r) {
    if (!r) {
      return {cls: 'IDLE', label: 'NO ROLLOUT YET', sentence: 'Run lab rollout v3 (or lab demo) and watch it here.'};
    }
    const last = r.verdicts.length ? r.verdicts[r.verdicts.length - 1] : null;
    if (r.ended) {
      const sentence = r.sentence || (last && last.sentence) || r.headline;
      if (!r.outcome) { // decided, its outcome not sent yet: the verdict alone
        return {cls: last ? last.verdict : 'RUNNING', label: last ? last.verdict : 'ENDED', sentence};
      }
      const cls = OUTCOME_CLASS[r.outcome] || (last ? last.verdict : 'ABORTED');
      return {cls, label: (last ? last.verdict + ' \u00b7 ' : '') + r.outcome.toUpperCase(), sentence};
    }
    const look = r.analysis && r.analysis.verdict;
    if (look) {
      return {cls: look, label: `${look} SO FAR`, sentence: last ? `${last.analysis}: ${last.sentence}` : r.headline};
    }
    return {cls: 'RUNNING', label: 'RUNNING', sentence: last ? `${last.analysis}: ${last.sentence}` : r.headline};
  }

  function renderVerdict(r) {
    const v = verdictOf(r);
    const badge = $('stage-badge');
    badge.className = 'stage-badge ' + v.cls;
    badge.dataset.verdict = v.cls;
    badge.textContent = `${SYMBOL[v.cls] || ''} ${v.label}`.trim();
    const s = $('stage-sentence');
    s.textContent = v.sentence || '';
    s.title = v.sentence || '';
    const release = r && r.canary ? `${r.canary} over ${r.stable}` + (r.ended ? '' : ` \u00b7 ${r.step} \u00b7 canary ${r.weight}%`)
      : '';
    $('stage-release').textContent = release;
    renderShadows(r);
  }

  function renderShadows(r) {
    const line = $('stage-shadows');
    const looks = r && Array.isArray(r.shadow) ? r.shadow : [];
    const latest = looks.length ? looks[looks.length - 1] : null;
    line.hidden = !latest;
    line.replaceChildren();
    if (!latest) {
      return;
    }
    const said = latest.judges.map(j => ({who: j.judge, verdict: j.verdict, disagrees: j.disagrees}));
    said.push({who: 'canary-lab', verdict: latest.lab || '-', lab: true});
    said.forEach((j, i) => {
      if (i > 0) {
        line.appendChild(document.createTextNode(' \u00b7 '));
      }
      // a judge that disagrees with the lab is marked with more than colour: underlined, and named so on hover
      const span = el(line, 'span', {class: 'judge' + (j.disagrees ? ' disagrees' : '') + (j.lab ? ' lab' : ''),
        title: j.disagrees ? `${j.who} disagrees with canary-lab` : ''}, `${j.who} ${j.verdict}`);
      span.dataset.verdict = j.verdict;
    });
  }

  // ---- traffic share: measured over the last seconds, else the routing's weights ----

  function renderShare(d) {
    const counts = new Map();
    let total = 0;
    for (const p of d.view.history.slice(-SHARE_WINDOW)) {
      for (const t of p.tracks) {
        const k = d.seriesKey(t);
        const c = counts.get(k) || {t, n: 0};
        c.n += t.requests;
        counts.set(k, c);
        total += t.requests;
      }
    }
    let measured = total > 0;
    const rows = [];
    if (measured) {
      for (const [name, {t, n}] of counts) {
        rows.push({name, track: t.track, version: t.version, pct: 100 * n / total});
      }
    } else if (d.view.status) {
      for (const t of d.view.status.tracks) {
        rows.push({name: `${t.track} ${t.version}`, track: t.track, version: t.version, pct: d.weightOf(d.view.status, t.track)});
      }
    }
    $('stage-share-title').textContent = measured ? `Traffic, last ${SHARE_WINDOW} s` : 'Weights (no requests now)';
    const bar = $('stage-share-bar');
    const list = $('stage-share-list');
    bar.replaceChildren();
    list.replaceChildren();
    for (const row of rows) {
      const colour = d.colour(row.version);
      const pct = `${row.pct.toFixed(0)}%`;
      if (row.pct > 0) {
        const seg = el(bar, 'div', {class: 'seg'}, row.pct >= 12 ? pct : '');
        seg.style.width = row.pct + '%';
        seg.style.background = colour;
        seg.style.color = d.ink(colour);
        if (row.track === 'baseline') {
          seg.style.backgroundImage = 'repeating-linear-gradient(45deg, rgba(255,255,255,0.35) 0 8px, transparent 8px 18px)';
        }
        seg.dataset.series = row.name;
        seg.dataset.percent = row.pct.toFixed(1);
      }
      const li = el(list, 'li');
      li.dataset.series = row.name;
      el(li, 'span', {class: 'swatch' + (row.track === 'baseline' ? ' striped' : '')}).style.background = colour;
      el(li, 'span', {class: 'name'}, row.name);
      el(li, 'span', {class: 'pct'}, pct);
    }
    bar.setAttribute('aria-label', rows.map(r => `${r.name} ${r.pct.toFixed(0)}%`).join(', ') || 'no tracks');
  }

  // ---- one latency chart: canary, baseline and stable ----

  /**
   * The p95 of the rollout's versions since a little before it started (all tracks' before the first rollout):
   * one story, not the lab's past, whose cold start would set the scale.
   */
  function renderChart(d) {
    const range = d.range();
    const now = range.now;
    const r = d.view.rollout;
    const start = r && r.events.length && r.events[0].type === 'start' ? Date.parse(r.events[0].time) : NaN;
    const from = isFinite(start) ? Math.max(range.from, Math.min(now - 60000, start - 10000)) : range.from;
    const versions = r && r.canary ? [r.canary, r.stable] : null;
    const series = d.trackSeries(t => t.p95).filter(s => !versions || versions.some(v => s.name.endsWith(' ' + v)))
      .map(s => Object.assign({}, s, {points: s.points.filter(([t]) => t >= from)})); // the scale too
    LabCharts.line($('stage-latency'), {series, from, to: now, unit: ' ms', minTop: 10, scale: chartScale()});
  }

  // ---- audience mode's QR code ----

  function renderQr() {
    const a = audienceNow;
    const fig = $('stage-qr');
    fig.hidden = !a;
    document.documentElement.classList.toggle('stage-audience', !!a);
    if (!a) {
      return;
    }
    const img = $('stage-qr-image');
    const src = a.qr || 'audience-qr.svg';
    if (img.getAttribute('src') !== src) {
      img.setAttribute('src', src);
    }
    $('stage-qr-address').textContent = a.url || '';
    const devices = a.devices || [];
    const phones = devices.reduce((n, d) => n + d.count, 0);
    $('stage-qr-phones').textContent = `${phones} ${phones === 1 ? 'phone' : 'phones'}`
      + (devices.length ? ': ' + devices.map(d => `${d.version} ${d.count}`).join(' \u00b7 ') : '');
  }

  function audience(answer) {
    audienceNow = answer || null;
    if ($('stage')) {
      renderQr();
    }
  }

  function render() {
    const d = window.LabDashboard;
    if (!d || !d.view.status || !$('stage')) {
      return;
    }
    const conn = $('connection');
    const c = $('stage-connection');
    c.textContent = conn.classList.contains('down') ? conn.textContent : '';
    c.hidden = !c.textContent;
    renderVerdict(d.view.rollout);
    renderShare(d);
    renderChart(d);
    renderQr();
  }

  window.LabStage = {render, audience};
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', build);
  } else {
    build();
  }
})();
