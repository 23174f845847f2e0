// The guide's desk on the demo's 20 000 leads (issue 17), started by tests/browser.rs with
// BASE_URL, GUIDE_EMAIL (the busiest guide), LEAD_URL (a lead with a long timeline and a
// duplicate), PASSWORD (the demo accounts') and SHOTS (a folder for the README's
// screenshots, or empty). Checks by where things are on the screen, axe-core on each page,
// the W3C Nu HTML Checker on all of them.
import { check, checkHtml, demoBrowser, finish } from './lib.mjs';

const { BASE_URL: BASE, GUIDE_EMAIL, LEAD_URL, PASSWORD, SHOTS } = process.env;
const { browser, pages, signedIn, open, shot } = await demoBrowser(BASE, PASSWORD, SHOTS);

/** Where an element is, or null. */
const box = (page, sel) => page.locator(sel).first().boundingBox().catch(() => null);

/** No list is shorter than the count above it without saying so and linking to all. */
async function nothingCutSilently(page, name) {
  const lists = await page.evaluate(() => [...document.querySelectorAll('ul.due-list')].map((ul) => {
    let h = ul.previousElementSibling;
    while (h && !/^H[1-6]$/.test(h.tagName)) h = h.previousElementSibling;
    const count = h && /\((\d+)\)/.exec(h.textContent);
    // "Show all N" under the list, or the pages of a paged list.
    const more = ul.nextElementSibling;
    const link = more && (more.matches('.more') ? more.querySelector('a[href]') : more.matches('nav.pager') ? more.querySelector('a[rel=next]') : null);
    return {
      heading: h ? h.textContent : '',
      count: count ? Number(count[1]) : null,
      shown: ul.children.length,
      link: link ? link.href : null,
    };
  }));
  check(lists.length > 0, `${name}: lists to check`);
  for (const l of lists) {
    check(l.count !== null, `${name}: "${l.heading}" says how many`);
    if (l.count > l.shown) check(!!l.link, `${name}: "${l.heading}" shows ${l.shown} of ${l.count} and links to all`);
  }
}

// --- The busiest guide's start page -----------------------------------------------------------
const wide = await signedIn(GUIDE_EMAIL, { width: 1280, height: 800 });
await open(wide, '/', 'start page');
const today = await box(wide, '#sec-today');
const overdue = await box(wide, '#sec-overdue');
check(today && today.y < 800, "today's follow-ups begin in the first screen");
check(today && overdue && today.y < overdue.y, "today's follow-ups come before the overdue ones");
await nothingCutSilently(wide, 'start page');
await shot(wide, 'start-page.png');
await open(wide, '/follow-ups?when=overdue', 'follow-ups');
await nothingCutSilently(wide, 'follow-ups');
check(await wide.locator('nav.pager, .due-list li').count() > 0, 'the overdue follow-ups are listed');

// --- A lead with a long story and a duplicate -------------------------------------------------
await open(wide, LEAD_URL, 'lead page');
const entries = await wide.locator('ol.timeline > li').count();
check(entries >= 6, `the lead has a long timeline (${entries} entries)`);
for (const [sel, what] of [['h1', 'name'], ['dd.status', 'status'], ['dd.consent', 'consent'],
  ['dd.next-follow-up', 'next follow-up'], ['dd.last-contact', 'last contact'], ['section.duplicates', 'duplicate warning']]) {
  const b = await box(wide, sel);
  check(b && b.y >= 0 && b.y + b.height <= 800, `the lead's ${what} is in the first screen at 1280×800 (${b && Math.round(b.y + b.height)} px)`);
}
const facts = await box(wide, '.lead-facts');
const work = await box(wide, '.lead-work');
check(facts && work && work.x > facts.x + facts.width - 1 && Math.abs(work.y - facts.y) < 40, 'two columns from 1024 px: the timeline beside the facts');
await shot(wide, 'lead-page.png');
await wide.locator('section.duplicates a.button').first().click();
await wide.waitForLoadState();
check((await wide.content()).includes('Efter sammanslagningen'), 'the duplicate warning leads to the merge preview');
pages.push(['merge preview', await wide.content()]);
await open(wide, '/leads?status=in_dialogue', 'lead list');
await shot(wide, 'lead-list.png');

// --- The same on a phone --------------------------------------------------------------------
const phone = await signedIn(GUIDE_EMAIL, { width: 390, height: 844 });
await open(phone, '/', 'start page on a phone');
const t2 = await box(phone, '#sec-today');
const o2 = await box(phone, '#sec-overdue');
check(t2 && o2 && t2.y < o2.y, "on a phone too, today's follow-ups come first");
await open(phone, LEAD_URL, 'lead page on a phone');
const order = [];
for (const sel of ['h1', 'section.duplicates', 'dd.status', '.lead-work', '.lead-household']) order.push((await box(phone, sel)) || { y: -1 });
check(order.every((b, i) => b.y >= 0 && (i === 0 || b.y >= order[i - 1].y)), 'one column on a phone: name, duplicates, status, work, household');
const f2 = await box(phone, '.lead-facts');
const w2 = await box(phone, '.lead-work');
check(f2 && w2 && w2.y >= f2.y + f2.height - 1, 'the timeline below the facts on a phone');

// --- The public form on a phone, the report -------------------------------------------------
const mover = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', bypassCSP: true })).newPage();
await open(mover, '/interest?lang=nl', 'interest form on a phone');
check(await mover.locator('#f-first_name').count() === 1, 'the interest form is shown');
await shot(mover, 'interest-form-phone.png');
const coordinator = await signedIn('samordnare@demo.lotsbok.se', { width: 1280, height: 800 });
await open(coordinator, '/reports?period=year&year=2026', 'report');
check(await coordinator.locator('main svg.chart').count() > 0, 'the report has its charts');
await coordinator.evaluate(() => { const h = document.querySelector('main h2'); if (h) h.scrollIntoView(); });
await shot(coordinator, 'report.png');

await browser.close();

// --- The W3C Nu HTML Checker ------------------------------------------------------------------
check(pages.length >= 9, `pages for the HTML checker: ${pages.length}`);
checkHtml(pages);
finish();
