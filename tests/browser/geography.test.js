// geography.test.js - the municipalities through time on the dashboard, in
// headless Chromium (run by tests/cli/t8150-serve-geography-search.sh):
// - search finds a municipality by the name it had before a merger, as
//   today's search does (case, accents, hyphens aside): the suggestion says
//   what became of it ("Nevele (sinds 2019 deel van Deinze)") and offers
//   the successor right after it; Enter leads to the old page, which says
//   what it became and links there;
// - the start page lists the municipalities of the chosen year's map under
//   their arrondissements of that year (308 in 2017, 300 in 2019, 285 in
//   2025);
// - the map's ranking links to each area's page, the page's own area
//   marked aria-current, and the measure shown marked too.
// Prints "ok ..."/"FAIL ..." lines and a summary.
'use strict';
const { launch } = require('./launch');
const fs = require('fs');
const path = require('path');

const [base, shots] = process.argv.slice(2);
let passed = 0, failed = 0;
const check = (ok, what, detail) => {
  ok ? passed++ : failed++;
  console.log(`${ok ? 'ok' : 'FAIL'} ${what}` + (!ok && detail !== undefined ? `\n    ${detail}` : ''));
};
const norm = (s) => (s || '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

(async () => {
  const ctx = await launch();
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    page.setDefaultTimeout(10000);
    await page.setViewportSize({ width: 1100, height: 1000 });

    // ---- old names in the suggestions
    const suggest = async (typed) => {
      await page.goto(`${base}/`);
      await page.locator('#q').pressSequentially(typed, { delay: 30 });
      // on a loaded machine a pause between keys asks for a shorter prefix
      // first: wait until the last answer is in, so the list is final
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(() => document.querySelectorAll('#suggest [role=option]').length >= 2, null, { timeout: 5000 }).catch(() => {});
      return (await page.locator('#suggest [role=option]').allTextContents()).map(norm);
    };
    const s = await suggest('NÉVELE');
    check(s[0] === 'Nevele (sinds 2019 deel van Deinze)', `"NÉVELE": the old name, case and accents aside, says what became of it (${s.join(' | ')})`);
    check(s[1] === 'Deinze (gemeente 44083)', `the successor offered right after it (${s.join(' | ')})`);
    const succ = await page.locator('#suggest-1').getAttribute('href');
    check(succ === '/area/44083?year=2017&geography=2019', `the successor on its own map, the year kept (${succ})`);
    await page.locator('#q').press('ArrowDown');
    await Promise.all([page.waitForURL(/\/area\/44049\?year=2017$/), page.locator('#q').press('Enter')]);
    check(norm(await page.locator('h1').textContent()) === 'Nevele', 'Enter leads to the old Nevele page');
    const note = norm(await page.locator('main p.note').first().textContent());
    check(note.startsWith('Nevele (44049) maakt sinds 2019-01-01 deel uit van Deinze (44083)'), `the page says what it became (${note})`);
    check(await page.locator('main p.note a[href="/area/44083?year=2017&geography=2019"]').count() === 1, 'and links to Deinze 44083');
    await page.screenshot({ path: path.join(shots, 'geography-old-name.png') });

    // ---- the start page's municipalities follow the chosen map
    const under = (code) => page.$$eval('details ul.tree > li', (lis, c) => lis.filter((li) => li.querySelector(`a[href^="/area/${c}?"]`))
      .map((li) => li.firstElementChild.textContent), code);
    for (const [q, n, code, parent] of [['year=2017', 308, '71047', 'Hasselt'], ['geography=2019', 300, '72042', 'Maaseik']]) {
      await page.goto(`${base}/?${q}`);
      const h = norm(await page.locator('h2', { hasText: 'gemeenten van' }).textContent());
      const links = await page.$$eval('details ul.tree ul a', (as) => as.length);
      check(links === n && h === `De ${n} gemeenten van ${q.slice(-4)}`, `/?${q}: ${h}, ${links} municipalities`);
      const p = await under(code);
      check(p.length === 1 && p[0] === parent, `/?${q}: ${code} under ${parent} (${p})`);
    }

    // ---- the map's links: each area of the ranking, the page's own current
    await page.goto(`${base}/area/31005?year=2017&map=rung4`);
    const rows = await page.$$eval('figure.map details tbody th', (ths) => ths.map((th) => {
      const a = th.querySelector('a');
      return a && { name: a.textContent, href: a.getAttribute('href'), current: a.getAttribute('aria-current') };
    }));
    check(rows.length === 64 && rows.every((r) => r && /^\/area\/3\d{4}\?year=2017$/.test(r.href)), `the ranking links each of its ${rows.length} areas to its page`);
    const cur = rows.filter((r) => r && r.current);
    check(cur.length === 1 && cur[0].name === 'Brugge' && cur[0].current === 'page' && cur[0].href === '/area/31005?year=2017',
      `the page's own area is aria-current (${JSON.stringify(cur)})`);
    const measures = await page.$$eval('a[aria-current]', (as) => as.map((a) => a.getAttribute('href')).filter((h) => /map=/.test(h)));
    check(measures.length === 1 && /map=rung4#map$/.test(measures[0]), `the measure shown is aria-current (${measures})`);
  } catch (e) {
    check(false, `no exception: ${e.stack || e}`);
  } finally {
    await ctx.close();
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
