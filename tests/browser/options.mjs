// The CP options of an assessment as an expert of its team uses them, in
// Debian chromium driven by playwright-core: the assessment (there is no
// command that opens one) is written into the server's database with
// sqlite3, with the expert in its team; the expert adds an option typing
// the cash flows the Vietnamese way ("40.000.000" per line) and the
// discount rate as a percent ("10,5"), and sees its feasibility in the
// table and on the option's page; at 390 and 360 px nothing overflows, and
// axe-core finds no serious or critical violation on either page.
//
// The figures, worked by hand (LibreOffice: =NPV(0,105;40000000;...5
// times) - 120000000 and =IRR({-120000000;40000000;...})):
//   simple payback 120e6 / 40e6 = 3 years;
//   NPV = 40e6 x (1 - 1.105^-5) / 0.105 - 120e6 = 29,714,328.9 -> "29.714.329";
//   IRR = 19.8577 % -> "19,86 %".
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn, freeFacility } from './lib/common.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const sql = (q) => execFileSync('sqlite3', [env.db, q]).toString().trim();

const fac = freeFacility([env.facility]);
const expert = `opt-exp-${process.pid}@x.vn`;
const pass = addUser('expert', expert);
const year = Number(env.year);
const aid = Number(sql(`INSERT INTO assessment(facility_id, year, title, started_on, status)
  VALUES (${Number(fac.id)}, ${year}, 'Đánh giá thử ${process.pid}', '${year}-03-15', 'in_progress')
  RETURNING id`));
sql(`INSERT INTO assessment_member(assessment_id, user_id, name, team_role)
  SELECT ${aid}, id, 'Chuyên gia thử', 'expert' FROM app_user WHERE email = '${expert}'`);

async function noOverflow(page, label) {
  const { sw, iw } = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth,
    iw: window.innerWidth,
  }));
  check(`${label}: no horizontal overflow`, sw <= iw, `page is ${sw} px wide in ${iw} px`);
}

async function noAxe(page, label) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  check(`${label}: no serious or critical axe violation`, violations.length === 0,
    '\n    ' + violations.join('\n    '));
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await signIn(page, expert, pass);
  await page.goto(`${env.base}/assessments/${aid}/options`);
  check('the options page opens for the team\'s expert',
    (await page.locator('h1').textContent()) === 'Giải pháp sản xuất sạch hơn');
  await noOverflow(page, 'options, empty, 390 px');

  await page.fill('input[name="title"]', 'Lắp biến tần cho động cơ 75 kW');
  await page.selectOption('select[name="kind"]', { label: 'Cải tiến thiết bị' });
  await page.selectOption('select[name="triage"]', { label: 'Thực hiện ngay' });
  await page.fill('input[name="capex"]', '120.000.000');
  await page.fill('textarea[name="cash_flows"]',
    '40.000.000\n40.000.000\n40.000.000\n40.000.000\n40.000.000');
  await page.fill('input[name="discount_rate"]', '10,5');
  await Promise.all([page.waitForNavigation(), page.click('button[value="create"]')]);
  check('the option is added', page.url().endsWith(`/assessments/${aid}/options?done=added`), page.url());
  const row = page.locator('table.options tbody tr').first();
  const text = await row.textContent();
  check('the simple payback is shown', text.includes('3 năm'), text);
  check('the NPV is shown the Vietnamese way', text.includes('29.714.329'), text);
  check('the IRR is shown as a percent', text.includes('19,86 %'), text);
  check('the kind is named', text.includes('Cải tiến thiết bị'), text);
  await noOverflow(page, 'options, 390 px');
  await page.setViewportSize({ width: 360, height: 740 });
  await noOverflow(page, 'options, 360 px');
  await noAxe(page, 'options');

  await Promise.all([page.waitForNavigation(), page.click('table.options tbody a')]);
  const facts = await page.locator('dl.option-facts').textContent();
  check('the option page shows the rate as a percent', facts.includes('10,5 %'), facts);
  check('the option page shows the NPV', facts.includes('29.714.329'), facts);
  check('the rate is kept as typed in the form',
    (await page.inputValue('input[name="discount_rate"]')) === '10,5');
  check('the flows are kept the Vietnamese way',
    (await page.inputValue('textarea[name="cash_flows"]')).startsWith('40.000.000\n'));
  await noOverflow(page, 'option, 360 px');
  await page.setViewportSize({ width: 390, height: 800 });
  await noOverflow(page, 'option, 390 px');
  await noAxe(page, 'option');
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
