// dashboard.test.js - end-to-end test of the ladder dashboard in headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core), against a
// running `ladder serve` on the demo database. Run by
// tests/cli/t5100-serve-browser.sh, which starts the server.
//
// Environment:
//   LADDER_URL   base URL of the server, e.g. http://127.0.0.1:23456 (required)
//   LADDER_DB    the database the server reads (required: figures are
//                checked against it with `ladder show` and sqlite3)
//   LADDER       the ladder binary (default: ladder on PATH)
//   CHROMIUM     the browser (default /usr/bin/chromium)
//   SHOT_DIR     where the screenshots go (default build/screenshots)
//
// What a person does: open the start page, search "Brugge" (with the
// suggestions the script shows, and by submitting the form), follow to the
// area page, change the year, follow the rung, work-form and language
// links, download the CSV; each figure on screen is compared with the
// database. No console error, no CSP violation, no failed request.
// Prints "browser: N passed, M failed" and exits 1 on any failure.
'use strict';

const { chromium } = require('playwright-core');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const BASE = process.env.LADDER_URL;
const DB = process.env.LADDER_DB;
const LADDER = process.env.LADDER || 'ladder';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOT_DIR = process.env.SHOT_DIR || path.join(__dirname, '..', '..', 'build', 'screenshots');
if (!BASE || !DB) {
  console.error('dashboard.test.js: set LADDER_URL and LADDER_DB');
  process.exit(2);
}

// ------------------------------------------------------------ checks
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

// --------------------------------------------------- the database's figures
function show(area, year, extra = []) {
  const out = execFileSync(LADDER, ['show', '--db', DB, '--area', area, '--year', String(year), ...extra], {
    encoding: 'utf8',
  });
  return out;
}
function showJson(area, year) {
  return JSON.parse(show(area, year, ['--format', 'json']));
}
function sql(query) {
  return execFileSync('sqlite3', [DB, query], { encoding: 'utf8' }).trim();
}

// Belgian Dutch style, as the dashboard writes numbers: 56.721 and 78,8 %;
// English: 56,721 and 78.8%-style with a point (same spacing as the page).
function count(n, en = false) {
  const s = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, en ? ',' : '.');
  return (n < 0 ? '-' : '') + s;
}
function pct(v, en = false) {
  const s = (Math.round(v * 10) / 10).toFixed(1);
  return (en ? s : s.replace('.', ',')) + ' %';
}
const norm = (s) => (s || '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
// a figure on screen without its flag symbol (e estimated, s synthetic, ...)
const bare = (s) => norm(s).replace(/ [a-z]$/, '');

// ------------------------------------------------------------- the run
async function main() {
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ladder-chromium-'));
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'ladder-downloads-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    acceptDownloads: true,
    downloadsPath: downloads,
    viewport: { width: 1280, height: 900 },
    locale: 'nl-BE',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  context.setDefaultTimeout(15000);
  const problems = []; // console errors, CSP violations, failed requests
  const favicon = []; // the browser asks for /favicon.ico by itself: noted, not failed
  const watch = (page) => {
    page.on('console', (m) => {
      if (m.type() !== 'error' && m.type() !== 'warning') return;
      const where = (m.location() && m.location().url) || '';
      if (/\/favicon\.ico$/.test(where)) return;
      // CSP messages carry a hash that differs per element: one line per kind
      problems.push(`${m.type()}: ${m.text().replace(/'sha256-[^']*'/g, "'sha256-...'")} (on ${new URL(page.url()).pathname})`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message} (${page.url()})`));
    page.on('requestfailed', (r) => {
      // a download link's navigation is replaced by the download: not a failure
      // a suggestion fetch still in flight when the page navigates is aborted by the browser: not a failure
      const aborted = r.failure() && /ERR_ABORTED/.test(r.failure().errorText) && /\/api\/v1\/areas\?/.test(r.url());
      if (!/format=(csv|sheet)|\/download\//.test(r.url()) && !aborted) problems.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`);
    });
    page.on('response', (r) => {
      if (r.status() < 400) return;
      if (/\/favicon\.ico$/.test(r.url())) favicon.push(r.status());
      else problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
  };
  const page = context.pages()[0] || (await context.newPage());
  watch(page);
  const shot = async (name, p = page) => {
    const file = path.join(SHOT_DIR, name + '.png');
    await p.screenshot({ path: file, fullPage: true });
    return file;
  };
  const text = async (sel, p = page) => norm(await p.locator(sel).first().textContent());

  try {
    // ------------------------------------------------------ start page
    section = 'home';
    const resp = await page.goto(BASE + '/');
    eq(resp.status(), 200, 'GET / status');
    eq(await page.title(), 'Participatieladder - ladder', 'title');
    eq(await text('h1'), 'Participatieladder', 'h1');
    eq(await page.locator('html').getAttribute('lang'), 'nl', 'html lang');
    ok((await page.locator('a[href^="/area/30000"]').count()) >= 1, 'the hierarchy links to West-Vlaanderen (30000)');
    const years = await page.locator('select[name=year] option').allTextContents();
    eq(JSON.stringify(years), JSON.stringify(['2017', '2016']), 'year picker lists the years with figures');
    await shot('01-home');
    // layout: an empty suggestion list draws nothing (no stray border line)
    const sug = await page.locator('#suggest').boundingBox();
    ok(!sug || sug.height <= 1, 'the empty suggestion list is not drawn (no stray line under the help text)',
      sug && `#suggest is ${sug.width}x${sug.height} px while empty`);
    // layout: a province and its arrondissements stay in one column of the tree
    const split = await page.evaluate(() => {
      const out = [];
      for (const li of document.querySelectorAll('ul.tree > li')) {
        const items = [li, ...li.querySelectorAll('li')];
        // the column an item is in: its left edge over the tree's column width
        const ul = li.parentElement.getBoundingClientRect();
        const colw = ul.width / (parseInt(getComputedStyle(li.parentElement).columnCount, 10) || 1);
        const cols = new Set(items.map((e) => Math.floor((e.getBoundingClientRect().left - ul.left) / colw)));
        if (cols.size > 1) out.push(li.firstElementChild.textContent);
      }
      return out;
    });
    ok(split.length === 0, 'no province is split across the columns of the hierarchy', `split: ${split.join(', ')}`);

    // ------------------------------- search with the script's suggestions
    section = 'suggestions';
    await page.locator('#q').click();
    await page.locator('#q').pressSequentially('Brugge', { delay: 40 });
    // typing fires one request per pause: wait for the answer to the whole
    // word (an answer to "Br" may come first, under load)
    await page
      .waitForFunction(() => {
        const a = [...document.querySelectorAll('#suggest li a')];
        return a.length > 0 && a.every((x) => /brugge/i.test(x.textContent));
      }, null, { timeout: 5000 })
      .catch(() => {});
    const sugg = (await page.locator('#suggest li a').allTextContents()).map(norm);
    ok(sugg.some((s) => s.includes('31000')), 'a suggestion for Brugge arrondissement 31000', sugg.join(' | '));
    ok(sugg.some((s) => s.includes('31005')), 'a suggestion for Brugge municipality 31005', sugg.join(' | '));
    ok(sugg.every((s) => /brugge/i.test(s)), 'every suggestion is about Brugge', sugg.join(' | '));
    ok(sugg.some((s) => s.includes('gemeente 31005')), 'suggestions name the level in Dutch (gemeente)', sugg.join(' | '));
    ok(!sugg.some((s) => /municipality/.test(s)), 'no English level on a Dutch page', sugg.join(' | '));
    await shot('02-suggestions');
    // a suggestion keeps the year chosen in the form
    await Promise.all([page.waitForURL(/\/area\/31005\?year=2017$/), page.locator('#suggest a[href="/area/31005?year=2017"]').click()]);
    eq(await text('h1'), 'Brugge', 'the suggestion leads to the municipality page');
    ok((await text('p.sub')).startsWith('gemeente · NIS-code 31005'), 'municipality 31005 in the sub-title', await text('p.sub'));

    // ------------------------- the suggestions by keyboard (ARIA combobox)
    section = 'suggestions by keyboard';
    await page.goto(BASE + '/');
    await page.locator('select[name=year]').selectOption('2016');
    const q = page.locator('#q');
    eq(await q.getAttribute('role'), 'combobox', 'the search box is a combobox');
    eq(await page.locator('#suggest').getAttribute('role'), 'listbox', 'the suggestions are a listbox');
    await q.click();
    // "Sint Niklaas": a space for the hyphen, and lower case elsewhere
    await q.pressSequentially('sint niklaas', { delay: 30 });
    await page.waitForLoadState('networkidle'); // the last prefix's answer is in: the list is final
    await page
      .waitForFunction(() => document.querySelectorAll('#suggest [role=option]').length >= 2, null, { timeout: 5000 })
      .catch(() => {});
    const sn = (await page.locator('#suggest [role=option]').allTextContents()).map(norm);
    ok(sn.some((s) => s.includes('Sint-Niklaas (gemeente 46021)')), '"sint niklaas" suggests Sint-Niklaas (gemeente 46021)', sn.join(' | '));
    eq(await q.getAttribute('aria-expanded'), 'true', 'aria-expanded while the list shows');
    await q.press('ArrowDown');
    eq(await q.getAttribute('aria-activedescendant'), 'suggest-0', 'Down chooses the first suggestion');
    eq(await page.locator('#suggest-0').getAttribute('aria-selected'), 'true', 'the first suggestion is selected');
    await q.press('ArrowDown');
    eq(await q.getAttribute('aria-activedescendant'), 'suggest-1', 'Down again: the second');
    await q.press('ArrowUp');
    eq(await q.getAttribute('aria-activedescendant'), 'suggest-0', 'Up: back to the first');
    ok(await q.evaluate((e) => e === document.activeElement), 'the focus stays in the search box');
    await q.press('ArrowDown');
    // a late answer (here: the same query asked again) redraws the list:
    // the option chosen meanwhile stays chosen, so Enter still follows it
    await page.$eval('#suggest', (l) => { l.firstElementChild.dataset.old = '1'; });
    await q.dispatchEvent('input');
    await page.waitForFunction(() => !document.querySelector('#suggest [data-old]') &&
      document.querySelectorAll('#suggest [role=option]').length >= 2);
    eq(await q.getAttribute('aria-activedescendant'), 'suggest-1', 'a late answer keeps the chosen suggestion');
    eq(await page.locator('#suggest-1').getAttribute('aria-selected'), 'true', 'and shows it selected');
    const chosen = await page.locator('#suggest-1').getAttribute('href');
    ok(/^\/area\/46\d{3}\?year=2016$/.test(chosen || ''), 'the chosen suggestion keeps year 2016', chosen);
    await Promise.all([page.waitForURL((u) => u.pathname + u.search === chosen), q.press('Enter')]);
    ok(/Sint-Niklaas/.test(await text('h1')), 'Enter follows the chosen suggestion', await text('h1'));
    ok((await text('p.sub')).includes('2016'), 'to the year chosen before', await text('p.sub'));
    await page.goto(BASE + '/');
    await page.locator('#q').pressSequentially('Brugge', { delay: 30 });
    await page.waitForFunction(() => document.querySelectorAll('#suggest [role=option]').length > 0, null, { timeout: 5000 }).catch(() => {});
    await page.locator('#q').press('Escape');
    eq(await page.locator('#suggest [role=option]').count(), 0, 'Escape closes the list');
    eq(await page.locator('#q').getAttribute('aria-expanded'), 'false', 'aria-expanded false after Escape');

    // ------------------------------------------- search by submitting the form
    section = 'search form';
    await page.goto(BASE + '/');
    await page.locator('#q').fill('Brugge');
    await Promise.all([page.waitForURL(/\?q=Brugge/), page.locator('#q').press('Enter')]);
    const u = new URL(page.url());
    eq(u.pathname, '/', 'the form submits to /');
    eq(u.searchParams.get('q'), 'Brugge', 'q=Brugge');
    eq(u.searchParams.get('year'), '2017', 'the year picker goes along');
    eq(await page.locator('#q').inputValue(), 'Brugge', 'the search box keeps the query');
    const found = (await page.locator('h2:has-text("Gevonden gebieden") + ul li').allTextContents()).map(norm);
    ok(found.some((s) => s.includes('arrondissement 31000')), 'found: Brugge (arrondissement 31000)', found.join(' | '));
    ok(found.some((s) => s.includes('gemeente 31005')), 'found: Brugge (gemeente 31005)', found.join(' | '));
    await shot('03-search-results');
    await Promise.all([
      page.waitForURL(/\/area\/31000\?year=2017/),
      page.locator('h2:has-text("Gevonden gebieden") + ul a[href^="/area/31000"]').click(),
    ]);

    // ------------------------------------------------ the arrondissement
    section = 'area 31000';
    const a31 = showJson('31000', 2017);
    eq(await text('h1'), 'Brugge', 'h1');
    ok((await text('p.sub')).startsWith('arrondissement · NIS-code 31000 · 2017'), 'sub-title', await text('p.sub'));
    eq(bare(await text('.keys .key .v')), count(a31.total), 'total of 31000');
    ok(a31.total_flags.length === 0 || / [a-z]$/.test(await text('.keys .key .v')), 'a flagged total shows its symbol',
      `${JSON.stringify(a31.total_flags)}: ${await text('.keys .key .v')}`);
    await checkLadderTable(page, a31, '31000 2017');
    await shot('04-area-31000-2017');

    // ---------------------------------------------- up to the province
    section = 'area 30000';
    await Promise.all([
      page.waitForURL(/\/area\/30000\?year=2017/),
      page.locator('section[aria-labelledby=cmp] a[href^="/area/30000"]').click(),
    ]);
    const a30 = showJson('30000', 2017);
    eq(a30.total, 56721, 'ladder show: the province total is the published 56.721');
    eq(sql("SELECT f.persons FROM figure f JOIN area a ON a.id = f.area JOIN work_form w ON w.id = f.work_form " +
      "JOIN edition e ON e.id = f.edition WHERE a.code = '30000' AND w.code = 'totaal' AND f.year = 2017 AND e.code = '2018'"),
    '56721', 'the database stores 56721 for 30000 in 2017');
    eq(await text('h1'), 'West-Vlaanderen', 'h1');
    eq(await text('.keys .key .v'), '56.721', 'key figure: the total');
    const keyTexts = (await page.locator('section[aria-labelledby=kf] .key .v').allTextContents()).map(norm);
    eq(keyTexts[1], pct(a30.share_of_wage_employment), 'key figure: equivalent of wage employment');
    eq(keyTexts[2], pct(a30.share_of_flemish_total) + ' e', 'key figure: share of the Flemish total (estimated)');
    eq(keyTexts[3], `+${count(a30.change_abs)} (+${pct(a30.change_pct)})`, 'key figure: change on 2016');
    await checkLadderTable(page, a30, '30000 2017');
    const note = await text('section[aria-labelledby=ld] p.note');
    ok(note.includes(`${count(a30.collective)} collectief (${pct(a30.collective_share)})`), 'collective on screen', note);
    ok(note.includes(`${count(a30.individual)} individueel (${pct(a30.individual_share)})`), 'individual on screen', note);
    ok(note.includes(`loontrekkenden: ${count(a30.wage_employees)}`), 'wage employees on screen', note);
    // the regional ladder: each arrondissement's total as ladder show has it
    for (const code of ['31000', '32000', '33000', '34000', '35000', '36000', '37000', '38000']) {
      const row = page.locator(`section[aria-labelledby=sub] tr:has(a[href^="/area/${code}?"])`);
      const cells = (await row.locator('td').allTextContents()).map(norm);
      const l = showJson(code, 2017);
      eq(bare(cells[0]), count(l.total), `regional ladder: total of ${code}`);
      eq(bare(cells[1]), pct(l.rungs[0].share), `regional ladder: rung 5 share of ${code}`);
    }
    // the stacked bars are drawn: the rung-5 part is 78.8 % of the bar
    const bar = page.locator('section[aria-labelledby=cmp] tbody tr').first().locator('.bar');
    const barBox = await bar.boundingBox();
    const r5Box = await bar.locator('.r5').boundingBox();
    const ratio = barBox && r5Box ? r5Box.width / barBox.width : 0;
    ok(Math.abs(ratio - a30.rungs[0].share / 100) < 0.02,
      'the stacked bar draws rung 5 at its share of the width (inline style="width:..%" must apply)',
      `rung 5 part is ${(ratio * 100).toFixed(1)} % of the bar, expected ${a30.rungs[0].share.toFixed(1)} %`);
    await shot('05-area-30000-2017');
    // layout: the labour-market sub-rows are indented under their parent row
    const indent = await page.evaluate(() => {
      const x = (label) => {
        for (const th of document.querySelectorAll('section[aria-labelledby=ctx] th')) {
          if (th.textContent.trim() === label) {
            const r = document.createRange();
            r.selectNodeContents(th);
            return r.getClientRects()[0].left;
          }
        }
        return null;
      };
      return [x('Niet-werkende werkzoekenden'), x('in een kansengroep')];
    });
    ok(indent[0] !== null && indent[1] !== null && indent[1] > indent[0] + 4,
      "labour market: 'in een kansengroep' is indented under 'Niet-werkende werkzoekenden'",
      `text starts at ${indent[0]} px and ${indent[1]} px`);
    // close-ups at full resolution: key figures, ladder, comparison bars
    await page.locator('section[aria-labelledby=kf]').screenshot({ path: path.join(SHOT_DIR, '05a-keys.png') });
    await page.locator('section[aria-labelledby=ld]').screenshot({ path: path.join(SHOT_DIR, '05b-ladder.png') });
    await page.locator('section[aria-labelledby=cmp]').screenshot({ path: path.join(SHOT_DIR, '05c-comparison.png') });
    await page.locator('section[aria-labelledby=ctx]').screenshot({ path: path.join(SHOT_DIR, '05d-labour-market.png') });

    // ------------------------------------------------ change the year
    section = 'year';
    await page.locator('form.pick select[name=year]').selectOption('2016');
    await Promise.all([page.waitForURL(/year=2016/), page.locator('form.pick button[type=submit]').click()]);
    const a30y16 = showJson('30000', 2016);
    ok((await text('p.sub')).includes('· 2016 ·'), 'the sub-title says 2016', await text('p.sub'));
    eq(await page.locator('form.pick select[name=year]').inputValue(), '2016', 'the picker keeps 2016');
    eq(bare(await text('.keys .key .v')), count(a30y16.total), 'total 2016 as ladder show has it');
    await checkLadderTable(page, a30y16, '30000 2016');
    await shot('06-area-30000-2016');
    // and back to 2017 through the evolution table's link
    await Promise.all([
      page.waitForURL(/\/area\/30000\?year=2017$/),
      page.locator('section[aria-labelledby=ev] a:text-is("2017")').click(),
    ]);
    eq(bare(await text('.keys .key .v')), '56.721', 'the evolution link leads back to 2017');

    // ------------------------------------------------ the rung page
    section = 'rung page';
    await Promise.all([
      page.waitForURL(/\/area\/30000\/rung\/4\?year=2017/),
      page.locator('section[aria-labelledby=ld] a[href^="/area/30000/rung/4"]').click(),
    ]);
    const r4 = a30.rungs.find((r) => r.rung === 4);
    ok((await text('h1')).startsWith('Trede 4: Tijdelijke activerende trajecten - West-Vlaanderen 2017'), 'h1', await text('h1'));
    const rungKeys = (await page.locator('.keys .key .v').allTextContents()).map(bare);
    eq(rungKeys[0], count(r4.persons), 'rung 4 persons');
    eq(rungKeys[1], pct(r4.share), 'rung 4 share of the total');
    const forms = a30.work_forms.filter((f) => f.rung === 4);
    ok(forms.length === 6, 'ladder show lists six rung-4 work forms', forms.length);
    for (const f of forms) {
      const cells = (await page.locator(`tr:has(a[href^="/workform/${f.code}?"]) td`).allTextContents()).map(norm);
      eq(bare(cells[cells.length - 1]), f.persons === null ? '.' : count(f.persons), `rung 4 form ${f.code}`);
    }
    const unspec = (await page.locator('tr:has(td:text-is("niet gespecificeerd")) td').allTextContents()).map(norm);
    eq(bare(unspec[unspec.length - 1] || ''), count(a30.not_specified.find((n) => n.rung === 4).persons), 'rung 4 not specified (317)');
    await shot('07-rung-4-2017');

    // ---------------------------------------------- the work-form page
    section = 'work form';
    await Promise.all([page.waitForURL(/\/workform\/tat\?area=30000/), page.locator('a[href^="/workform/tat?"]').first().click()]);
    const tat17 = a30.work_forms.find((f) => f.code === 'tat');
    ok((await text('h1')).startsWith('Tijdelijke activerende trajecten'), 'h1', await text('h1'));
    const tatRow = (await page.locator('table').first().locator('tr:has(th:text-is("2017")) td').allTextContents()).map(norm);
    eq(bare(tatRow[0]), count(tat17.persons), 'tat 2017 in the evolution table');
    const sub32 = (await page.locator('tr:has(a[href^="/workform/tat?area=32000"]) td').allTextContents()).map(norm);
    const tat32 = showJson('32000', 2017).work_forms.find((f) => f.code === 'tat');
    eq(bare(sub32[0]), count(tat32.persons), 'tat in Diksmuide (32000), 2017');
    await shot('08-workform-tat');

    // --------------------------------------------- the language switch
    section = 'English';
    await Promise.all([page.waitForURL(/lang=en/), page.locator('header a[lang=en]').click()]);
    eq(await page.locator('html').getAttribute('lang'), 'en', 'html lang=en');
    eq(bare(await page.locator('table').first().locator('tr:has(th:text-is("2017")) td').first().textContent()),
      count(tat17.persons, true), 'tat 2017 in English style');
    await page.goto(BASE + '/area/30000?year=2017&lang=en');
    eq(await text('.keys .key .v'), count(56721, true), 'the total in English style: 56,721');
    const rows5 = (await page.locator('section[aria-labelledby=ld] tr:has(a[href^="/area/30000/rung/5"]) td').allTextContents()).map(norm);
    ok(rows5[1] === pct(a30.rungs[0].share, true) || rows5[1] === pct(a30.rungs[0].share, true).replace(' %', '%'),
      'rung 5 share in English style', rows5.join(' | '));
    ok((await text('section[aria-labelledby=ld] h2')) === 'The ladder', 'English headings', await text('section[aria-labelledby=ld] h2'));
    await shot('09-area-30000-2017-en');
    await Promise.all([page.waitForURL((url) => !/lang=en/.test(url.search)), page.locator('header a[lang=nl]').click()]);
    eq(await page.locator('html').getAttribute('lang'), 'nl', 'back to Dutch');
    eq(new URL(page.url()).searchParams.get('year'), '2017', 'the switch keeps the year');

    // -------------------------------------------------- download the CSV
    section = 'download';
    await page.goto(BASE + '/area/30000?year=2017');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.downloads a:text-is("Open data (CSV)")').click(),
    ]);
    eq(download.suggestedFilename(), 'ladder-30000-2017.csv', 'file name');
    const file = await download.path();
    const got = fs.readFileSync(file, 'utf8');
    const want = show('30000', 2017, ['--format', 'csv']);
    ok(got === want, 'the CSV is `ladder show --format csv` byte for byte', `got ${got.length} bytes, want ${want.length}\n${got.slice(0, 300)}`);
    const totalLine = got.split('\n').find((l) => l.startsWith('30000,2017,2018,total,'));
    ok(totalLine && totalLine.split(',')[6] === '56721', 'the CSV holds the total 56721', totalLine);
    fs.copyFileSync(file, path.join(SHOT_DIR, 'ladder-30000-2017.csv'));
    // the table for a (Belgian) spreadsheet: BOM, ';', decimal comma, rounded
    const [sheetDl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.downloads a:text-is("Tabel voor Excel (CSV)")').click(),
    ]);
    eq(sheetDl.suggestedFilename(), 'ladder-30000-2017-excel.csv', 'spreadsheet CSV: file name');
    const sheet = fs.readFileSync(await sheetDl.path(), 'utf8');
    eq(sheet.charCodeAt(0), 0xfeff, 'spreadsheet CSV: a byte order mark');
    ok(sheet.includes('Trede 5: Betaald werk met ondersteuning;44672;;78,8;'), 'spreadsheet CSV: ";", whole counts, shares 78,8',
      sheet.slice(0, 300));
    // the report and the annex are downloads of the page
    for (const [label, name] of [['Rapport (PDF)', 'ladder-30000-2017.pdf'], ['Bijlage, alle gebieden (Excel)', 'ladder-annex-2017.xlsx']]) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`.downloads a:text-is("${label}")`).click()]);
      eq(dl.suggestedFilename(), name, `${label}: file name`);
      ok(fs.statSync(await dl.path()).size > 10000, `${label}: a whole file`, fs.statSync(await dl.path()).size);
    }
    // the JSON link beside it
    await Promise.all([page.waitForURL(/\/api\/v1\/ladder\?area=30000&year=2017$/), page.locator('.downloads a:text-is("JSON")').click()]);
    const json = JSON.parse(await page.locator('body').innerText());
    eq(json.total, 56721, 'the JSON link: total');

    // -------------------------------------------- a phone-sized screen
    section = 'narrow screen';
    const phone = await context.newPage();
    watch(phone);
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(BASE + '/area/30000?year=2017');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    ok(overflow <= 0, 'no horizontal scrolling of the whole page at 390 px', `page is ${overflow} px wider than the screen`);
    await shot('10-area-30000-phone', phone);
    await phone.screenshot({ path: path.join(SHOT_DIR, '10a-area-30000-phone-viewport.png') });
    await phone.goto(BASE + '/');
    await shot('11-home-phone', phone);
    await phone.close();

    // ------------------------------------------- keyboard: skip link
    section = 'keyboard';
    await page.goto(BASE + '/area/30000');
    await page.keyboard.press('Tab');
    eq(norm(await page.evaluate(() => document.activeElement && document.activeElement.textContent)), 'Naar de inhoud',
      'the first Tab reaches the skip link');
    await shot('12-skip-link-focus');

    // -------------------------------------------------- an error page
    section = 'errors';
    const before = problems.length;
    const r404 = await page.goto(BASE + '/area/99999');
    eq(r404.status(), 404, 'unknown area: 404');
    ok((await text('h1')) === '404', 'the 404 page says 404', await text('h1'));
    await shot('13-404');
    problems.splice(before); // the 404 just above is expected

    section = 'console';
    const kinds = new Map();
    for (const p of problems) {
      const k = p.replace(/ \(on [^)]*\)$/, '');
      kinds.set(k, (kinds.get(k) || 0) + 1);
    }
    ok(problems.length === 0, 'no console error or warning, CSP violation, failed request or HTTP error on any page',
      [...kinds].map(([k, n]) => `${n} x ${k}`).join('\n') +
        `\npages: ${[...new Set(problems.map((p) => (p.match(/\(on ([^)]*)\)$/) || [])[1]).filter(Boolean))].join(' ')}`);
    if (favicon.length) console.log(`note: /favicon.ico answered ${favicon[0]} (${favicon.length} times)`);
  } catch (e) {
    ok(false, 'the walk through the dashboard stopped', e.stack || e);
    try {
      await shot('99-failure');
    } catch (_) {
      /* no page to show */
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(downloads, { recursive: true, force: true });
  }
}

// The ladder table of an area page: rung 3..6 persons and shares as ladder
// show's JSON has them, in Belgian style.
async function checkLadderTable(page, l, what) {
  const rows = page.locator('section[aria-labelledby=ld] tbody tr');
  for (const r of l.rungs) {
    const cells = (await rows.filter({ has: page.locator(`a[href*="/rung/${r.rung}"]`) }).locator('td').allTextContents()).map(norm);
    eq(bare(cells[0]), r.persons === null ? '.' : count(r.persons), `${what}: rung ${r.rung} persons`);
    eq(bare(cells[1]), r.share === null ? '.' : pct(r.share), `${what}: rung ${r.rung} share`);
  }
  const c6 = (await rows.filter({ has: page.locator('a[href*="/rung/6"]') }).locator('td').allTextContents()).map(norm);
  eq(bare(c6[0]), l.rung6 === null ? '.' : count(l.rung6), `${what}: rung 6 persons`);
  eq(bare(c6[1]), l.rung6_share === null ? '.' : pct(l.rung6_share), `${what}: rung 6 share`);
}

main().then(
  () => {
    console.log(`screenshots: ${SHOT_DIR}`);
    console.log(`browser: ${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  },
  (e) => {
    console.log(e.stack || e);
    console.log(`browser: ${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  },
);
