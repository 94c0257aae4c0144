// survey.test.js - the providers' survey form end to end in headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core), against
// `ladder serve --survey`. Run by tests/cli/t7410-survey-browser.sh, which
// makes the database (providers, the round of 2017 open, links) and starts
// the server.
//
// Environment:
//   LADDER_URL  the server, e.g. http://127.0.0.1:23456 (required)
//   LADDER_DB   its database (required: `ladder survey status` reads it)
//   LINKS       a JSON object: provider code -> link path (required)
//   LADDER      the ladder binary (default: ladder on PATH)
//   CHROMIUM    the browser (default /usr/bin/chromium)
//   SHOT_DIR    where the screenshots go (default build/screenshots)
//
// What providers do: azi-brugge keeps a draft, comes back and sends it;
// azi-kortrijk (in English) makes mistakes the form catches (a negative
// number, a change of more than half without an explanation), follows the
// error summary's links, sends, corrects what it sent, and sends from two
// tabs in turn; azi-ieper does not answer. After each step `ladder survey
// status` must say the right thing. No page has a script, a console error
// or a failed request; every number field has a label.
// Prints "browser: N passed, M failed" and exits 1 on any failure.
'use strict';

const { chromium } = require('playwright-core');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const BASE = process.env.LADDER_URL;
const DB = process.env.LADDER_DB;
const LINKS = JSON.parse(process.env.LINKS || '{}');
const LADDER = process.env.LADDER || 'ladder';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOT_DIR = process.env.SHOT_DIR || path.join(__dirname, '..', '..', 'build', 'screenshots');
if (!BASE || !DB || !LINKS['azi-brugge']) {
  console.error('survey.test.js: set LADDER_URL, LADDER_DB and LINKS');
  process.exit(2);
}

let passed = 0;
let failed = 0;
let section = '';
function ok(cond, what, detail) {
  if (cond) {
    passed++;
    return true;
  }
  failed++;
  console.log(`FAIL [${section}] ${what}` + (detail !== undefined ? `\n    ${String(detail).replace(/\n/g, '\n    ')}` : ''));
  return false;
}
function eq(actual, expected, what) {
  return ok(actual === expected, what, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// `ladder survey status --format json`: provider -> status
function status() {
  const out = execFileSync(LADDER, ['survey', 'status', '--db', DB, '--year', '2017', '--edition', '2018', '--format', 'json'], {
    encoding: 'utf8',
  });
  const rows = JSON.parse(out);
  const list = Array.isArray(rows) ? rows : rows.providers || [];
  const m = {};
  for (const r of list) m[r.provider] = r.status;
  return m;
}
function expectStatus(want, when) {
  const got = status();
  for (const [p, s] of Object.entries(want)) eq(got[p], s, `status of ${p} ${when}`);
}

async function main() {
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ladder-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    viewport: { width: 1100, height: 900 },
    locale: 'nl-BE',
    javaScriptEnabled: false, // the form must work without it
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  context.setDefaultTimeout(15000);
  const problems = [];
  const watch = (page) => {
    page.on('console', (m) => {
      // the browser notes every 422 (the form's answer to mistakes) as an error
      if (/status of 422/.test(m.text())) return;
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()} (${page.url()})`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`));
    page.on('response', (r) => {
      // 422: the form's own answer to mistakes, checked below
      if (r.status() >= 400 && r.status() !== 422 && !/favicon\.ico$/.test(r.url())) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
  };
  const page = context.pages()[0] || (await context.newPage());
  watch(page);
  const shot = (name, p = page) => p.screenshot({ path: path.join(SHOT_DIR, `survey-${name}.png`), fullPage: true });
  const field = (p, site, form) => p.locator(`input[name="persons.${site}.${form}"]`);
  const comment = (p, site, form) => p.locator(`textarea[name="comment.${site}.${form}"]`);

  // every number field has a label, sits in a fieldset with a legend, and
  // no page carries a script
  async function accessible(p, what) {
    const r = await p.evaluate(() => {
      const inputs = [...document.querySelectorAll('input[type=number]')];
      return {
        n: inputs.length,
        unlabelled: inputs.filter((i) => !i.labels || i.labels.length === 0 || !i.labels[0].textContent.trim()).map((i) => i.name),
        outside: inputs.filter((i) => !i.closest('fieldset') || !i.closest('fieldset').querySelector('legend')).map((i) => i.name),
        scripts: document.querySelectorAll('script').length,
        lang: document.documentElement.lang,
        post: document.querySelectorAll('form[method=post] input[type=hidden][name=csrf]').length,
      };
    });
    ok(r.n > 0, `${what}: number fields`);
    eq(r.unlabelled.join(','), '', `${what}: every number field has a label`);
    eq(r.outside.join(','), '', `${what}: every number field is in a fieldset with a legend`);
    eq(r.scripts, 0, `${what}: no script`);
    eq(r.post, 1, `${what}: one POST form with a csrf field`);
    return r;
  }

  section = 'start';
  expectStatus({ 'azi-brugge': 'not_opened', 'azi-kortrijk': 'not_opened', 'azi-ieper': 'not_opened' }, 'before any link is opened');

  // ------------------------------------------ azi-brugge: a draft first
  section = 'azi-brugge';
  const A = BASE + LINKS['azi-brugge'];
  await page.goto(A);
  const ra = await accessible(page, 'form A');
  eq(ra.lang, 'nl', 'Dutch by default');
  eq(ra.n, 3, 'three fields: Brugge Centrum (two work forms) and Assebroek');
  ok((await page.locator('h1').textContent()).includes('AZI Brugge vzw'), 'the provider is named');
  expectStatus({ 'azi-brugge': 'not_opened' }, 'after opening the form (nothing saved yet)');
  await field(page, 'brugge-centrum', 'arbeidszorg_ggz').fill('10');
  await field(page, 'brugge-centrum', 'arbeidszorg_vaph').fill('5');
  await page.locator('button[name=submit][value=draft]').click();
  await page.waitForLoadState();
  ok(/versie 1/.test(await page.locator('p.notice').textContent()), 'the draft is acknowledged as version 1');
  expectStatus({ 'azi-brugge': 'draft' }, 'after the draft');
  await shot('draft');
  // later, from the link again: the draft is there
  await page.goto(A);
  eq(await field(page, 'brugge-centrum', 'arbeidszorg_ggz').inputValue(), '10', 'the draft comes back');
  eq(await field(page, 'assebroek', 'arbeidszorg_se').inputValue(), '', 'an empty field stays empty');
  // sending with a field left empty: the error summary names it
  await page.locator('button[name=submit][value=final]').click();
  await page.waitForLoadState();
  ok(await page.locator('#errors[role=alert]').isVisible(), 'an empty field stops the answer: error summary');
  expectStatus({ 'azi-brugge': 'draft' }, 'after a refused answer');
  await field(page, 'assebroek', 'arbeidszorg_se').fill('7');
  await page.locator('input[name="reference.brugge-centrum.arbeidszorg_ggz"]').fill('8');
  await page.locator('button[name=submit][value=final]').click();
  await page.waitForLoadState();
  eq(await page.locator('h1').textContent(), 'Antwoord ontvangen', 'the receipt');
  eq(await page.locator('p.receipt').getAttribute('data-version'), '2', 'the answer is version 2');
  ok((await page.locator('main').textContent()).includes('22'), 'the receipt gives the total (10 + 5 + 7)');
  expectStatus({ 'azi-brugge': 'answered' }, 'after the answer');
  await shot('receipt');
  // the printable copy, as printed
  await page.locator('a[href$="/copy"]').click();
  await page.waitForLoadState();
  const copy = await page.locator('table.copy tbody').textContent();
  ok(/Brugge Centrum/.test(copy) && /Assebroek/.test(copy), 'the copy lists the sites', copy);
  const ggz = await page.locator('table.copy tbody tr', { hasText: 'geestelijke' }).locator('td').allTextContents();
  eq(ggz.slice(3, 5).join('|'), '10|8', 'the copy shows the persons during the year and on 31 December');
  await page.emulateMedia({ media: 'print' });
  eq(await page.locator('header a.noprint').isVisible(), false, 'printed, the language link is left out');
  ok(await page.locator('table.copy').isVisible(), 'printed, the table stays');
  await page.pdf({ path: path.join(SHOT_DIR, 'survey-copy.pdf') });
  await page.emulateMedia({ media: 'screen' });

  // --------------------- azi-kortrijk: English, mistakes, corrections, two tabs
  section = 'azi-kortrijk';
  const B = BASE + LINKS['azi-kortrijk'] + '?lang=en';
  await page.goto(B);
  const rb = await accessible(page, 'form B');
  eq(rb.lang, 'en', 'English on request');
  ok((await page.locator('.last').first().textContent()).includes('12'), "last year's figure beside the field");
  const kk = field(page, 'kortrijk', 'arbeidszorg_ggz');
  await kk.fill('-4');
  await page.locator('button[name=submit][value=final]').click();
  await page.waitForLoadState();
  ok(await page.locator('#errors').isVisible(), 'a negative number is refused');
  eq(await kk.getAttribute('aria-invalid'), 'true', 'the field is marked invalid');
  const link = page.locator('#errors a').first();
  eq(await link.getAttribute('href'), '#f0', 'the summary links to the field');
  await link.click();
  eq(await page.evaluate(() => document.activeElement && document.activeElement.id), 'f0', 'following the link focuses the field');
  await kk.fill('20'); // 12 -> 20: more than half
  await page.locator('button[name=submit][value=final]').click();
  await page.waitForLoadState();
  ok(/more than half/.test(await page.locator('#errors').textContent()), 'a change of more than half needs an explanation');
  eq(await page.locator('#errors a').first().getAttribute('href'), '#c0', '... and the summary links to the explanation');
  await shot('errors');
  await comment(page, 'kortrijk', 'arbeidszorg_ggz').fill('A second group started in September.');
  await page.locator('button[name=submit][value=final]').click();
  await page.waitForLoadState();
  eq(await page.locator('h1').textContent(), 'Answer received', 'the receipt, in English');
  expectStatus({ 'azi-kortrijk': 'answered' }, 'after the answer');
  // a correction after sending
  await page.locator('a', { hasText: 'Correct the answer' }).click();
  await page.waitForLoadState();
  eq(await kk.inputValue(), '20', 'the answer sent is in the form');
  await kk.fill('17');
  await page.locator('button[name=submit][value=final]').click();
  await page.waitForLoadState();
  eq(await page.locator('p.receipt').getAttribute('data-version'), '2', 'the correction is version 2');
  // two tabs opened on version 2, sent in turn: two versions, the last current
  const tab1 = await context.newPage();
  const tab2 = await context.newPage();
  watch(tab1);
  watch(tab2);
  await tab1.goto(B);
  await tab2.goto(B);
  await field(tab1, 'kortrijk', 'arbeidszorg_ggz').fill('15');
  await field(tab2, 'kortrijk', 'arbeidszorg_ggz').fill('16');
  await tab1.locator('button[name=submit][value=final]').click();
  await tab1.waitForLoadState();
  await tab2.locator('button[name=submit][value=final]').click();
  await tab2.waitForLoadState();
  eq(await tab1.locator('p.receipt').getAttribute('data-version'), '3', 'the first tab is version 3');
  eq(await tab2.locator('p.receipt').getAttribute('data-version'), '4', 'the second tab is version 4');
  eq(await tab1.locator('p.notice').count(), 0, 'the first tab saw nothing saved meanwhile');
  ok(/another version was saved/.test(await tab2.locator('main').textContent()), 'the second tab says another version was saved meanwhile');
  await shot('two-tabs', tab2);
  await tab1.goto(B);
  eq(await field(tab1, 'kortrijk', 'arbeidszorg_ggz').inputValue(), '16', 'the last version is the current one');
  await tab1.close();
  await tab2.close();

  section = 'end';
  expectStatus({ 'azi-brugge': 'answered', 'azi-kortrijk': 'answered', 'azi-ieper': 'not_opened' }, 'at the end');
  eq(problems.join('\n'), '', 'no console error, failed request or error status');
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

main()
  .catch((e) => {
    failed++;
    console.log(`FAIL [${section}] ${e.stack || e}`);
  })
  .finally(() => {
    console.log(`browser: ${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  });
