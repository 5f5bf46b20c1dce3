// The audience page: every 1.5 s a real request through the router (the analysis counts it); the router says
// which version answered and its colour in the X-Lab-Version and X-Lab-Color headers.
(function () {
  'use strict';
  const REFRESH_MS = 1500;
  const PATH = '/api/color';
  const $ = (id) => document.getElementById(id);
  let answers = 0;
  let errors = 0;

  function show(version, colour, track, state, bad) {
    $('version').textContent = version;
    $('track').textContent = '';
    if (colour) {
      document.body.style.backgroundColor = colour;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.backgroundColor = colour;
      $('track').appendChild(swatch);
    }
    $('track').appendChild(document.createTextNode(track ? colour + ', ' + track.toLowerCase() : (colour || '')));
    $('state').textContent = state;
    $('state').className = bad ? 'state bad' : 'state';
    document.title = version + ' - canary-lab';
  }

  async function refresh() {
    const started = performance.now();
    let wait = REFRESH_MS;
    try {
      const res = await fetch(PATH, { cache: 'no-store', credentials: 'same-origin' });
      const ms = Math.round(performance.now() - started);
      const version = res.headers.get('X-Lab-Version');
      const colour = res.headers.get('X-Lab-Color');
      let track = null;
      if ((res.headers.get('Content-Type') || '').includes('json')) {
        try { track = (await res.json()).track || null; } catch (e) { /* not the sample app's JSON */ }
      }
      if (res.status === 429) {
        wait = 1000 * (Number(res.headers.get('Retry-After')) || 2) + REFRESH_MS;
        $('state').textContent = 'Slowing down: too many requests from this network';
        $('state').className = 'state bad';
      } else if (version) {
        answers++;
        if (res.status >= 500) {
          errors++;
        }
        show(version, colour, track, res.status >= 500 ? 'answered with an error (' + res.status + ')'
          : 'answered in ' + ms + ' ms', res.status >= 500);
        $('latency').textContent = ms + ' ms';
      } else {
        errors++;
        $('state').textContent = 'no version could answer (' + res.status + ')';
        $('state').className = 'state bad';
      }
    } catch (e) {
      $('state').textContent = 'the lab cannot be reached; retrying';
      $('state').className = 'state bad';
    }
    $('answers').textContent = answers;
    $('errors').textContent = errors;
    setTimeout(refresh, wait);
  }

  refresh();
}());
