// The dashboard's one page: a table it fills from /progress.json every few seconds. No dependencies.

/** How often the page asks for fresh progress. */
export const REFRESH_MS = 3000;

export const DASHBOARD_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>auth-delegator-lab · workshop</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #222; }
  h1 { font-size: 1.2rem; margin: 0 0 .25rem; }
  #status { color: #666; margin-bottom: 1rem; }
  table { border-collapse: collapse; }
  th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: center; }
  th.step { font-weight: normal; font-size: 12px; max-width: 9rem; }
  th.nb { background: #f4f4f4; }
  td.learner { text-align: left; font-family: ui-monospace, monospace; white-space: nowrap; }
  td.done { background: #d7f5dd; }
  td.not-yet { background: #fafafa; color: #aaa; }
  td.error { background: #fbd9d9; }
  td.count { font-weight: bold; }
</style>
</head>
<body>
<h1>auth-delegator-lab · workshop progress</h1>
<div id="status">loading…</div>
<table id="grid"></table>
<script>
const MARK = { 'done': '✓', 'not yet': '·', 'error': '✗' };
function cell(tag, text, cls, title) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (cls) el.className = cls;
  if (title) el.title = title;
  return el;
}
function draw(p) {
  const grid = document.getElementById('grid');
  grid.replaceChildren();
  const groups = document.createElement('tr');
  groups.append(cell('th', 'learner', 'nb'));
  const seen = [];
  for (const s of p.steps) {
    if (seen.at(-1)?.nb === s.notebook) seen.at(-1).n++; else seen.push({ nb: s.notebook, n: 1 });
  }
  for (const g of seen) { const th = cell('th', 'notebook ' + g.nb, 'nb'); th.colSpan = g.n; groups.append(th); }
  groups.append(cell('th', 'done', 'nb'));
  const titles = document.createElement('tr');
  titles.append(cell('th', ''));
  for (const s of p.steps) titles.append(cell('th', s.title, 'step'));
  titles.append(cell('th', ''));
  grid.append(groups, titles);
  for (const l of p.learners) {
    const tr = document.createElement('tr');
    tr.append(cell('td', l.prefix, 'learner'));
    let done = 0;
    for (const s of p.steps) {
      const state = l.cells[s.id];
      if (state === 'done') done++;
      const note = l.notes && l.notes[s.id] ? ' ' + l.notes[s.id] : '';
      tr.append(cell('td', (MARK[state] || '?') + note, state.replace(' ', '-'), l.errors[s.id] || s.title));
    }
    tr.append(cell('td', done + '/' + p.steps.length, 'count'));
    grid.append(tr);
  }
  document.getElementById('status').textContent = p.learners.length + ' learners · checked live at ' +
    new Date(p.at).toLocaleTimeString() + ' · refreshed every ${REFRESH_MS / 1000} s';
}
async function refresh() {
  try {
    // The page's own query (the host's token, when the dashboard serves beyond this machine) goes along.
    const res = await fetch('progress.json' + location.search, { cache: 'no-store' });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || res.status);
    draw(body);
  } catch (e) {
    document.getElementById('status').textContent = 'cannot read progress: ' + e.message;
  } finally {
    setTimeout(refresh, ${REFRESH_MS});
  }
}
refresh();
</script>
</body>
</html>
`;
