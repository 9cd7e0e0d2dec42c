// claimgraph web workspace. Every string that comes from a document or the store is put on
// the page with textContent (through `el`), never parsed as HTML; links are only ever built
// to this origin's own pages, or to http(s) URLs checked by `safeUrl`.

const main = document.getElementById('main');

// ---- DOM helpers ------------------------------------------------------------------------

/** Builds an element. `attrs`: class, href, title, data-*, on* (functions); children: nodes or text. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  return append(node, children);
}

/** An http(s) URL from a document, or null (javascript:, data: and the rest are refused). */
function safeUrl(u) {
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function link(path, ...children) {
  return el('a', { href: path }, ...children);
}

const enc = encodeURIComponent;
const docPath = (id) => '/doc/' + enc(id);
const actorPath = (key) => '/actor/' + enc(key);

function actorLink(name, kb) {
  if (!name) return el('span', { class: 'muted' }, '—');
  return link(actorPath(kb || name), name);
}

function shortId(id) {
  return (id || '').replace(/^sha256:/, '').slice(0, 12);
}

function setPage(title, ...children) {
  document.title = title ? `${title} · claimgraph` : 'claimgraph';
  main.replaceChildren(...children.flat().filter(Boolean));
}

function errorBox(e) {
  return el('p', { class: 'error', role: 'alert' }, String(e && e.message ? e.message : e));
}

// ---- API --------------------------------------------------------------------------------

const TOKEN_KEY = 'claimgraph-token';
function token() {
  return localStorage.getItem(TOKEN_KEY) || '';
}

async function api(path, opts = {}) {
  const headers = Object.assign({}, opts.headers || {});
  if (opts.method && opts.method !== 'GET') {
    const t = token();
    if (t) headers.Authorization = 'Bearer ' + t;
  }
  const res = await fetch('/api' + path, Object.assign({}, opts, { headers }));
  const isJson = (res.headers.get('content-type') || '').includes('application/json');
  const body = isJson ? await res.json() : null;
  if (!res.ok) {
    const msg = body && body.error ? body.error : res.statusText;
    throw new Error(`${res.status}: ${msg}`);
  }
  return body;
}

function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? '?' + s : '';
}

// ---- token panel --------------------------------------------------------------------------

function setupToken() {
  const panel = document.getElementById('token-panel');
  const input = document.getElementById('token-input');
  const button = document.getElementById('token-button');
  const refresh = () => {
    button.textContent = token() ? 'API token ✓' : 'API token';
  };
  button.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    input.value = token();
  });
  document.getElementById('token-save').addEventListener('click', () => {
    localStorage.setItem(TOKEN_KEY, input.value.trim());
    panel.hidden = true;
    refresh();
  });
  document.getElementById('token-forget').addEventListener('click', () => {
    localStorage.removeItem(TOKEN_KEY);
    input.value = '';
    refresh();
  });
  refresh();
}

// ---- home: search and recent documents ------------------------------------------------------

/** A search snippet: the store marks matches with [ and ]; shown as <mark>, as text. */
function snippet(s) {
  const out = [];
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  let m;
  while ((m = re.exec(s)) !== null) {
    out.push(s.slice(last, m.index), el('mark', {}, m[1]));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return el('span', { class: 'snippet' }, out);
}

async function home(params) {
  const q = params.get('q') || '';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  document.getElementById('search-q').value = q;
  const parts = [];
  if (q) {
    const hits = await api('/search' + qs({ q, limit: 50 }));
    parts.push(
      el('h1', {}, 'Search: ', el('q', {}, q)),
      hits.items.length
        ? el('ol', { class: 'hits', id: 'search-results' },
            hits.items.map((h) => el('li', {}, link(docPath(h.doc_id), h.title || shortId(h.doc_id)), ' ', snippet(h.snippet))))
        : el('p', { class: 'muted', id: 'search-results' }, 'No document matches.'),
    );
  }
  const [stats, docs] = await Promise.all([api('/stats'), api('/documents' + qs({ limit: 25, offset }))]);
  parts.push(
    el('h1', {}, 'Recent documents'),
    el('p', { class: 'muted' },
      `${stats.documents} documents, ${stats.entities} entities, ${stats.events} events, ${stats.claims} claims`),
    el('table', { class: 'list', id: 'recent' },
      el('thead', {}, el('tr', {}, ['Published', 'Title', 'Publisher', 'Entities', 'Events', 'Claims'].map((h) => el('th', {}, h)))),
      el('tbody', {}, docs.items.map((d) => el('tr', {},
        el('td', {}, d.published || '—'),
        el('td', {}, link(docPath(d.id), d.title || shortId(d.id))),
        el('td', {}, d.publisher || ''),
        el('td', { class: 'num' }, d.n_entities),
        el('td', { class: 'num' }, d.n_events),
        el('td', { class: 'num' }, d.n_claims))))),
    el('p', { class: 'pager' },
      offset > 0 ? link('/' + qs({ q, offset: Math.max(0, offset - 25) }), '← newer') : null,
      docs.items.length === 25 ? link('/' + qs({ q, offset: offset + 25 }), 'older →') : null),
    addDocumentForm(),
  );
  setPage(q ? `Search ${q}` : 'Documents', parts);
}

function addDocumentForm() {
  const text = el('textarea', { rows: 6, id: 'add-text', placeholder: 'Paste a report (plain text or HTML)' });
  const title = el('input', { id: 'add-title', placeholder: 'Title (optional)' });
  const published = el('input', { id: 'add-published', placeholder: 'Published YYYY-MM-DD (optional)' });
  const status = el('span', { class: 'status', role: 'status' });
  const submit = async (ev) => {
    ev.preventDefault();
    status.textContent = 'Reading…';
    try {
      const body = text.value;
      const isHtml = /^\s*</.test(body);
      const r = await api('/documents' + qs({ title: title.value.trim(), published: published.value.trim() }), {
        method: 'POST',
        headers: { 'Content-Type': isHtml ? 'text/html' : 'text/plain' },
        body,
      });
      status.replaceChildren(`${r.outcome}: ${r.events} events, ${r.claims} claims — `, link(docPath(r.id), 'open'));
    } catch (e) {
      status.textContent = String(e.message);
    }
  };
  return el('details', { class: 'add' }, el('summary', {}, 'Add a document'),
    el('form', { onsubmit: submit }, text, el('div', { class: 'row' }, title, published, el('button', { type: 'submit' }, 'Extract and store'), status)));
}

// ---- document reader ------------------------------------------------------------------------

/** The annotations of an extraction as [start, end) char ranges with their record. */
function annotations(x) {
  const out = [];
  for (const e of x.entities) for (const m of e.mentions) out.push({ kind: 'entity', start: m.start, end: m.end, rec: e });
  for (const v of x.events) for (const s of v.evidence) out.push({ kind: 'event', start: s.start, end: s.end, rec: v });
  for (const c of x.claims) for (const s of c.evidence) out.push({ kind: 'claim', start: s.start, end: s.end, rec: c });
  return out;
}

/**
 * The text cut at every annotation boundary. Offsets are in chars (code points); JS strings
 * are UTF-16, so the text is first split into code points.
 */
function segments(text, anns) {
  const cps = Array.from(text);
  const cuts = new Set([0, cps.length]);
  for (const a of anns) {
    if (a.start >= 0 && a.end <= cps.length && a.start < a.end) {
      cuts.add(a.start);
      cuts.add(a.end);
    }
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const segs = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [s, e] = [bounds[i], bounds[i + 1]];
    const cover = anns.filter((a) => a.start <= s && a.end >= e);
    segs.push({ start: s, end: e, text: cps.slice(s, e).join(''), cover });
  }
  return segs;
}

function field(label, ...value) {
  const v = value.flat().filter((x) => x !== null && x !== undefined && x !== '');
  return el('div', { class: 'field' }, el('dt', {}, label), el('dd', {}, v.length ? v : el('span', { class: 'muted' }, '—')));
}

function countText(c) {
  if (!c) return null;
  const range = c.max === null || c.max === undefined ? (c.min > 0 ? `at least ${c.min}` : 'unknown') : c.min === c.max ? `${c.min}` : `${c.min}–${c.max}`;
  return c.text ? `${range} (“${c.text}”)` : range;
}

function dateText(d) {
  if (!d) return null;
  const span = d.start === d.end ? d.start : `${d.start} – ${d.end}`;
  return `${span} (${d.precision}${d.text ? `, “${d.text}”` : ''})`;
}

function quote(spans) {
  return spans.map((s) => el('blockquote', {}, s.text));
}

function entityCard(x, e) {
  return el('section', { class: 'card entity', 'data-id': e.id },
    el('h3', {}, el('span', { class: 'tag entity' }, e.type), ' ', e.name),
    el('dl', {},
      field('kind', e.kind),
      field('country', e.country),
      field('knowledge base', e.kb_id),
      field('aliases', e.aliases.join(', ')),
      field('mentions', String(e.mentions.length))),
    el('p', {}, link(actorPath(e.kb_id || e.name), 'Actor page →')));
}

function eventCard(x, v, incidents = {}) {
  const ent = (id) => x.entities.find((e) => e.id === id);
  const who = ent(v.actor);
  const whom = ent(v.target);
  const loc = v.location;
  const claimsAbout = x.claims.filter((c) => c.about.includes(v.id));
  return el('section', { class: 'card event', 'data-id': v.id },
    el('h3', {}, el('span', { class: 'tag event' }, v.type), ' ', v.id, v.cameo ? ` · CAMEO ${v.cameo}` : ''),
    el('dl', {},
      field('who', who ? actorLink(who.name, who.kb_id) : null),
      field('whom', whom ? actorLink(whom.name, whom.kb_id) : null),
      field('when', dateText(v.date)),
      field('where', loc ? [loc.name || '', loc.country ? ` (${loc.country})` : '', loc.lat !== null && loc.lat !== undefined ? ` ${loc.lat}, ${loc.lon}` : ''].join('') : null),
      field('killed', countText(v.fatalities)),
      field('injured', countText(v.injuries)),
      field('status', el('span', { class: 'status-' + v.status }, v.status)),
      field('mode', v.mode),
      field('incident', incidents[v.id] ? link('/incident/' + enc(incidents[v.id]), `${incidents[v.id]} — all reports →`) : null),
      field('claims about it', claimsAbout.map((c, i) => [i ? ', ' : '', el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); showRecords(x, [{ kind: 'claim', rec: c }]); } }, `${c.id} (${c.stance})`)]))),
    quote(v.evidence));
}

function claimCard(x, c) {
  const ent = c.claimant.entity ? x.entities.find((e) => e.id === c.claimant.entity) : null;
  const about = c.about.map((id) => x.events.find((v) => v.id === id)).filter(Boolean);
  const via = c.via ? x.claims.find((o) => o.id === c.via) : null;
  return el('section', { class: 'card claim', 'data-id': c.id },
    el('h3', {}, el('span', { class: 'tag claim stance-' + c.stance }, c.stance), ' ', c.id),
    el('dl', {},
      field('claimant', ent ? actorLink(c.claimant.name, ent.kb_id || ent.name) : c.claimant.name),
      field('kind of source', c.claimant.kind + (c.claimant.count ? ` (${c.claimant.count})` : '')),
      field('stance', c.stance),
      field('hedged', c.hedged ? 'yes — marked uncertain' : 'no'),
      field('about', about.map((v, i) => [i ? ', ' : '', el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); showRecords(x, [{ kind: 'event', rec: v }]); } }, `${v.id} ${v.type}`)])),
      field('via', via ? `${via.id}: ${via.claimant.name}` : null)),
    quote(c.evidence));
}

function showRecords(x, anns) {
  const incidents = x.incidents || {};
  const panel = document.getElementById('records');
  if (!panel) return;
  const order = { event: 0, claim: 1, entity: 2 };
  const seen = new Set();
  const cards = [];
  for (const a of [...anns].sort((p, q) => order[p.kind] - order[q.kind])) {
    const key = a.kind + a.rec.id;
    if (seen.has(key)) continue;
    seen.add(key);
    cards.push(a.kind === 'entity' ? entityCard(x, a.rec) : a.kind === 'event' ? eventCard(x, a.rec, incidents) : claimCard(x, a.rec));
  }
  panel.replaceChildren(...cards);
  for (const n of document.querySelectorAll('.seg.selected')) n.classList.remove('selected');
  for (const n of document.querySelectorAll('.seg')) {
    if (anns.some((a) => n.dataset.refs && n.dataset.refs.split(' ').includes(a.kind + ':' + a.rec.id))) n.classList.add('selected');
  }
}

/**
 * Text with invisible or direction-changing characters (bidi overrides and isolates,
 * zero-width characters) shown as visible markers, so a document cannot hide or reverse
 * words on screen. Each marker stands for one char, so offsets stay aligned.
 */
const HIDDEN = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;
function visible(text) {
  if (!HIDDEN.test(text)) return [text];
  const out = [];
  let run = '';
  for (const ch of Array.from(text)) {
    if (HIDDEN.test(ch)) {
      if (run) out.push(run);
      run = '';
      const code = 'U+' + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
      out.push(el('span', { class: 'ctl', title: `invisible character ${code}` }, code));
    } else run += ch;
  }
  if (run) out.push(run);
  return out;
}

async function reader(id) {
  const [x, incidents] = await Promise.all([api('/documents/' + enc(id)), api('/documents/' + enc(id) + '/incidents')]);
  x.incidents = incidents;
  const anns = annotations(x);
  const text = el('div', { class: 'doctext', id: 'doctext' });
  for (const s of segments(x.document.text, anns)) {
    if (!s.cover.length) {
      append(text, visible(s.text));
      continue;
    }
    const kinds = [...new Set(s.cover.map((a) => a.kind))];
    const span = el('span', {
      class: 'seg ' + kinds.map((k) => 'h-' + k).join(' '),
      'data-refs': s.cover.map((a) => a.kind + ':' + a.rec.id).join(' '),
      tabindex: 0,
      onclick: () => showRecords(x, s.cover),
      onkeydown: (ev) => { if (ev.key === 'Enter') showRecords(x, s.cover); },
    }, visible(s.text));
    text.append(span);
  }
  const d = x.document;
  const url = d.url ? safeUrl(d.url) : null;
  const lists = el('div', { class: 'lists' },
    el('h2', {}, `Events (${x.events.length})`),
    el('ul', { id: 'event-list' }, x.events.map((v) => el('li', {}, el('a', { href: '#', class: 'rec', onclick: (ev) => { ev.preventDefault(); showRecords(x, [{ kind: 'event', rec: v }]); } }, `${v.id} ${v.type}`), ' ',
      incidents[v.id] ? [link('/incident/' + enc(incidents[v.id]), 'incident'), ' '] : '',
      v.evidence.length ? el('span', { class: 'muted' }, v.evidence[0].text.slice(0, 90)) : ''))),
    el('h2', {}, `Claims (${x.claims.length})`),
    el('ul', { id: 'claim-list' }, x.claims.map((c) => el('li', {}, el('a', { href: '#', class: 'rec', onclick: (ev) => { ev.preventDefault(); showRecords(x, [{ kind: 'claim', rec: c }]); } }, `${c.id} ${c.claimant.name} ${c.stance}`)))),
    el('h2', {}, `Entities (${x.entities.length})`),
    el('ul', { id: 'entity-list', class: 'inline' }, x.entities.map((e) => el('li', {}, actorLink(e.name, e.kb_id || e.name), el('span', { class: 'muted' }, ` ${e.type}`)))));
  setPage(d.title || shortId(d.id),
    el('h1', { id: 'doc-title' }, d.title || 'Untitled document'),
    el('p', { class: 'meta' },
      [d.publisher, d.published, d.language].filter(Boolean).join(' · '),
      url ? [' · ', el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original')] : null,
      x.producer ? el('span', { class: 'muted', id: 'doc-made-by' }, ` · made by ${madeBy(x.producer)}`) : null,
      el('span', { class: 'muted' }, ` · ${d.id}`)),
    el('p', { class: 'legend' }, el('span', { class: 'seg h-entity' }, 'entity'), ' ', el('span', { class: 'seg h-event' }, 'event'), ' ', el('span', { class: 'seg h-claim' }, 'claim'), el('span', { class: 'muted' }, ' — click any marked text for its record')),
    el('div', { class: 'reader' }, text, el('aside', { id: 'records', class: 'records' }, el('p', { class: 'muted' }, 'Click a highlight to see its structured record.'))),
    lists);
}

// What made an extraction: `claimgraph 0.1.0, accurate parser, beam 8, models sha256:8948b5328de4,
// rules sha256:068e285cb631` (as the command line's `show` prints it)
// (the models digest shortened as in `claimgraph show`; the JSON has it whole).
function madeBy(p) {
  const parser = p.parser ? `${p.parser} parser` : 'no parser';
  const beam = p.parser && p.beam != null ? `, beam ${p.beam}` : '';
  const models = typeof p.models === 'string' ? `, models ${p.models.slice(0, 19)}` : '';
  const rules = typeof p.rules === 'string' ? `, rules ${p.rules.slice(0, 19)}` : '';
  return `${p.name} ${p.version}, ${parser}${beam}${models}${rules}`;
}

// ---- actor page ---------------------------------------------------------------------------

function monthOf(v) {
  return (v.date_start || v.published || '').slice(0, 7);
}

/** Bars per month: events as actor above the axis, as target below. */
function timelineSvg(events) {
  const months = [...new Set(events.map((e) => monthOf(e)).filter(Boolean))].sort();
  if (!months.length) return el('p', { class: 'muted' }, 'No dated events.');
  const count = (m, role) => events.filter((e) => monthOf(e) === m && e.role === role).length;
  const max = Math.max(1, ...months.map((m) => Math.max(count(m, 'actor'), count(m, 'target'))));
  const w = Math.max(320, months.length * 46);
  const h = 170;
  const mid = 80;
  const bw = 30;
  const g = svg('svg', { viewBox: `0 0 ${w} ${h}`, width: w, height: h, class: 'timeline', id: 'actor-timeline', role: 'img' },
    svg('title', {}, 'Events per month: as actor (up), as target (down)'),
    svg('line', { x1: 0, x2: w, y1: mid, y2: mid, class: 'axis' }));
  months.forEach((m, i) => {
    const x = 8 + i * 46;
    const a = count(m, 'actor');
    const t = count(m, 'target');
    const ha = (a / max) * 60;
    const ht = (t / max) * 60;
    if (a) g.append(svg('rect', { x, y: mid - ha, width: bw, height: ha, class: 'bar-actor' }, svg('title', {}, `${m}: ${a} as actor`)));
    if (t) g.append(svg('rect', { x, y: mid, width: bw, height: ht, class: 'bar-target' }, svg('title', {}, `${m}: ${t} as target`)));
    g.append(svg('text', { x: x + bw / 2, y: h - 4, class: 'label', 'text-anchor': 'middle' }, m));
  });
  return g;
}

/** The actor in the middle, the actors it interacts with on a circle around it. */
function networkSvg(center, links) {
  const size = 420;
  const c = size / 2;
  const r = 150;
  const g = svg('svg', { viewBox: `0 0 ${size} ${size}`, width: size, height: size, class: 'network', id: 'actor-network', role: 'img' },
    svg('title', {}, `Actors ${center} interacts with`));
  if (!links.length) {
    g.append(svg('text', { x: c, y: c + 70, 'text-anchor': 'middle', class: 'label' }, 'No counterpart actors in its events.'));
  }
  const max = Math.max(1, ...links.map((l) => l.as_actor + l.as_target));
  links.forEach((l, i) => {
    const a = (2 * Math.PI * i) / links.length - Math.PI / 2;
    const x = c + r * Math.cos(a);
    const y = c + r * Math.sin(a);
    const n = l.as_actor + l.as_target;
    g.append(svg('line', { x1: c, y1: c, x2: x, y2: y, class: l.as_target >= l.as_actor ? 'edge-out' : 'edge-in', 'stroke-width': 1 + (4 * n) / max },
      svg('title', {}, `${center} → ${l.name}: ${l.as_target}; ${l.name} → ${center}: ${l.as_actor}`)));
    const node = svg('a', { href: actorPath(l.key), class: 'node' },
      svg('circle', { cx: x, cy: y, r: 7 + (6 * n) / max }),
      svg('text', { x, y: y + (y < c ? -16 : 24), 'text-anchor': 'middle', class: 'label' }, l.name));
    g.append(node);
  });
  g.append(svg('circle', { cx: c, cy: c, r: 16, class: 'center' }), svg('text', { x: c, y: c + 34, 'text-anchor': 'middle', class: 'label strong' }, center));
  return g;
}

async function actorPage(key) {
  const a = await api('/actors/' + enc(key) + qs({ limit: 500 }));
  const e = a.entity;
  const asActor = a.events.filter((v) => v.role === 'actor').length;
  const asTarget = a.events.length - asActor;
  const stances = Object.entries(a.claims_by_stance).map(([s, n]) => `${n} ${s}`).join(', ');
  setPage(e.name,
    el('h1', { id: 'actor-name' }, e.name),
    el('p', { class: 'meta' }, [e.type, e.kb_id, e.country, `${e.documents} documents`, `${e.mentions} mentions`].filter(Boolean).join(' · ')),
    el('div', { class: 'two' },
      el('section', {}, el('h2', {}, `Events over time (${asActor} as actor, ${asTarget} as target)`), timelineSvg(a.events),
        el('p', { class: 'legend' }, el('span', { class: 'sw bar-actor' }), ' as actor ', el('span', { class: 'sw bar-target' }), ' as target')),
      el('section', {}, el('h2', {}, `Network (${a.network.length} actors)`), networkSvg(e.name, a.network))),
    el('h2', {}, 'Events'),
    el('table', { class: 'list', id: 'actor-events' },
      el('thead', {}, el('tr', {}, ['When', 'Role', 'Type', 'Counterpart', 'Where', 'Killed', 'Status', 'Report'].map((h) => el('th', {}, h)))),
      el('tbody', {}, a.events.map((r) => {
        const v = r;
        const other = r.role === 'actor' ? [v.target, v.target_kb_id] : [v.actor, v.actor_kb_id];
        return el('tr', {},
          el('td', {}, v.date_start || v.published || '—'),
          el('td', {}, r.role),
          el('td', {}, v.type),
          el('td', {}, actorLink(other[0], other[1])),
          el('td', {}, v.location || ''),
          el('td', { class: 'num' }, v.fatalities_min ?? ''),
          el('td', {}, v.status),
          el('td', {}, link(docPath(v.doc_id), shortId(v.doc_id))));
      }))),
    el('h2', {}, `Claims made (${a.claims.length}${stances ? ': ' + stances : ''})`),
    claimTable(a.claims, 'actor-claims'));
}

function claimTable(claims, id) {
  if (!claims.length) return el('p', { class: 'muted', id }, 'None.');
  return el('table', { class: 'list', id },
    el('thead', {}, el('tr', {}, ['Published', 'Claimant', 'Stance', 'Hedged', 'Says', 'Report'].map((h) => el('th', {}, h)))),
    el('tbody', {}, claims.map((c) => el('tr', {},
      el('td', {}, c.published || ''),
      el('td', {}, c.claimant),
      el('td', {}, el('span', { class: 'tag claim stance-' + c.stance }, c.stance)),
      el('td', {}, c.hedged ? 'yes' : ''),
      el('td', { class: 'says' }, c.evidence.map((s) => s.text).join(' … ')),
      el('td', {}, link(docPath(c.doc_id), shortId(c.doc_id)))))));
}

// ---- hypothesis boards ----------------------------------------------------------------------

async function boardsPage() {
  const list = await api('/boards');
  const title = el('input', { id: 'new-board-title', placeholder: 'What happened at …?', required: true });
  const status = el('span', { class: 'status', role: 'status' });
  const create = async (ev) => {
    ev.preventDefault();
    try {
      const b = await api('/boards', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: title.value, question: title.value, hypotheses: [], evidence: [], ratings: [] }),
      });
      navigate('/board/' + b.id);
    } catch (e) {
      status.textContent = e.message;
    }
  };
  setPage('Hypothesis boards',
    el('h1', {}, 'Analysis of competing hypotheses'),
    el('p', { class: 'muted' }, 'Write the hypotheses, take claims from the store as evidence, rate each piece against each hypothesis. The hypothesis with the least weighted inconsistent evidence ranks first.'),
    el('form', { onsubmit: create, class: 'row' }, title, el('button', { type: 'submit', id: 'new-board' }, 'New board'), status),
    list.items.length
      ? el('ul', { id: 'board-list' }, list.items.map((b) => el('li', {}, link('/board/' + b.id, b.title), el('span', { class: 'muted' }, ` — ${b.n_hypotheses} hypotheses, ${b.n_evidence} pieces of evidence, saved ${b.updated_at}`))))
      : el('p', { class: 'muted', id: 'board-list' }, 'No boards yet.'));
}

/** Heuer's score on the client, as the server computes it, so ratings show at once. */
const GRADE_WEIGHT = { 1: 1, 2: 0.85, 3: 0.7, 4: 0.45, 5: 0.2 };
function scores(b, claims, grades = []) {
  const inc = b.hypotheses.map(() => 0);
  const n = b.hypotheses.map(() => ({ consistent: 0, inconsistent: 0, neutral: 0 }));
  for (const r of b.ratings) {
    const w = (b.evidence[r.evidence].credibility ?? 1) * (claims[r.evidence] && claims[r.evidence].hedged ? 0.5 : 1) * (GRADE_WEIGHT[grades[r.evidence]] ?? 1);
    n[r.hypothesis][r.rating] += 1;
    if (r.rating === 'inconsistent') inc[r.hypothesis] += w;
  }
  return inc.map((v, i) => ({ hypothesis: i, inconsistency: Math.round(v * 1000) / 1000, ...n[i], rank: 1 + inc.filter((o) => o < v - 1e-9).length }));
}

async function boardPage(id) {
  const saved = await api('/boards/' + enc(id));
  // The working copy the analyst edits; saved back whole.
  const b = { title: saved.title, question: saved.question, hypotheses: [...saved.hypotheses], evidence: saved.evidence.map((e) => ({ ...e })), ratings: saved.ratings.map((r) => ({ ...r })) };
  let claims = [...saved.claims];
  let grades = [...(saved.grades || [])];
  const status = el('span', { class: 'status', id: 'board-status', role: 'status' });
  const matrix = el('div', { id: 'matrix' });
  const found = el('div', { id: 'evidence-found' });

  const rating = (h, e) => (b.ratings.find((r) => r.hypothesis === h && r.evidence === e) || {}).rating || '';
  const setRating = (h, e, v) => {
    b.ratings = b.ratings.filter((r) => !(r.hypothesis === h && r.evidence === e));
    if (v) b.ratings.push({ hypothesis: h, evidence: e, rating: v });
    status.textContent = 'Unsaved changes';
    draw();
  };
  const removeHypothesis = (h) => {
    b.hypotheses.splice(h, 1);
    b.ratings = b.ratings.filter((r) => r.hypothesis !== h).map((r) => ({ ...r, hypothesis: r.hypothesis > h ? r.hypothesis - 1 : r.hypothesis }));
    draw();
  };
  const removeEvidence = (e) => {
    b.evidence.splice(e, 1);
    claims.splice(e, 1);
    grades.splice(e, 1);
    b.ratings = b.ratings.filter((r) => r.evidence !== e).map((r) => ({ ...r, evidence: r.evidence > e ? r.evidence - 1 : r.evidence }));
    draw();
  };

  function draw() {
    const sc = scores(b, claims, grades);
    const head = el('tr', {}, el('th', {}, 'Evidence'), el('th', {}, 'Weight'),
      b.hypotheses.map((h, i) => el('th', { class: 'hyp' }, `H${i + 1}. `, h, ' ', el('button', { type: 'button', class: 'small', title: 'Remove', onclick: () => removeHypothesis(i) }, '×'))));
    const rows = b.evidence.map((ev, e) => {
      const c = claims[e];
      const desc = c
        ? [el('strong', {}, c.claimant), ' ', el('span', { class: 'tag claim stance-' + c.stance }, c.stance), c.hedged ? el('em', {}, ' hedged') : '', ': ', c.evidence.map((s) => s.text).join(' … '), ' ', link(docPath(ev.doc_id), shortId(ev.doc_id))]
        : [el('span', { class: 'error' }, `claim ${ev.claim_id} of ${shortId(ev.doc_id)} is no longer stored`)];
      const weight = el('input', { type: 'number', min: 0, max: 1, step: 0.1, value: ev.credibility, class: 'weight', 'aria-label': 'credibility' });
      weight.addEventListener('change', () => { ev.credibility = Math.min(1, Math.max(0, parseFloat(weight.value) || 0)); draw(); });
      return el('tr', { 'data-evidence': e },
        el('td', { class: 'says' }, desc, ' ', el('button', { type: 'button', class: 'small', title: 'Remove', onclick: () => removeEvidence(e) }, '×')),
        el('td', {}, weight),
        b.hypotheses.map((_, h) => {
          const sel = el('select', { 'aria-label': `rating of evidence ${e + 1} against H${h + 1}`, class: 'rate r-' + (rating(h, e) || 'none'), 'data-h': h, 'data-e': e },
            [['', '—'], ['consistent', 'C consistent'], ['inconsistent', 'I inconsistent'], ['neutral', 'N neutral']].map(([v, t]) => {
              const o = el('option', { value: v }, t);
              if (v === rating(h, e)) o.selected = true;
              return o;
            }));
          sel.addEventListener('change', () => setRating(h, e, sel.value));
          return el('td', {}, sel);
        }));
    });
    const scoreRow = el('tr', { class: 'scores', id: 'scores' }, el('th', {}, 'Inconsistency (lower is better)'), el('td', {}),
      sc.map((s) => el('td', { class: s.rank === 1 && b.ratings.length ? 'best' : '', 'data-rank': s.rank }, `${s.inconsistency} · rank ${s.rank}`, el('br'), el('span', { class: 'muted' }, `${s.consistent} C, ${s.inconsistent} I, ${s.neutral} N`))));
    matrix.replaceChildren(el('table', { class: 'ach' }, el('thead', {}, head), el('tbody', {}, rows, scoreRow)));
  }

  const hypInput = el('input', { id: 'hypothesis-input', placeholder: 'A hypothesis, e.g. “The group was armed from across the border”' });
  const addHyp = (ev) => {
    ev.preventDefault();
    const t = hypInput.value.trim();
    if (!t) return;
    b.hypotheses.push(t);
    hypInput.value = '';
    status.textContent = 'Unsaved changes';
    draw();
  };
  const q = el('input', { id: 'evidence-q', type: 'search', placeholder: 'Find claims: words or a claimant' });
  const find = async (ev) => {
    ev.preventDefault();
    try {
      const r = await api('/evidence' + qs({ q: q.value, limit: 30 }));
      found.replaceChildren(r.items.length ? el('ul', { class: 'found' }, r.items.map((c) => {
        const on = b.evidence.some((e) => e.doc_id === c.doc_id && e.claim_id === c.id);
        return el('li', {},
          el('button', { type: 'button', class: 'small add-evidence', disabled: on, onclick: (e2) => {
            b.evidence.push({ doc_id: c.doc_id, claim_id: c.id, credibility: 1 });
            claims.push(c);
            grades.push(null);
            e2.target.disabled = true;
            status.textContent = 'Unsaved changes';
            draw();
          } }, on ? 'on the board' : 'Add'), ' ',
          el('strong', {}, c.claimant), ' ', el('span', { class: 'tag claim stance-' + c.stance }, c.stance), ': ', c.evidence.map((s) => s.text).join(' … '));
      })) : el('p', { class: 'muted' }, 'No claims found.'));
    } catch (e) {
      found.replaceChildren(errorBox(e));
    }
  };
  const save = async () => {
    status.textContent = 'Saving…';
    try {
      const r = await api('/boards/' + enc(id), { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
      claims = [...r.claims];
      grades = [...(r.grades || [])];
      status.textContent = `Saved ${r.updated_at}`;
      draw();
    } catch (e) {
      status.textContent = 'Not saved: ' + e.message;
    }
  };
  const title = el('input', { id: 'board-title', value: b.title, 'aria-label': 'title' });
  title.addEventListener('input', () => { b.title = title.value; status.textContent = 'Unsaved changes'; });
  setPage(b.title,
    el('h1', {}, 'Board: ', title),
    el('form', { onsubmit: addHyp, class: 'row' }, hypInput, el('button', { type: 'submit', id: 'add-hypothesis' }, 'Add hypothesis')),
    matrix,
    el('p', { class: 'row' }, el('button', { type: 'button', id: 'save-board', onclick: save }, 'Save board'), status),
    el('h2', {}, 'Evidence from the store'),
    el('form', { onsubmit: find, class: 'row' }, q, el('button', { type: 'submit', id: 'find-evidence' }, 'Find claims')),
    found);
  draw();
}

// ---- incidents ----------------------------------------------------------------------------

function figureText(f) {
  if (!f || f.best === null || f.best === undefined) return '—';
  return f.low === f.high ? `${f.best}` : `${f.best} (${f.low}–${f.high})`;
}

function placeText(l) {
  return l && (l.name || l.country) ? [l.name, l.country].filter(Boolean).join(', ') : '';
}

function dateOut(d) {
  if (!d || !d.start) return '';
  return d.start === d.end || !d.end ? d.start : `${d.start} – ${d.end}`;
}

async function incidentsPage(params) {
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const actor = params.get('actor') || '';
  const r = await api('/incidents' + qs({ limit: 50, offset, actor }));
  setPage('Incidents',
    el('h1', {}, 'Incidents', actor ? [' involving ', el('q', {}, actor)] : ''),
    el('p', { class: 'muted' }, 'Events of different reports merged into one happening; contested ones are denied by someone.'),
    r.items.length ? el('table', { class: 'list', id: 'incident-list' },
      el('thead', {}, el('tr', {}, ['When', 'Type', 'Where', 'Killed', 'Sources', 'Discrepancies', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, r.items.map((i) => el('tr', {},
        el('td', {}, dateOut(i.date) || '—'),
        el('td', {}, link('/incident/' + enc(i.id), i.type)),
        el('td', {}, placeText(i.location)),
        el('td', { class: 'num' }, figureText(i.fatalities)),
        el('td', { class: 'num' }, i.independent_sources),
        el('td', {}, i.discrepancies.join(', ')),
        el('td', {}, i.contested ? el('span', { class: 'tag claim stance-denies' }, 'contested') : ''))))) : el('p', { class: 'muted', id: 'incident-list' }, 'No incidents.'),
    el('p', { class: 'pager' },
      offset > 0 ? link('/incidents' + qs({ actor, offset: Math.max(0, offset - 50) }), '← earlier') : null,
      r.items.length === 50 ? link('/incidents' + qs({ actor, offset: offset + 50 }), 'later →') : null));
}

/** Dots on a time axis for the incident's timeline entries. */
function smallTimeline(entries) {
  const dated = entries.filter((e) => /^\d{4}/.test(e.date));
  if (!dated.length) return null;
  const day = (d) => Date.parse(d.length === 4 ? d + '-01-01' : d.length === 7 ? d + '-01' : d.slice(0, 10)) / 864e5;
  const days = dated.map((e) => day(e.date)).filter((d) => !Number.isNaN(d));
  if (!days.length) return null;
  const [lo, hi] = [Math.min(...days), Math.max(...days)];
  const w = 640;
  const x = (d) => 20 + (hi === lo ? (w - 40) / 2 : ((d - lo) / (hi - lo)) * (w - 40));
  const g = svg('svg', { viewBox: `0 0 ${w} 60`, width: w, height: 60, class: 'timeline', id: 'incident-timeline', role: 'img' },
    svg('title', {}, 'Reports and claims over time'),
    svg('line', { x1: 10, x2: w - 10, y1: 30, y2: 30, class: 'axis' }));
  for (const e of dated) {
    const d = day(e.date);
    if (Number.isNaN(d)) continue;
    g.append(svg('circle', { cx: x(d), cy: 30, r: 6, class: 'dot' }, svg('title', {}, `${e.date}: ${e.what}`)));
  }
  g.append(svg('text', { x: 10, y: 54, class: 'label' }, dated[0].date), svg('text', { x: w - 10, y: 54, class: 'label', 'text-anchor': 'end' }, dated[dated.length - 1].date));
  return g;
}

async function incidentPage(id) {
  const i = await api('/incidents/' + enc(id));
  const differs = new Set(i.discrepancies);
  const reports = i.reports;
  const count = (c) => (c ? (c[1] === null || c[1] === undefined ? `≥ ${c[0]}` : c[0] === c[1] ? `${c[0]}` : `${c[0]}–${c[1]}`) : '');
  // Attribute rows: label, discrepancy key, value of a report (text or node), comparable text.
  const rows = [
    ['source', null, (r) => [r.publisher || r.title || shortId(r.document), el('br'), link(docPath(r.document), `${r.published || ''} ${shortId(r.document)}`)], (r) => r.source_group],
    ['type', null, (r) => r.event_type || r.type, (r) => r.type],
    ['status', null, (r) => el('span', { class: 'status-' + r.status }, r.status), (r) => r.status],
    ['when', 'date', (r) => dateOut(r.date), (r) => dateOut(r.date)],
    ['where', 'location', (r) => placeText(r.location), (r) => placeText(r.location)],
    ['who', 'actor', (r) => (r.actor ? link(actorPath(r.actor), r.actor) : ''), (r) => r.actor || ''],
    ['whom', 'target', (r) => (r.target ? link(actorPath(r.target), r.target) : ''), (r) => r.target || ''],
    ['killed', 'fatalities', (r) => count(r.fatalities), (r) => count(r.fatalities)],
    ['injured', 'injuries', (r) => count(r.injuries), (r) => count(r.injuries)],
    ['words', null, (r) => r.evidence.map((t) => el('blockquote', {}, t)), () => ''],
  ];
  const table = el('table', { class: 'list side', id: 'incident-reports' },
    el('thead', {}, el('tr', {}, el('th', {}, ''), reports.map((r, k) => el('th', {}, `Report ${k + 1}`)))),
    el('tbody', {}, rows.map(([label, key, show, cmp]) => {
      const values = reports.map(cmp).filter((v) => v !== '');
      const common = values.sort((a, b) => values.filter((v) => v === b).length - values.filter((v) => v === a).length)[0];
      return el('tr', { class: key && differs.has(key) ? 'discrepant' : '' },
        el('th', {}, label, key && differs.has(key) ? el('span', { class: 'tag claim stance-denies', title: 'the sources disagree' }, ' ≠ ') : ''),
        reports.map((r) => {
          const v = cmp(r);
          return el('td', { class: key && differs.has(key) && v !== '' && v !== common ? 'differs' : '' }, show(r));
        }));
    })));
  const sides = i.claims;
  setPage(`${i.type} incident`,
    el('h1', { id: 'incident-title' }, `${i.type} · ${dateOut(i.date) || 'undated'} · ${placeText(i.location) || 'place unknown'}`,
      i.contested ? [' ', el('span', { class: 'tag claim stance-denies' }, 'contested')] : ''),
    el('p', { class: 'meta' }, `${i.independent_sources} independent sources · ${reports.length} reports · killed ${figureText(i.fatalities)} · injured ${figureText(i.injuries)} · ${i.id}`),
    el('p', {}, i.discrepancies.length ? ['Sources disagree on: ', el('strong', { id: 'discrepancies' }, i.discrepancies.join(', '))] : el('span', { class: 'muted', id: 'discrepancies' }, 'No discrepancies between the reports.')),
    el('p', {}, 'Actors: ', i.actors.map((a, k) => [k ? ', ' : '', link(actorPath(a), a)]), i.targets.length ? ['; targets: ', i.targets.map((a, k) => [k ? ', ' : '', link(actorPath(a), a)])] : ''),
    el('h2', {}, 'Each report, side by side'),
    el('div', { class: 'scroll' }, table),
    el('h2', {}, 'Who asserts, confirms, denies'),
    el('div', { class: 'sides', id: 'incident-sides' }, ['asserts', 'confirms', 'denies'].map((st) => el('section', {},
      el('h3', {}, el('span', { class: 'tag claim stance-' + st }, st)),
      sides[st].length ? el('ul', {}, sides[st].map((n) => el('li', {}, n))) : el('p', { class: 'muted' }, 'nobody')))),
    i.claim_details.length ? el('table', { class: 'list', id: 'incident-claims' },
      el('thead', {}, el('tr', {}, ['Published', 'Claimant', 'Stance', 'Hedged', 'Via', 'Credibility', 'Says'].map((h) => el('th', {}, h)))),
      el('tbody', {}, i.claim_details.map((c) => el('tr', {},
        el('td', {}, c.published || ''),
        el('td', {}, c.claimant, el('span', { class: 'muted' }, ` (${c.kind})`)),
        el('td', {}, el('span', { class: 'tag claim stance-' + c.stance }, c.stance)),
        el('td', {}, c.hedged ? 'yes' : ''),
        el('td', {}, c.via.join(' ← ')),
        el('td', {}, credibilityText(c.credibility)),
        el('td', { class: 'says' }, c.evidence.join(' … ', ), ' ', link(docPath(c.document), shortId(c.document))))))) : null,
    el('h2', {}, 'Timeline'),
    smallTimeline(i.timeline),
    el('ol', { class: 'timeline-list', id: 'incident-timeline-list' }, i.timeline.map((e) => el('li', {}, el('strong', {}, e.date), ' ', e.what))));
}

const CREDIBILITY = { 1: 'confirmed', 2: 'probably true', 3: 'possibly true', 4: 'doubtful', 5: 'improbable', 6: 'cannot be judged' };
function credibilityText(c) {
  if (!c || typeof c !== 'object') return c ?? '';
  return `${c.grade} ${CREDIBILITY[c.grade] || ''} (${c.by})`;
}

// ---- routing ----------------------------------------------------------------------------

function navigate(path) {
  history.pushState({}, '', path);
  route();
}

async function route() {
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  try {
    if (seg.length === 0) await home(params);
    else if (seg[0] === 'doc' && seg[1]) await reader(seg[1]);
    else if (seg[0] === 'actor' && seg[1]) await actorPage(seg.slice(1).join('/'));
    else if (seg[0] === 'boards') await boardsPage();
    else if (seg[0] === 'incidents') await incidentsPage(params);
    else if (seg[0] === 'incident' && seg[1]) await incidentPage(seg[1]);
    else if (seg[0] === 'board' && seg[1]) await boardPage(seg[1]);
    else setPage('Not found', el('h1', {}, 'Not found'));
  } catch (e) {
    setPage('Error', el('h1', {}, 'Something went wrong'), errorBox(e));
  }
}

setupToken();
window.addEventListener('popstate', route);
route();
