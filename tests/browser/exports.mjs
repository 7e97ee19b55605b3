// The "Tải Excel" downloads as people use them, in Debian chromium driven
// by playwright-core: a province user downloads the key-user list, anyone
// the indicators and the facility directory.  Each download is a workbook
// (a zip) named as the page says, whose first sheet opens with the title,
// the source line naming the Department of the province valid today and
// today's date (dd/mm/yyyy, Vietnam time), and Vietnamese headers; the
// indicators' workbook carries its chart.  Its own user, so it depends on
// no other file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn } from './lib/common.mjs';

const pro = 'exports-pro@x.vn';
const proPass = addUser('province', pro);

// Today in Vietnam (UTC+7) as dd/mm/yyyy: the export date the server writes.
const vn = new Date(Date.now() + 7 * 3600 * 1000).toISOString();
const today = `${vn.slice(8, 10)}/${vn.slice(5, 7)}/${vn.slice(0, 4)}`;
// The province-level unit valid today, lower-cased "tỉnh" inside the sentence.
const province = execFileSync('sqlite3', [env.db, `SELECT name FROM admin_unit
  WHERE level = 'province' AND (valid_from IS NULL OR valid_from <= date('now', '+7 hours'))
  AND (valid_to IS NULL OR valid_to >= date('now', '+7 hours'))
  ORDER BY coalesce(valid_from, '') DESC, code LIMIT 1`]).toString().trim().replace(/^Tỉnh /, 'tỉnh ');
const source = `Nguồn: sxsh — Sở Công Thương ${province}. Ngày xuất: ${today}`;

const dir = mkdtempSync(join(tmpdir(), 'sxsh-exports-'));

// Clicks the page's "Tải Excel" link; returns {name, path} of the download.
async function download(page, target) {
  await page.goto(`${env.base}${target}`);
  const link = page.locator('a', { hasText: 'Tải Excel' });
  check(`${target}: one download link`, await link.count() === 1);
  const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = join(dir, dl.suggestedFilename());
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), path };
}

// The text of the workbook's shared strings (every string cell).
const strings = (path) => execFileSync('unzip', ['-p', path, 'xl/sharedStrings.xml']).toString();
const parts = (path) => execFileSync('unzip', ['-l', path]).toString();

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();

  // 1. Anyone: the indicators of the reporting year, with the chart.
  const ind = await download(page, `/indicators?year=${env.year}`);
  check('indicators file name', /^indicators-\d{4}-[a-z]+\.xlsx$/.test(ind.name), ind.name);
  check('indicators is a zip', readFileSync(ind.path).subarray(0, 2).toString() === 'PK');
  let s = strings(ind.path);
  check('indicators title', s.includes(`Chỉ tiêu của kế hoạch `), s.slice(0, 300));
  check('indicators source and date', s.includes(source), source);
  check('indicators header in words', s.includes('Độ bao phủ'));
  check('indicators chart', parts(ind.path).includes('xl/charts/chart1.xml'));

  // 2. Anyone: the public directory.
  const dirBook = await download(page, '/facilities?q=xay');
  check('directory file name', dirBook.name === 'facilities.xlsx', dirBook.name);
  s = strings(dirBook.path);
  check('directory title', s.includes('Danh bạ cơ sở công nghiệp'));
  check('directory source and date', s.includes(source), source);

  // 3. Province staff: the key-user list in the Ministry list's layout.
  await signIn(page, pro, proPass);
  const ku = await download(page, '/keyusers');
  check('key-user file name', /^keyusers-\d{4}\.xlsx$/.test(ku.name), ku.name);
  s = strings(ku.path);
  check('key-user title', s.includes('Danh sách cơ sở sử dụng năng lượng trọng điểm năm '));
  check('key-user source and date', s.includes(source), source);
  for (const h of ['STT', 'Tên cơ sở', 'Địa chỉ', 'Ngành nghề', 'Năng lượng tiêu thụ quy đổi (TOE)'])
    check(`key-user header ${h}`, s.includes(`<t>${h}</t>`));
} catch (e) {
  fail(e);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
finish();
