// Survey campaigns as people use them, in Debian chromium driven by
// playwright-core: a province user opens a campaign through the form the
// way a clerk types it (a wrong deadline first: the error names the field
// and nothing typed is lost; then d/m/yyyy), lands on the campaign's
// progress, downloads its district's workbook; a district officer of that
// district sees its own row only, downloads its own workbook and gets 404
// for another district's.  Its own users and facility (freeFacility), so it
// depends on no other file.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn, signOut, freeFacility } from './lib/common.mjs';

const sql = (q) => execFileSync('sqlite3', [env.db, q]).toString().trim();
const year = Number(env.year);
const fac = freeFacility([env.facility]);
// The district the facility counts under (its unit, or the unit's parent for a commune).
const [unitCode, unitName] = sql(`SELECT CASE WHEN au.level = 'commune' THEN p.code ELSE au.code END,
  CASE WHEN au.level = 'commune' THEN p.name ELSE au.name END FROM facility f
  JOIN admin_unit au ON au.id = f.admin_unit_id LEFT JOIN admin_unit p ON p.id = au.parent_id
  WHERE f.id = ${Number(fac.id)}`).split('|');
const other = sql(`SELECT code FROM admin_unit WHERE level = 'district' AND code <> '${unitCode}'
  ORDER BY code LIMIT 1`);
const pro = `camp-pro-${process.pid}@x.vn`;
const dis = `camp-dis-${process.pid}@x.vn`;
const proPass = addUser('province', pro);
const disPass = addUser('district', dis, ['--unit', unitCode]);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ acceptDownloads: true });
  await signIn(page, pro, proPass);
  await page.click('header.site nav a:has-text("Đợt khảo sát")');
  check('the campaigns page is reached from the menu',
    (await page.locator('h1').textContent()) === 'Đợt khảo sát');

  // 1. A deadline that is no day: the field is named, everything typed kept.
  await page.fill('input[name="year"]', String(year));
  await page.selectOption('select[name="kind"]', { label: 'Báo cáo năng lượng' });
  await page.fill('input[name="deadline"]', `31/02/${year + 1}`);
  await page.fill('input[name="title"]', `Khảo sát thử ${process.pid}`);
  await page.getByLabel(unitName, { exact: true }).check();
  await Promise.all([page.waitForNavigation(), page.click('form.campaign-open button[type="submit"]')]);
  const err = page.locator('.field-error[data-field="deadline"]');
  check('the wrong deadline is named',
    (await err.textContent()) === 'hạn nộp phải là một ngày dạng ngày/tháng/năm, ví dụ 31/03/2026',
    await err.textContent());
  check('the deadline typed is kept', (await page.inputValue('input[name="deadline"]')) === `31/02/${year + 1}`);
  check('the title typed is kept', (await page.inputValue('input[name="title"]')) === `Khảo sát thử ${process.pid}`);
  check('the district ticked stays ticked', await page.getByLabel(unitName, { exact: true }).isChecked());

  // 2. Typed right (d/m/yyyy): the campaign opens on its progress page.
  await page.fill('input[name="deadline"]', `31/3/${year + 1}`);
  await Promise.all([page.waitForNavigation(), page.click('form.campaign-open button[type="submit"]')]);
  const m = /\/campaigns\/(\d+)\?done=opened$/.exec(page.url());
  check('lands on the campaign page', m !== null, page.url());
  const id = m ? m[1] : '0';
  const invited = sql(`SELECT count(*) FROM campaign_facility WHERE campaign_id = ${Number(id)}`);
  check('the notice counts the facilities invited',
    (await page.locator('p.notice').textContent()) === `Đã mở đợt khảo sát số ${id} cho ${Number(invited).toLocaleString('de-DE')} cơ sở`,
    await page.locator('p.notice').textContent());
  check('the deadline is shown dd/mm/yyyy', (await page.locator('table.facts').textContent()).includes(`31/03/${year + 1}`));
  const rows = page.locator('table.campaign-progress tbody tr');
  check('one district row', (await rows.count()) === 1);
  check('the row is the district ticked', (await rows.first().locator('th').textContent()) === unitName);

  // 3. The district's workbook, downloaded from its link.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`a:has-text("Tải sổ ${unitName}")`),
  ]);
  const book = readFileSync(await download.path());
  check('the workbook is an xlsx (a zip)', book.length > 1000 && book.subarray(0, 2).toString() === 'PK',
    `${book.length} bytes`);
  check('the workbook is named after the campaign and district',
    download.suggestedFilename() === `khao-sat-${id}-${unitCode}.xlsx`, download.suggestedFilename());
  await signOut(page);

  // 4. The district officer: its own row, its own workbook, not another's.
  await signIn(page, dis, disPass);
  await page.goto(`${env.base}/campaigns/${id}`);
  check('the district sees its row', (await rows.count()) === 1 &&
    (await rows.first().locator('th').textContent()) === unitName);
  check('the district has no opening form', (await page.locator('form.campaign-open').count()) === 0);
  const [d2] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`a:has-text("Tải sổ ${unitName}")`),
  ]);
  check('the district downloads its own', readFileSync(await d2.path()).subarray(0, 2).toString() === 'PK');
  const res = await page.request.get(`${env.base}/campaigns/${id}/workbook?unit=${other}`);
  check("another district's workbook is 404", res.status() === 404, String(res.status()));
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${env.base}/campaigns/${id}`);
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  check('the progress page fits 360 px', w <= 360, `${w} px`);
  await signOut(page);
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
