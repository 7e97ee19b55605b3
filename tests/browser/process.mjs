// The process page of a CP assessment as an expert uses it, in Debian
// chromium driven by playwright-core: the expert of the team adds a step
// and its lines typing quantities the Vietnamese way ("12.500" kg, "3,5"
// t), sees a wrong number refused with the field named and the typed
// values kept, sees the closure error flagged beyond the tolerance, and at
// 390 px nothing overflows the page.  A district officer of another unit
// gets 404.  Its own users, facility and assessment (made with SQL on the
// server's SQLite database, as no command makes assessments yet).
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn, signOut, freeFacility } from './lib/common.mjs';

const sql = (q) => execFileSync('sqlite3', [env.db, q]).toString().trim();
const fac = freeFacility([env.facility]);
const tag = `proc${process.pid}`;
const exp = `exp-${tag}@x.vn`;
const expPass = addUser('expert', exp);
const other = sql(`SELECT code FROM admin_unit WHERE level = 'district' AND code <> '${fac.unit}'
  ORDER BY code LIMIT 1`);
const dis = `dis-${tag}@x.vn`;
const disPass = addUser('district', dis, ['--unit', other]);
const year = 2012;
const id = sql(`INSERT INTO assessment(facility_id, year, title, started_on, status)
  VALUES (${Number(fac.id)}, ${year}, 'Đánh giá thử quy trình', '${year}-05-01', 'in_progress');
  INSERT INTO assessment_member(assessment_id, user_id, name, team_role)
  SELECT a.id, u.id, 'Chuyên gia thử', 'expert' FROM assessment a, app_user u
  WHERE a.facility_id = ${Number(fac.id)} AND a.year = ${year} AND u.email = '${exp}';
  SELECT id FROM assessment WHERE facility_id = ${Number(fac.id)} AND year = ${year}`);
const path = `/assessments/${id}/process`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await signIn(page, exp, expPass);
  await page.goto(env.base + path);
  check('the page opens', (await page.locator('h1').textContent()) === 'Công đoạn sản xuất và cân bằng');

  // 1. A step.
  await page.fill('section#edit input[name="name"]', 'Phi lê');
  await Promise.all([page.waitForNavigation(), page.click('form.process-form button[type="submit"]')]);
  check('the step is added', (await page.locator('h3').first().textContent()) === 'Công đoạn 1: Phi lê');

  // 2. A line typed "12.500" kg: 12,500 kg = 12.5 t in.
  const addLine = async (fields) => {
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Thêm dòng vào công đoạn 1")')]);
    for (const [name, v] of Object.entries(fields)) {
      if (['direction', 'stream', 'unit', 'carrier'].includes(name))
        await page.selectOption(`form.process-form select[name="${name}"]`, v);
      else
        await page.fill(`form.process-form input[name="${name}"]`, v);
    }
    await Promise.all([page.waitForNavigation(), page.click('form.process-form button[type="submit"]')]);
  };
  await addLine({ direction: 'in', stream: 'material', name: 'Cá tra', quantity: '12.500', unit: 'kg' });
  check('the first line is saved', page.url().endsWith(`${path}?done=saved`), page.url());

  // 3. A wrong number: named, and what was typed kept.
  await addLine({ direction: 'out', stream: 'product', name: 'Phi lê', quantity: '3,5,5', unit: 't' });
  const err = page.locator('.field-error[data-field="quantity"]');
  check('the wrong quantity is named', (await err.count()) === 1 && (await err.textContent()).includes('số lượng'),
    await err.count() ? await err.textContent() : 'no error');
  check('the quantity typed is kept', (await page.inputValue('form.process-form input[name="quantity"]')) === '3,5,5');
  check('the name typed is kept', (await page.inputValue('form.process-form input[name="name"]')) === 'Phi lê');
  await page.fill('form.process-form input[name="quantity"]', '3,5');
  await Promise.all([page.waitForNavigation(), page.click('form.process-form button[type="submit"]')]);
  await addLine({ direction: 'out', stream: 'waste', name: 'Phụ phẩm', quantity: '8', unit: 't',
    lost_value: '40.000.000' });
  const stored = sql(`SELECT group_concat(quantity || ' ' || unit, '; ') FROM (SELECT b.quantity,
    b.unit FROM balance_item b JOIN process_step s ON s.id = b.step_id WHERE s.assessment_id = ${id}
    ORDER BY b.id)`);
  check('"12.500" is 12500 and "3,5" is 3.5', stored === '12500.0 kg; 3.5 t; 8.0 t', stored);

  // 4. The balance: in 12.5 t, out 3.5 + 8 = 11.5 t; (12.5 − 11.5) / 12.5 = 8 % > 5 %.
  const body = await page.locator('main').textContent();
  check('the closure error is shown', body.includes('Sai số cân bằng: 8,0 %'));
  check('it is flagged beyond the tolerance', body.includes('⚠ Vượt mức cho phép 5 %'));
  check('the waste cost is shown', body.includes('40.000.000,00'));
  check('the chart names the waste in words',
    (await page.locator('svg.process-diagram').textContent()).includes('Chất thải'));

  // 5. At 390 px nothing overflows the page.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(env.base + path);
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  check('no overflow at 390 px', sw <= 390, String(sw));
  const svgw = await page.evaluate(() => document.querySelector('svg.process-diagram').getBoundingClientRect().width);
  check('the chart fits the column', svgw > 300 && svgw <= 390, String(svgw));
  await signOut(page);

  // 6. A district officer of another unit does not see it.
  await signIn(page, dis, disPass);
  const r = await page.goto(env.base + path);
  check('another district gets 404', r.status() === 404, String(r.status()));
  await page.close();
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
