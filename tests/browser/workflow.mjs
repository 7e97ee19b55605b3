// The reporting workflow as people use it, in Debian chromium driven by
// playwright-core: an enterprise user signs in, files the annual report
// with one invalid field, corrects it, previews and submits; a district
// user returns it with a note; the enterprise fixes it and resubmits; the
// province accepts it; the dashboard's "applies CP" figure for the year is
// read before and after and must change.  Environment: SXSH_BASE (the
// server's URL), SXSH_FACILITY and SXSH_FACILITY_CODE (the enterprise's
// facility id and code), SXSH_YEAR.
// Prints "browser: N passed, N failed" and exits non-zero on a failure.
import { chromium } from 'playwright-core';

const base = process.env.SXSH_BASE;
const fac = process.env.SXSH_FACILITY;
const year = process.env.SXSH_YEAR;
const code = process.env.SXSH_FACILITY_CODE;
let passed = 0;
let failed = 0;

function check(name, cond, detail) {
  if (cond) {
    passed++;
  } else {
    failed++;
    console.error(`FAIL ${name}${detail !== undefined ? ': ' + detail : ''}`);
  }
}

async function signIn(page, email, password) {
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.click('form:not(.logout) button[type="submit"]')]);
}

// Types an explanation into every warning's box (the form requires one to submit).
async function explainWarnings(page) {
  for (const box of await page.locator('textarea[name^="explain."]').all()) await box.fill('Số liệu đúng theo hóa đơn');
}

async function signOut(page) {
  await Promise.all([page.waitForNavigation(), page.click('form.logout button')]);
}

// The figures of the dashboard's indicators (the latest year's values and coverage).
async function dashboardFigures(page) {
  await page.goto(`${base}/`);
  const figs = await page.locator('main figure figcaption, main figure .value, main table').allTextContents();
  return figs.join(' | ').replace(/\s+/g, ' ');
}

async function reviewAction(page, action, note) {
  const form = page.locator(`form.action:has(input[name="action"][value="${action}"])`);
  if (note !== undefined) await form.locator('textarea[name="note"]').fill(note);
  await Promise.all([page.waitForNavigation(), form.locator('button').click()]);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const before = await dashboardFigures(page);

  // Enterprise: one invalid field, then corrected, previewed and submitted.
  await signIn(page, 'ent@x.vn', 'enterprise pass 1');
  await page.goto(`${base}/my`);
  check('my facilities lists the facility', await page.locator(`a[href="/facilities/${fac}"]`).count() > 0);
  await page.goto(`${base}/facilities/${fac}/report/${year}`);
  for (const f of ['cp_aware', 'cp_staff', 'cp_applied']) await page.selectOption(`select[name="${f}"]`, '1');
  await page.selectOption('select[name="cp_unit"]', '0');
  await page.selectOption('select[name="output[0].product"]', 'frozen_seafood');
  await page.fill('input[name="output[0].quantity"]', '10,5');
  await page.selectOption('select[name="output[0].unit"]', 't');
  await page.selectOption('select[name="energy[0].carrier"]', 'electricity');
  await page.fill('input[name="energy[0].quantity"]', 'ba nghìn');
  await page.selectOption('select[name="energy[0].unit"]', 'kWh');
  await Promise.all([page.waitForNavigation(), page.click('button[value="preview"]')]);
  const err = page.locator('span.field-error[data-field="energy[0].quantity"]');
  check('invalid field has its message beside it', await err.count() === 1);
  check('input kept', await page.inputValue('select[name="output[0].product"]') === 'frozen_seafood');
  await page.fill('input[name="energy[0].quantity"]', '3596');
  await Promise.all([page.waitForNavigation(), page.click('button[value="preview"]')]);
  // 3596 kWh x 0.0001543 TOE/kWh = 0.5548628 TOE, shown as TOE always is: two decimals
  check('preview shows TOE', (await page.textContent('#preview strong.toe')).includes('0,55 TOE'));
  await explainWarnings(page);
  await Promise.all([page.waitForNavigation(), page.click('button[value="submit"]')]);
  check('submitted', (await page.textContent('main')).includes('Đã nộp báo cáo'));
  await signOut(page);

  // District: returns it with a note.
  await signIn(page, 'dis@x.vn', 'district pass 1');
  await page.goto(`${base}/review`);
  const link = page.locator(`table.queue tr:has-text("${code} ·") a`).first();
  check('queue lists the report', await link.count() === 1);
  await Promise.all([page.waitForNavigation(), link.click()]);
  const reportUrl = page.url().split('?')[0];
  await reviewAction(page, 'return', 'Thiếu số liệu nước / water missing');
  check('returned', (await page.textContent('p.state')).includes('Trả lại'));
  await signOut(page);

  // Enterprise: sees the note, adds the water line, resubmits.
  await signIn(page, 'ent@x.vn', 'enterprise pass 1');
  await page.goto(`${base}/facilities/${fac}/report/${year}`);
  check('note shown', (await page.textContent('blockquote.review-note')).includes('Thiếu số liệu nước'));
  await page.selectOption('select[name="water[0].source"]', 'tap');
  await page.fill('input[name="water[0].quantity_m3"]', '120');
  await Promise.all([page.waitForNavigation(), page.click('button[value="preview"]')]);
  await explainWarnings(page);
  await Promise.all([page.waitForNavigation(), page.click('button[value="submit"]')]);
  check('resubmitted', (await page.textContent('main')).includes('Đã nộp báo cáo'));
  await signOut(page);

  // Province: accepts it.
  await signIn(page, 'pro@x.vn', 'province pass 1');
  await page.goto(reportUrl);
  await reviewAction(page, 'accept');
  check('accepted', (await page.textContent('p.state')).includes('Đã chấp nhận'));
  await signOut(page);

  const after = await dashboardFigures(page);
  check('dashboard figures changed', before !== after);
} catch (e) {
  failed++;
  console.error(`FAIL ${e.message}`);
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
