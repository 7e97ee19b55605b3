// A campaign after its opening, in Debian chromium driven by
// playwright-core: the enterprise home links both to the facility's
// workbook and to the upload, and the upload link leads to the upload form;
// the campaign's page links to the upload for staff; a province user closes
// the campaign (the confirm box first: without it the page says what to do
// and nothing changes), the page then says it is closed, has no closing
// form and still downloads the district's workbook; the enterprise home no
// longer links to that campaign.  Its own users and facility
// (freeFacility), and a campaign of its own opened with the command line, so
// it depends on no other file.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn, signOut, freeFacility, sxsh } from './lib/common.mjs';

const sql = (q) => execFileSync('sqlite3', [env.db, q]).toString().trim();
const year = Number(env.year);
const fac = freeFacility([env.facility]);
// The district the facility counts under (its unit, or the unit's parent for a commune).
const [unitCode, unitName] = sql(`SELECT CASE WHEN au.level = 'commune' THEN p.code ELSE au.code END,
  CASE WHEN au.level = 'commune' THEN p.name ELSE au.name END FROM facility f
  JOIN admin_unit au ON au.id = f.admin_unit_id LEFT JOIN admin_unit p ON p.id = au.parent_id
  WHERE f.id = ${Number(fac.id)}`).split('|');
const pro = `camp2-pro-${process.pid}@x.vn`;
const ent = `camp2-ent-${process.pid}@x.vn`;
const proPass = addUser('province', pro);
const entPass = addUser('enterprise', ent, ['--facility', fac.id]);
const id = sxsh(['campaign', 'open', '--year', String(year), '--kind', 'report', '--deadline',
  `${year + 1}-04-30`, '--unit', unitCode, '--title', `Khảo sát đóng ${process.pid}`]).trim();
const workbookHref = `/campaigns/${id}/workbook?facility=${encodeURIComponent(fac.code)}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ acceptDownloads: true });

  // 1. The enterprise home: the workbook and, beside it, the upload.
  await signIn(page, ent, entPass);
  await page.goto(`${env.base}/my`);
  const links = page.locator('div.campaign-links');
  check('the home has the campaign links', (await links.count()) >= 1);
  // The newest open campaign of the facility is this one (opened last).
  check('the workbook link is to this campaign',
    (await page.locator(`div.campaign-links a[href="${workbookHref}"]`).count()) === 1,
    await links.first().innerHTML());
  await Promise.all([page.waitForNavigation(),
    links.first().locator('a:has-text("Nộp sổ đã điền (tải lên)")').click()]);
  check('the upload link leads to the upload form', new URL(page.url()).pathname === '/workbooks/upload',
    page.url());
  check('the upload form has its file field', (await page.locator('input[type="file"]').count()) === 1);
  await signOut(page);

  // 2. Province staff: the campaign's page links to the upload.
  await signIn(page, pro, proPass);
  await page.goto(`${env.base}/campaigns/${id}`);
  check('the page shows the campaign open',
    (await page.locator('table.facts').textContent()).includes('Đang mở'));
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Nộp sổ đã điền (tải lên)")')]);
  check('from the campaign to the upload form', new URL(page.url()).pathname === '/workbooks/upload',
    page.url());

  // 3. Closing without the confirm box: told what to do, still open.
  await page.goto(`${env.base}/campaigns/${id}`);
  const closeButton = page.locator('section.campaign-close button[type="submit"]');
  check('the closing button reads as it does', (await closeButton.textContent()) === 'Đóng đợt khảo sát');
  const [resp] = await Promise.all([page.waitForNavigation(), closeButton.click()]);
  check('without the box: 400', resp.status() === 400, String(resp.status()));
  check('without the box: the page says what to do',
    (await page.locator('section.campaign-close').textContent())
      .includes('Hãy đánh dấu ô xác nhận đóng đợt khảo sát rồi bấm lại nút Đóng.'));
  check('without the box: still open',
    sql(`SELECT state FROM campaign WHERE id = ${Number(id)}`) === 'open');

  // 4. With it: closed, and the page says so.
  await page.getByLabel('Tôi xác nhận đóng đợt khảo sát này').check();
  await Promise.all([page.waitForNavigation(), closeButton.click()]);
  check('lands on the page with done=closed', page.url().endsWith(`/campaigns/${id}?done=closed`),
    page.url());
  check('the notice says closed',
    (await page.locator('p.notice').first().textContent()) === `Đã đóng đợt khảo sát số ${id}.`,
    await page.locator('p.notice').first().textContent());
  check('the facts say closed', (await page.locator('table.facts').textContent()).includes('Đã đóng'));
  check('no closing form any more', (await page.locator('section.campaign-close').count()) === 0);
  check('closed in the database', sql(`SELECT state FROM campaign WHERE id = ${Number(id)}`) === 'closed');
  check('audited once', sql(`SELECT count(*) FROM audit WHERE action = 'campaign.close'
    AND entity_id = '${id}' AND actor = '${pro}'`) === '1');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`a:has-text("Tải sổ ${unitName}")`),
  ]);
  const book = readFileSync(await download.path());
  check('staff still download the workbook', book.subarray(0, 2).toString() === 'PK');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${env.base}/campaigns/${id}`);
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  check('the closed campaign page fits 360 px', w <= 360, `${w} px`);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signOut(page);

  // 5. The enterprise home no longer links to it, nor serves its workbook.
  await signIn(page, ent, entPass);
  await page.goto(`${env.base}/my`);
  check('no link to the closed campaign', (await page.locator(`a[href="${workbookHref}"]`).count()) === 0);
  const res = await page.request.get(`${env.base}${workbookHref}`);
  check("the closed campaign's workbook is 404 for the enterprise", res.status() === 404,
    String(res.status()));
  await signOut(page);
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
