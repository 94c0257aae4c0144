// table.test.js - the table builder (/table) in headless Chromium WITHOUT
// JavaScript, as a reader with a keyboard and a 390 px phone meets it. Run
// by tests/cli/t7950-serve-table.sh, which starts the server.
//
// Environment: LADDER_URL (the server), CHROMIUM (default
// /usr/bin/chromium), SHOT_DIR (screenshots, default build/screenshots).
//
// Checks: every control has a label; the form is submitted with the
// keyboard alone (choose rows and columns with the arrow keys, Tab to the
// button, Enter) and the URL it leads to is the permalink the page shows;
// the values in the table equal /api/v1/table's; a hidden count shows as
// "x"; at 390 px the page does not scroll sideways, the table scrolls in
// its own box. Prints "browser: N passed, M failed"; exits 1 on a failure.
'use strict';

const { chromium } = require('playwright-core');
const path = require('node:path');

const BASE = process.env.LADDER_URL;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOT_DIR = process.env.SHOT_DIR || path.join(__dirname, '..', '..', 'build', 'screenshots');
if (!BASE) {
  console.error('table.test.js: set LADDER_URL');
  process.exit(2);
}

let passed = 0;
let failed = 0;
function ok(cond, what, detail) {
  if (cond) passed++;
  else {
    failed++;
    console.log(`FAIL ${what}` + (detail !== undefined ? `\n    ${detail}` : ''));
  }
  return cond;
}

// Belgian style on the page: 56.721 and 78,8 %
function belgian(v, measure) {
  if (v === null) return null;
  if (measure === 'share') return v.toFixed(1).replace('.', ',') + ' %';
  return Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

async function apiCells(query) {
  const res = await fetch(`${BASE}/api/v1/table?${query}`);
  return (await res.json()).cells;
}

// The table's body as text: rows of cells, the flag symbol dropped.
async function tableRows(page) {
  return page.$$eval('table tbody tr', (trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.replace(/\u00a0[es]$/, '').trim())),
  );
}

async function labelled(page) {
  return page.$$eval('form.builder select, form.builder input:not([type=hidden])', (els) =>
    els.filter((e) => !(e.labels && e.labels.length)).map((e) => e.name),
  );
}

(async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await ctx.newPage();
    const q = 'area=30000,31003&within=30000&year=2017&form=totaal,trede5,starterslabo&measure=persons,share';
    await page.goto(`${BASE}/table?${q}`);
    ok((await labelled(page)).length === 0, 'every control has a label', await labelled(page));
    ok((await page.title()).includes('tabel'), 'the title says what the page is', await page.title());

    // keyboard only: rows = work form, columns = area, then Tab to the button and Enter
    await page.focus('#t-rows');
    await page.keyboard.press('ArrowDown'); // area -> year
    await page.keyboard.press('ArrowDown'); // year -> form
    await page.focus('#t-cols');
    await page.keyboard.press('Home'); // area
    await page.focus('#t-edition');
    await page.keyboard.press('Tab'); // the submit button
    ok(await page.evaluate(() => document.activeElement.type === 'submit'), 'Tab reaches the button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const url = new URL(page.url());
    ok(url.searchParams.get('rows') === 'form' && url.searchParams.get('cols') === 'area', 'the form was sent by keyboard', page.url());
    const permalink = await page.$eval('a[href^="/table?"]', (a) => a.getAttribute('href'));
    const apiHref = await page.$eval('a[href^="/api/v1/table?"]:not([download])', (a) => a.getAttribute('href'));
    ok(permalink.includes('rows=form&cols=area'), 'the permalink is the table shown', permalink);

    // values on the page = the API's, hidden ones as x
    const cells = await apiCells(apiHref.split('?')[1]);
    const heads = await page.$$eval('table thead th', (th) => th.map((t) => t.textContent.trim()));
    const rows = await tableRows(page);
    const labelCols = heads.indexOf('West-Vlaanderen');
    ok(labelCols === 2, 'columns: work form, measure, then the areas', heads.join(' | '));
    let compared = 0;
    const areas = [...new Set(cells.map((c) => c.area))]; // the API's order is the table's
    const codes = ['totaal', 'trede5', 'starterslabo'];
    for (let i = 0; i < rows.length; i++) {
      const form = codes[Math.floor(i / 2)];
      const measure = i % 2 ? 'share' : 'persons';
      areas.forEach((area, a) => {
        const cell = cells.find((c) => c.work_form === form && c.measure === measure && c.area === area);
        const shown = rows[i][labelCols + a];
        if (cell.flag === 'confidential') ok(shown === 'x', `${form} ${measure} ${area} hidden as x`, shown);
        else if (cell.value === null) ok(shown === '.', `${form} ${measure} ${area} unknown as .`, shown);
        else ok(shown === belgian(cell.value, measure), `${form} ${measure} ${area}`, `${shown} vs ${cell.value}`);
        compared++;
      });
    }
    ok(compared === rows.length * areas.length && compared >= 6 * 9, 'every cell compared with the API', compared);
    // 31003's starterslabo is hidden in every output
    const hiddenOnPage = await page.$$eval('table tbody td.n', (tds) => tds.filter((t) => t.textContent.trim() === 'x').length);
    ok(hiddenOnPage >= 2 && cells.some((c) => c.area === '31003' && c.work_form === 'starterslabo' && c.value === null),
      'a hidden count shows as x (persons and share)', hiddenOnPage);
    await page.screenshot({ path: path.join(SHOT_DIR, 'table-wide.png') });

    // a phone: no sideways scroll of the page; the table scrolls in its box
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const p2 = await phone.newPage();
    await p2.goto(`${BASE}/table?area=30000&within=30000&year=2016,2017&rows=area&cols=form`);
    const sizes = await p2.evaluate(() => {
      const box = document.querySelector('.scroll');
      return { page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth,
        box: box.scrollWidth, boxView: box.clientWidth, overflow: getComputedStyle(box).overflowX };
    });
    ok(sizes.page <= sizes.view, '390 px: the page does not scroll sideways', JSON.stringify(sizes));
    ok(sizes.box > sizes.boxView && sizes.overflow === 'auto', '390 px: the table scrolls in its own box', JSON.stringify(sizes));
    await p2.screenshot({ path: path.join(SHOT_DIR, 'table-390.png') });
  } catch (e) {
    ok(false, 'the browser run', e.stack);
  } finally {
    await browser.close();
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
