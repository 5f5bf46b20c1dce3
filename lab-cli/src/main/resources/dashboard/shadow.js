// The shadow judges on the live page: for the latest looks, how Kayenta, Flagger and Argo Rollouts judged the same
// data as canary-lab (RolloutState.shadow, sent by the rollout's feed), a disagreement marked and its reason shown.
// dashboard.js calls window.labShadow.render after it draws the rollout panel.
'use strict';
window.labShadow = (function () {
  const SHOWN = 8;

  function el(parent, tag, content, cls) {
    const e = document.createElement(tag);
    if (content !== null && content !== undefined) {
      e.textContent = content;
    }
    if (cls) {
      e.className = cls;
    }
    parent.appendChild(e);
    return e;
  }

  function render(parent, rollout) {
    const looks = (rollout && rollout.shadow) || [];
    if (!looks.length) {
      return;
    }
    const section = el(parent, 'div', null, 'shadow');
    section.id = 'rollout-shadow';
    el(section, 'h3', 'Shadow judges');
    el(section, 'p', 'The same looks as Kayenta, Flagger and Argo Rollouts would judge them; \u2260 disagrees with'
      + ' canary-lab.', 'hint');
    const judges = [];
    looks.forEach(l => l.judges.forEach(j => {
      if (!judges.includes(j.judge)) {
        judges.push(j.judge);
      }
    }));
    const table = el(section, 'table', null, 'metrics shadow-looks');
    const head = el(el(table, 'thead'), 'tr');
    ['Analysis', 'Look', 'canary-lab', ...judges].forEach(h => el(head, 'th', h));
    const body = el(table, 'tbody');
    const latest = looks.slice(-SHOWN).reverse();
    for (const l of latest) {
      const tr = el(body, 'tr');
      el(tr, 'td', l.analysis);
      el(tr, 'td', String(l.look));
      el(tr, 'td', l.lab || '-', 'verdict ' + (l.lab || ''));
      for (const name of judges) {
        const j = l.judges.find(x => x.judge === name);
        const td = el(tr, 'td', j ? (j.disagrees ? '\u2260 ' : '') + j.verdict : '-',
          'verdict ' + (j ? j.verdict : '') + (j && j.disagrees ? ' disagrees' : ''));
        if (j) {
          td.title = j.reason;
        }
      }
    }
    const said = latest.find(l => l.judges.some(j => j.disagrees));
    if (said) {
      const ul = el(section, 'ul', null, 'events shadow-why');
      ul.id = 'rollout-shadow-why';
      for (const j of said.judges.filter(x => x.disagrees)) {
        el(ul, 'li', `${said.analysis}, look ${said.look}: ${j.judge}: ${j.verdict} (${j.reason});`
          + ` canary-lab: ${said.lab}`);
      }
    }
  }

  return {render};
})();
