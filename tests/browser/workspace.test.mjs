// Browser tests of the claimgraph web workspace in Debian's headless Chromium, driven by
// playwright-core (no browser download). Run by scripts/browser-tests, which prepares a
// store (the README's demo plus hostile documents), starts `claimgraph serve`, and passes
// BASE (the server's URL), TOKEN (its API token) and ART (where screenshots go).
//
// Every test runs with guards: any request to another origin is aborted and recorded, any
// dialog (alert/confirm/prompt) is recorded, page errors and CSP violations are recorded.

import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE;
const TOKEN = process.env.TOKEN;
const ART = process.env.ART || 'browser-artifacts';
const HOSTILE_TEXT = process.env.HOSTILE_TEXT_ID;
const HOSTILE_HTML = process.env.HOSTILE_HTML_ID;
assert.ok(BASE && TOKEN && HOSTILE_TEXT && HOSTILE_HTML, 'BASE, TOKEN, HOSTILE_TEXT_ID, HOSTILE_HTML_ID must be set');
mkdirSync(ART, { recursive: true });

let browser;
let context;
let page;
let guard;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
});

beforeEach(async () => {
  guard = { foreign: [], dialogs: [], errors: [], csp: [] };
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  // Nothing may leave for another origin; if anything tries, it is stopped and recorded.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(BASE + '/') || url === BASE) return route.continue();
    guard.foreign.push(url);
    return route.abort();
  });
  // Init scripts run through the debugging protocol, outside the page's CSP: they record
  // CSP violations for the test to read.
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page = await context.newPage();
  page.on('dialog', (d) => {
    guard.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => guard.errors.push(e.message));
});

afterEach(async () => {
  await context?.close();
});

async function shot(name) {
  await page.screenshot({ path: `${ART}/${name}.png`, fullPage: true });
}

/** Nothing ran that should not have: no dialog, no foreign request, no page error, no CSP report. */
async function assertClean(where) {
  const csp = await page.evaluate(() => window.__csp);
  assert.deepEqual(guard.dialogs, [], `${where}: dialogs opened`);
  assert.deepEqual(guard.foreign, [], `${where}: requests left for other origins`);
  assert.deepEqual(guard.errors, [], `${where}: page errors`);
  assert.deepEqual(csp, [], `${where}: CSP violations`);
  const pwned = await page.evaluate(() => window.__pwned);
  assert.equal(pwned, undefined, `${where}: an injected script ran`);
}

async function api(path) {
  const res = await fetch(BASE + '/api' + path);
  assert.equal(res.status, 200, path);
  return res.json();
}

async function setToken() {
  await page.click('#token-button');
  await page.fill('#token-input', TOKEN);
  await page.click('#token-save');
  await page.waitForSelector('#token-button:has-text("✓")');
}

test('home lists recent documents and searches', async () => {
  await page.goto(BASE + '/');
  await page.waitForSelector('#recent tbody tr');
  const rows = await page.locator('#recent tbody tr').count();
  assert.ok(rows >= 4, `only ${rows} documents listed`);
  await shot('01-home');
  await page.fill('#search-q', 'border post');
  await page.press('#search-q', 'Enter');
  await page.waitForSelector('#search-results li');
  const first = await page.locator('#search-results li').first().textContent();
  assert.match(first, /border/i);
  assert.ok((await page.locator('#search-results mark').count()) > 0, 'matches are marked');
  await shot('02-search');
  await assertClean('home');
});

test('the reader marks entities, events and claims, each opening its record', async () => {
  const hits = await api('/search?q=' + encodeURIComponent('border post Menaka'));
  const id = hits.items[0].doc_id;
  await page.goto(BASE + '/doc/' + encodeURIComponent(id));
  await page.waitForSelector('#doctext .seg');
  for (const kind of ['entity', 'event', 'claim']) {
    assert.ok((await page.locator(`#doctext .seg.h-${kind}`).count()) > 0, `no ${kind} highlight`);
  }
  // The highlighted text is exactly the span the API gives (char offsets, not UTF-16).
  const x = await api('/documents/' + encodeURIComponent(id));
  const mention = x.entities[0].mentions[0];
  const marked = await page.locator(`#doctext .seg[data-refs~="entity:${x.entities[0].id}"]`).allTextContents();
  assert.ok(marked.join('').includes(mention.text), `${mention.text} not marked`);
  // The page says what made the extraction (the demo ingests with the default parser).
  assert.equal(x.producer.parser, 'accurate');
  const madeBy = await page.locator('#doc-made-by').textContent();
  assert.ok(madeBy.includes(`claimgraph ${x.producer.version}, accurate parser, beam ${x.producer.beam}`), madeBy);
  assert.match(x.producer.models, /^sha256:[0-9a-f]{64}$/);
  assert.ok(madeBy.includes(`, models ${x.producer.models.slice(0, 19)}`), madeBy);
  // and the extraction code (`producer.rules`), last
  assert.match(x.producer.rules, /^sha256:[0-9a-f]{64}$/);
  assert.ok(madeBy.endsWith(`, rules ${x.producer.rules.slice(0, 19)}`), madeBy);

  // An event from the list: who, whom, when, where, how many, status.
  await page.click('#event-list a.rec >> nth=0');
  const card = page.locator('#records .card.event').first();
  await card.waitFor();
  const text = await card.textContent();
  for (const label of ['who', 'whom', 'when', 'where', 'killed', 'injured', 'status']) {
    assert.ok(text.includes(label), `event record lacks ${label}`);
  }
  assert.ok(text.includes(x.events[0].type));
  // A claim highlight in the text: claimant, stance, hedging, via.
  await page.locator('#doctext .seg.h-claim').first().click();
  const claim = page.locator('#records .card.claim').first();
  await claim.waitFor();
  const ct = await claim.textContent();
  for (const label of ['claimant', 'stance', 'hedged', 'via']) assert.ok(ct.includes(label), `claim record lacks ${label}`);
  await shot('03-reader');
  await assertClean('reader');
});

test('click through from a document to an actor and on to its network', async () => {
  const hits = await api('/search?q=' + encodeURIComponent('Sahel Liberation Front'));
  await page.goto(BASE + '/doc/' + encodeURIComponent(hits.items[0].doc_id));
  await page.waitForSelector('#entity-list a');
  // A resolved actor (knowledge-base id) from the entity list.
  const x = await api('/documents/' + encodeURIComponent(hits.items[0].doc_id));
  const actor = x.entities.find((e) => e.kb_id && x.events.some((v) => v.actor === e.id || v.target === e.id));
  assert.ok(actor, 'the document has an actor of an event');
  await page.click(`#entity-list a:text-is("${actor.name}")`);
  await page.waitForSelector('#actor-name');
  assert.equal(await page.textContent('#actor-name'), actor.name);
  assert.equal(new URL(page.url()).pathname, '/actor/' + encodeURIComponent(actor.kb_id));
  assert.ok((await page.locator('#actor-events tbody tr').count()) >= 1, 'no events on the actor page');
  assert.ok((await page.locator('#actor-timeline rect').count()) >= 1, 'no timeline bars');
  assert.ok(await page.locator('#actor-network').isVisible());
  await shot('04-actor');
  // From the events table back to a report.
  await page.click('#actor-events tbody tr >> nth=0 >> td:last-child a');
  await page.waitForSelector('#doctext');
  await assertClean('actor');
});

test('click through from a document to an incident to an actor', async () => {
  // The demo's border-post attack is told by several reports: one incident.
  const hits = await api('/search?q=' + encodeURIComponent('Gunmen motorcycles border post'));
  await page.goto(BASE + '/doc/' + encodeURIComponent(hits.items[0].doc_id));
  await page.waitForSelector('#event-list a[href^="/incident/"]');
  await page.click('#event-list a[href^="/incident/"] >> nth=0');
  await page.waitForSelector('#incident-reports');
  const reports = await page.locator('#incident-reports thead th').count() - 1;
  assert.ok(reports >= 2, `the incident shows ${reports} reports`);
  // Each attribute is a row with every report's version.
  const rowLabels = await page.locator('#incident-reports tbody th').allTextContents();
  for (const label of ['source', 'when', 'where', 'who', 'whom', 'killed', 'injured']) {
    assert.ok(rowLabels.some((l) => l.startsWith(label)), `no ${label} row`);
  }
  const sides = await page.textContent('#incident-sides');
  assert.match(sides, /asserts/);
  assert.match(sides, /denies/);
  assert.ok((await page.locator('#incident-timeline circle').count()) >= 1, 'no timeline');
  const incident = await api('/incidents/' + new URL(page.url()).pathname.split('/').pop());
  assert.equal(reports, incident.reports.length);
  assert.equal(await page.locator('#discrepancies').count(), 1);
  await shot('04a-incident');
  // On to an actor named by the reports.
  const name = incident.actors.find((a) => a === 'Sahel Liberation Front') || incident.actors[0];
  await page.click(`main p a:text-is("${name}")`);
  await page.waitForSelector('#actor-name');
  assert.equal(await page.textContent('#actor-name'), name);
  assert.ok((await page.locator('#actor-events tbody tr').count()) >= 1, 'the actor has no events');
  await shot('04b-actor-from-incident');
  await assertClean('incident');
});

test('a hypothesis board is written, rated, scored and saved in the store', async () => {
  await page.goto(BASE + '/boards');
  await setToken();
  await page.fill('#new-board-title', 'Who armed the Sahel Liberation Front?');
  await page.click('#new-board');
  await page.waitForSelector('#hypothesis-input');
  for (const h of ['Weapons came across the border from Niger', 'The group was armed from inside Mali']) {
    await page.fill('#hypothesis-input', h);
    await page.click('#add-hypothesis');
  }
  await page.fill('#evidence-q', 'weapons border');
  await page.click('#find-evidence');
  await page.waitForSelector('#evidence-found .add-evidence');
  const offered = await page.locator('#evidence-found .add-evidence').count();
  assert.ok(offered >= 1, 'no claims offered as evidence');
  await page.click('#evidence-found .add-evidence >> nth=0');
  if (offered > 1) await page.click('#evidence-found .add-evidence >> nth=1');
  await page.selectOption('select[data-h="0"][data-e="0"]', 'consistent');
  await page.selectOption('select[data-h="1"][data-e="0"]', 'inconsistent');
  // Scored at once: H1 has no inconsistency, H2 one.
  assert.match(await page.textContent('#scores td[data-rank] >> nth=0'), /^0 · rank 1/);
  assert.match(await page.textContent('#scores td[data-rank] >> nth=1'), /rank 2/);
  await page.click('#save-board');
  await page.waitForSelector('#board-status:has-text("Saved")');
  await shot('05-board');
  // Reloaded from the store: the same board.
  const path = new URL(page.url()).pathname;
  await page.reload();
  await page.waitForSelector('#scores');
  assert.equal(await page.locator('table.ach th.hyp').count(), 2);
  assert.equal(await page.inputValue('select[data-h="1"][data-e="0"]'), 'inconsistent');
  const saved = await api('/boards/' + path.split('/').pop());
  assert.equal(saved.hypotheses.length, 2);
  assert.equal(saved.scores[0].rank, 1);
  assert.equal(saved.scores[1].inconsistent, 1);
  await page.goto(BASE + '/boards');
  await page.waitForSelector('#board-list li');
  assert.match(await page.textContent('#board-list'), /Who armed the Sahel Liberation Front/);
  await assertClean('board');
});

test('saving without the token is refused and says why', async () => {
  const res = await fetch(BASE + '/api/boards', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"title":"x"}' });
  assert.equal(res.status, 401);
  await page.goto(BASE + '/boards');
  await page.fill('#new-board-title', 'No token');
  await page.click('#new-board');
  await page.waitForSelector('.status:has-text("401")');
  await assertClean('no token');
});

for (const [name, id] of [['text', HOSTILE_TEXT], ['html', HOSTILE_HTML]]) {
  test(`a hostile ${name} document is shown as text and nothing in it runs`, async () => {
    await page.goto(BASE + '/doc/' + encodeURIComponent(id));
    await page.waitForSelector('#doctext');
    // Click every highlight and open every record: the records quote the text too.
    const segs = page.locator('#doctext .seg');
    const n = await segs.count();
    assert.ok(n > 0, 'the hostile document has highlights');
    for (let i = 0; i < n; i++) await segs.nth(i).click();
    for (const a of await page.locator('#event-list a.rec, #claim-list a.rec').all()) await a.click();
    await page.waitForTimeout(500);
    await shot(`06-hostile-${name}`);
    // The markup is on screen as characters...
    const shown = await page.textContent('#doctext');
    assert.ok(shown.includes('<'), 'the angle brackets are shown');
    if (name === 'text') {
      assert.ok(shown.includes('<script>window.__pwned'), 'the script tag is shown as text');
      assert.ok(shown.includes('onerror='), 'the onerror attribute is shown as text');
      // ...and invisible direction overrides are made visible.
      assert.ok((await page.locator('#doctext .ctl').count()) >= 2, 'bidi controls are marked');
    }
    // ...and no element came from it.
    const found = await page.evaluate(() => ({
      scripts: [...document.scripts].map((s) => s.src),
      inText: document.querySelectorAll('#main img, #main iframe, #main script, #main style, #main textarea, #main base, #main meta, #main svg:not(.timeline):not(.network)').length,
      jsLinks: [...document.querySelectorAll('a')].filter((a) => !/^https?:/.test(a.href)).map((a) => a.href),
      title: document.title,
    }));
    assert.deepEqual(found.scripts, [BASE + '/static/app.js']);
    assert.equal(found.inText, 0, 'elements were created from the document');
    assert.deepEqual(found.jsLinks, [], 'links with other schemes');
    await assertClean(`hostile ${name}`);
  });
}

test('the CSP blocks inline script even if some were injected, and reports it', async () => {
  await page.goto(BASE + '/');
  await page.waitForSelector('#recent');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = "window.__pwned = 'inline'";
    document.body.append(s);
    const i = document.createElement('img');
    i.src = 'http://attacker.invalid/p.png';
    document.body.append(i);
  });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'inline script ran');
  const csp = await page.evaluate(() => window.__csp);
  assert.ok(csp.some((v) => v.startsWith('script-src')), `no script-src violation reported: ${csp}`);
  assert.ok(csp.some((v) => v.startsWith('img-src')), `no img-src violation reported: ${csp}`);
  // The CSP stopped the image before any request was made.
  assert.deepEqual(guard.foreign, []);
});
