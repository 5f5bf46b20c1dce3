// Small live line charts in SVG, drawn at the element's own pixel size so text stays readable: each line has a
// colour, a dash pattern and its name at its right end (never colour alone). No library, nothing fetched.
'use strict';
(function () {
  const NS = 'http://www.w3.org/2000/svg';

  function el(parent, name, attrs, text) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) {
      e.setAttribute(k, v);
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    parent.appendChild(e);
    return e;
  }

  function niceStep(raw) {
    if (!(raw > 0)) {
      return 1;
    }
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
  }

  function fmt(v) {
    if (v === null || v === undefined || !isFinite(v)) {
      return '-';
    }
    const a = Math.abs(v);
    const t = a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
    return t.includes('.') ? t.replace(/\.?0+$/, '') : t;
  }

  /**
   * series: [{name, colour, dash, points: [[epochMillis, value|null], ...]}]; from/to: epoch millis of the x range.
   * Values of null are gaps; scale (default 1) enlarges the whole drawing, for the projector layout.
   */
  function line(svg, opts) {
    // opts.scale > 1 draws in fewer user units than pixels, so the browser enlarges lines and text alike
    const k = opts.scale || 1;
    const w = Math.max(200, (svg.clientWidth || 600) / k);
    const h = Math.max(120, (svg.clientHeight || 230) / k);
    svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
    while (svg.firstChild) {
      svg.removeChild(svg.firstChild);
    }
    const left = 52;
    const right = w - Math.min(195, w * 0.36);
    const top = 12;
    const bottom = h - 26;
    let max = opts.minTop || 1;
    for (const s of opts.series) {
      for (const [, v] of s.points) {
        if (v !== null && isFinite(v)) {
          max = Math.max(max, v);
        }
      }
    }
    if (opts.maxTop) {
      max = Math.min(max, opts.maxTop);
    }
    const step = niceStep(max / 4);
    const yMax = Math.ceil(max / step) * step;
    const x = t => left + (right - left) * (t - opts.from) / Math.max(1, opts.to - opts.from);
    const y = v => bottom - (bottom - top) * Math.min(v, yMax) / yMax;

    for (let v = 0; v <= yMax + step / 2; v += step) {
      el(svg, 'line', {x1: left, x2: right, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid-line'});
      el(svg, 'text', {x: left - 6, y: y(v) + 5, 'text-anchor': 'end', class: 'tick'}, fmt(v));
    }
    const span = (opts.to - opts.from) / 1000;
    // wider apart when the labels would touch (an enlarged chart has less room per second): "-1m30s" needs more
    const least = span > 240 ? 60 : span > 90 ? 30 : span > 40 ? 10 : 5;
    const fits = e => (right - left) * e / Math.max(1, span) >= (span > 60 && e % 60 ? 64 : 44);
    const tickEvery = [5, 10, 30, 60, 120, 300].find(e => e >= least && fits(e)) || 300;
    for (let s = 0; s <= span + 0.5; s += tickEvery) {
      const t = opts.to - s * 1000;
      el(svg, 'line', {x1: x(t), x2: x(t), y1: bottom, y2: bottom + 5, class: 'axis'});
      el(svg, 'text', {x: x(t), y: h - 6, 'text-anchor': s === 0 ? 'end' : 'middle', class: 'tick'},
        s === 0 ? 'now' : (s >= 60 ? `-${Math.floor(s / 60)}m${s % 60 ? (s % 60) + 's' : ''}` : `-${s}s`));
    }

    const labels = [];
    let drawn = 0;
    for (const s of opts.series) {
      const segments = [];
      let current = [];
      for (const [t, v] of s.points) {
        if (t < opts.from) {
          continue;
        }
        if (v === null || !isFinite(v)) {
          if (current.length) {
            segments.push(current);
          }
          current = [];
        } else {
          current.push(`${x(t).toFixed(1)},${y(v).toFixed(1)}`);
        }
      }
      if (current.length) {
        segments.push(current);
      }
      for (const seg of segments) {
        const d = (seg.length === 1 ? [seg[0], seg[0]] : seg).join(' ');
        el(svg, 'polyline', {points: d, class: 'halo', 'stroke-dasharray': s.dash || 'none'});
        el(svg, 'polyline', {points: d, class: 'line', stroke: s.colour, 'stroke-dasharray': s.dash || 'none',
          'data-series': s.name});
        drawn++;
      }
      const last = [...s.points].reverse().find(([, v]) => v !== null && isFinite(v));
      if (last) {
        labels.push({name: s.name, value: last[1], y: y(last[1])});
      }
    }
    if (!drawn) {
      el(svg, 'text', {x: (left + right) / 2, y: (top + bottom) / 2, 'text-anchor': 'middle', class: 'empty-note'},
        opts.empty || 'no traffic yet');
    }
    // Labels at the right end, pushed apart so that none overlaps another.
    labels.sort((a, b) => a.y - b.y);
    for (let i = 1; i < labels.length; i++) {
      labels[i].y = Math.max(labels[i].y, labels[i - 1].y + 18);
    }
    for (let i = labels.length - 1; i >= 0; i--) {
      const limit = i === labels.length - 1 ? bottom : labels[i + 1].y - 18;
      labels[i].y = Math.min(labels[i].y, limit);
    }
    for (const l of labels) {
      el(svg, 'text', {x: right + 8, y: l.y + 5, class: 'label'}, `${l.name} ${fmt(l.value)}${opts.unit || ''}`);
    }
  }

  window.LabCharts = {line, fmt};
})();
