// Audience mode on the dashboard: the QR code of the audience page (GET /lab/audience-qr.svg, public, for any
// layout) and how many phones each version answered in the last seconds (GET /v1/audience, with the token).
// Fills the element with id "audience" when the page has one, else adds one to the running versions' panel.
// Hidden while audience mode is off.
(function () {
  'use strict';
  const REFRESH_MS = 2000;
  const token = new URLSearchParams(location.search).get('token') || '';

  function section() {
    let s = document.getElementById('audience');
    if (!s) {
      // Beside the running versions: phones per version belong with them, and the QR code is in sight.
      s = document.createElement('div');
      s.id = 'audience';
      (document.getElementById('versions') || document.querySelector('main') || document.body).appendChild(s);
    }
    s.classList.add('audience');
    s.setAttribute('aria-labelledby', 'audience-title');
    return s;
  }

  function build(s) {
    s.textContent = '';
    const h = document.createElement('h3');
    h.id = 'audience-title';
    h.textContent = 'Audience: scan to join';
    const img = document.createElement('img');
    img.className = 'audience-qr';
    img.src = 'audience-qr.svg';
    img.alt = 'QR code of the audience page';
    const url = document.createElement('p');
    url.id = 'audience-url';
    url.className = 'audience-url';
    const total = document.createElement('p');
    total.id = 'audience-total';
    total.className = 'audience-total';
    total.setAttribute('aria-live', 'polite');
    const list = document.createElement('ul');
    list.id = 'audience-devices';
    list.className = 'audience-devices';
    s.append(h, img, url, total, list);
  }

  function render(s, a) {
    if (!s.querySelector('.audience-qr')) {
      build(s);
    }
    s.hidden = false;
    document.getElementById('audience-url').textContent = a.url;
    const phones = a.devices.reduce((n, d) => n + d.count, 0);
    document.getElementById('audience-total').textContent = phones + (phones === 1 ? ' phone' : ' phones')
      + ' in the last ' + a.windowSeconds + ' s';
    const list = document.getElementById('audience-devices');
    list.textContent = '';
    for (const d of a.devices) {
      const li = document.createElement('li');
      li.dataset.version = d.version;
      const swatch = document.createElement('span');
      swatch.className = 'audience-swatch';
      if (d.color) {
        swatch.style.backgroundColor = d.color;
      }
      const count = document.createElement('b');
      count.className = 'audience-count';
      count.textContent = d.count;
      li.append(swatch, document.createTextNode(d.version + ': '), count,
        document.createTextNode(d.count === 1 ? ' phone' : ' phones'));
      list.appendChild(li);
    }
  }

  // The stage view (stage.js) shows the same QR code and counts in its own slot.
  function stage(a) {
    if (window.LabStage && window.LabStage.audience) {
      window.LabStage.audience(a);
    }
  }

  async function refresh() {
    const s = section();
    let wait = REFRESH_MS;
    try {
      const r = await fetch('/v1/audience', {headers: {'Authorization': 'Bearer ' + token}, cache: 'no-store'});
      if (r.status === 200) {
        const a = await r.json();
        render(s, a);
        stage(a);
      } else {
        s.hidden = true;
        stage(null);
        wait = 5 * REFRESH_MS; // audience mode off (204) or no token (401): nothing to show
      }
    } catch (e) {
      wait = 5 * REFRESH_MS;
    }
    setTimeout(refresh, wait);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', refresh);
  } else {
    refresh();
  }
}());
