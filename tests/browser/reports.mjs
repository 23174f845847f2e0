// The reports on the demo's 20 000 leads (issue 18), started by tests/browser.rs with
// BASE_URL, GUIDE_EMAIL, PASSWORD (the demo accounts') and SHOTS (a folder for screenshots,
// or empty). The coordinator's and a guide's report at 1280×800 and 390×844 with no chart
// text outside its chart, the targets form, and the page for the board printed at A4 on
// exactly two pages; axe-core on each page, the W3C Nu HTML Checker on all of them.
import fs from 'node:fs';
import path from 'node:path';
import { check, checkHtml, demoBrowser, finish, runAxe } from './lib.mjs';

const { BASE_URL: BASE, GUIDE_EMAIL, PASSWORD, SHOTS } = process.env;
const COORDINATOR = 'samordnare@demo.lotsbok.se';
const { browser, pages, signedIn, open, shot } = await demoBrowser(BASE, PASSWORD, SHOTS);

/** Every text of every chart lies inside its chart: nothing cut off at an edge. */
async function labelsInside(page, name) {
  const { texts, outside } = await page.evaluate(() => {
    let texts = 0;
    const outside = [];
    for (const svg of document.querySelectorAll('svg.chart')) {
      const s = svg.getBoundingClientRect();
      for (const t of svg.querySelectorAll('text')) {
        const b = t.getBoundingClientRect();
        if (b.width === 0 && b.height === 0) continue;
        texts++;
        if (b.left < s.left - 0.5 || b.right > s.right + 0.5 || b.top < s.top - 0.5 || b.bottom > s.bottom + 0.5) {
          outside.push(`${svg.querySelector('title')?.textContent}: "${t.childNodes[t.childNodes.length - 1].textContent}" at ${Math.round(b.left - s.left)}…${Math.round(b.right - s.left)} of ${Math.round(s.width)} px`);
        }
      }
    }
    return { texts, outside };
  });
  check(texts > 20, `${name}: chart texts to check (${texts})`);
  for (const o of outside) check(false, `${name}: chart text outside its chart: ${o}`);
}

// --- The coordinator's report, wide and on a phone ---------------------------------------------
const wide = await signedIn(COORDINATOR, { width: 1280, height: 800 });
for (const [url, name] of [['/reports?period=year&year=2025', 'report 2025'],
  ['/reports?period=quarter&year=2026&quarter=2', 'report 2026 Q2'], ['/reports?period=year&year=2026', 'report 2026']]) {
  await open(wide, url, name);
  await labelsInside(wide, name);
}
check(await wide.locator('#all-headline').count() === 1, 'the headline figures are on the report');
const headline = await wide.locator('#all-headline').boundingBox();
check(headline && headline.y < 1600, `the headline figures come early (${headline && Math.round(headline.y)} px)`);
check(await wide.locator('section[aria-labelledby="all-targets"] table.progress svg.meter').count() > 10, "the demo's targets are shown with progress bars");
check(await wide.locator('section[aria-labelledby="all-region_months"] svg polyline').count() >= 2, 'the region per month, this year and the one before');
check(await wide.locator('section[aria-labelledby="all-moved_in_month"] td[class^="shade"]').count() > 20, 'the month table is shaded');
const height = await wide.evaluate(() => document.documentElement.scrollHeight);
check(height < 17000, `the report is shorter than before (${height} px)`);
await wide.locator('#all-headline').scrollIntoViewIfNeeded();
await shot(wide, 'report-headline-wide.png');
await wide.locator('#all-moved_in_month').scrollIntoViewIfNeeded();
await shot(wide, 'report-months-wide.png');

const phone = await signedIn(COORDINATOR, { width: 390, height: 844 });
await open(phone, '/reports?period=year&year=2026', 'report on a phone');
await labelsInside(phone, 'report on a phone');
await phone.locator('#all-targets').scrollIntoViewIfNeeded();
await shot(phone, 'report-targets-phone.png');

// --- The targets, set as a coordinator does (for 2025, which the demo left without) ---------
await open(wide, '/reports/targets?year=2025', 'targets form');
const first = wide.locator('table.targets input').first();
await first.fill('12,5');
await Promise.all([wide.waitForNavigation(), wide.click('form[action="/reports/targets"][method=post] button[type=submit]')]);
check(await wide.locator('.error-summary').count() === 1 && (await first.inputValue()) === '12,5', 'a wrong target comes back as typed, with the summary');
pages.push(['targets form with a mistake', await wide.content()]);
await runAxe(wide, 'targets form with a mistake');
// Every box but households: the most a board page can be asked to show.
for (const [i, input] of (await wide.locator('table.targets input:not([name$="-households"])').all()).entries()) {
  await input.fill(String(100 + ((i * 337) % 900)));
}
await Promise.all([wide.waitForNavigation(), wide.click('form[action="/reports/targets"][method=post] button[type=submit]')]);
check((await wide.content()).includes('Målen är sparade.'), 'the targets are saved');
await shot(wide, 'targets-wide.png');

// --- The page for the board, on screen and on A4: a closed year and the running one ------------
await open(wide, '/reports/print?period=year&year=2026', 'page for the board');
await labelsInside(wide, 'page for the board');
const board = await signedIn(COORDINATOR, { width: 794, height: 1123 });
await board.emulateMedia({ media: 'print' });
for (const year of [2025, 2026]) {
  await board.goto(BASE + `/reports/print?period=year&year=${year}`);
  await labelsInside(board, `page for the board ${year}, printed`);
  await shot(board, `board-a4-${year}.png`, true);
  const pdf = await board.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const sheets = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  check(sheets === 2, `the page for the board of ${year} prints on two A4 pages (${sheets})`);
  if (SHOTS) fs.writeFileSync(path.join(SHOTS, `board-${year}.pdf`), pdf);
}

// --- A guide's report on a phone ------------------------------------------------------------------
const guide = await signedIn(GUIDE_EMAIL, { width: 390, height: 844 });
await open(guide, '/reports?period=year&year=2025', "a guide's report on a phone");
await labelsInside(guide, "a guide's report on a phone");
await shot(guide, 'report-guide-phone.png');
await open(guide, '/reports/print?period=year&year=2025', "a guide's page for the board");

await browser.close();
check(pages.length >= 9, `pages for the HTML checker: ${pages.length}`);
checkHtml(pages);
finish();
