// Attachments as people use them (src/web/attachments.c, static/js/attach.js):
// an enterprise user of a facility of this file's own attaches a PDF and a
// PNG (made here) to its draft report and sees them listed with their size
// and time as Vietnamese write them; a text file is refused with the list
// of allowed types; a file over 10 MB is stopped in the page before it is
// sent; a district officer of the facility's unit sees both on the review
// page and downloads the PDF, byte for byte.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn, signOut, freeFacility } from './lib/common.mjs';

const fac = freeFacility([env.facility]);
const entEmail = `attach-ent-${fac.id}@example.vn`;
const disEmail = `attach-dis-${fac.id}@example.vn`;
const entPass = addUser('enterprise', entEmail, ['--facility', fac.id, '--name', 'Trần Thị Bình']);
const disPass = addUser('district', disEmail, ['--unit', fac.unit]);

// The draft report the files go on (the form's own saving is workflow.mjs's subject).
function sql(q) {
  return execFileSync('sqlite3', [env.db, q]).toString().trim();
}
sql(`INSERT INTO report(facility_id, year, status) VALUES (${fac.id}, ${env.year}, 'draft')`);
const reportId = sql(`SELECT id FROM report WHERE facility_id = ${fac.id} AND year = ${env.year}`);

// A PDF of 2.000 bytes: 2000 / 1024 = 1,953 KB, shown "2,0 KB".
const pdf = Buffer.alloc(2000, 0x20);
pdf.write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n', 0, 'latin1');
pdf.write('%%EOF\n', 1994, 'latin1');
// A PNG of 1,5 MB: its 8-byte signature, then 1.572.856 bytes: 1572864 / 1048576 = 1,5 MB.
const png = Buffer.alloc(1572864, 7);
Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);

const pdfName = 'Hoá đơn điện tháng 1.pdf';
const pngName = 'Sơ đồ dây chuyền.png';

// "dd/mm/yyyy HH:MM" of a time in Vietnam (UTC+7, no daylight saving).
function vnTime(ms) {
  const d = new Date(ms + 7 * 3600 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

async function upload(page, name, mimeType, buffer) {
  await page.setInputFiles('form.attach-form input[name="file"]', { name, mimeType, buffer });
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.click('form.attach-form button[type="submit"]'),
  ]);
  return resp;
}

// The row of the attachments table whose first cell is name, as its cells' texts.
async function row(page, name) {
  const r = page.locator('section#attachments tbody tr', { hasText: name });
  if ((await r.count()) !== 1) return null;
  return (await r.locator('td').allTextContents()).map((s) => s.trim());
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  await signIn(page, entEmail, entPass);
  const form = `${env.base}/facilities/${fac.id}/report/${env.year}`;
  await page.goto(form);
  check('the form has the attachments section',
    (await page.locator('section#attachments h2').textContent()) === 'Tệp đính kèm');
  check('no files yet', (await page.locator('section#attachments').textContent())
    .includes('Chưa có tệp đính kèm.'));

  const t0 = Date.now();
  let resp = await upload(page, pdfName, 'application/pdf', pdf);
  check('the PDF upload comes back to the form', page.url().startsWith(form) &&
    page.url().endsWith('#attachments'), page.url());
  check('back on the form with 200', resp && resp.status() === 200, resp && resp.status());
  resp = await upload(page, pngName, 'image/png', png);
  const t1 = Date.now();
  const r1 = await row(page, pdfName);
  const r2 = await row(page, pngName);
  check('the PDF is listed', r1 !== null);
  check('the PNG is listed', r2 !== null);
  if (r1 && r2) {
    check('PDF: type and size', r1[1] === 'PDF' && r1[2] === '2,0 KB', r1.join(' | '));
    check('PNG: type and size', r2[1] === 'Ảnh PNG' && r2[2] === '1,5 MB', r2.join(' | '));
    check('uploader by name', r1[3] === 'Trần Thị Bình', r1[3]);
    const when = [vnTime(t0), vnTime(t1)];
    check('time as dd/mm/yyyy HH:MM in Vietnam', when.includes(r1[4]), `${r1[4]} not in ${when}`);
    check('a delete button on its own files', r1[5] === 'Xoá' && r2[5] === 'Xoá', r1[5]);
  }

  // Deleting asks first; answering no keeps the file.
  let asked = false;
  page.once('dialog', (d) => {
    asked = true;
    check('the question names the file', d.message() === `Xoá tệp “${pngName}”?`, d.message());
    d.dismiss();
  });
  await page.locator('section#attachments tr', { hasText: pngName })
    .locator('form.attach-delete button').click();
  await page.waitForTimeout(300);
  check('deleting asks first', asked);
  check('a dismissed deletion keeps the file', (await row(page, pngName)) !== null);

  // A text file: refused by the server with the allowed types.
  resp = await upload(page, 'ghi chú.txt', 'text/plain', Buffer.from('Số công tơ: 12.500 kWh\n'));
  check('a text file is refused with 400', resp && resp.status() === 400, resp && resp.status());
  const refused = await page.locator('main').textContent();
  check('the message names the file and lists the allowed types', refused.includes(
    'Tệp “ghi chú.txt” không thuộc loại được nhận. Chỉ đính kèm được tệp PDF, ảnh JPEG, ' +
    'ảnh PNG hoặc bảng tính Excel (XLSX).'), refused.slice(0, 400));
  await Promise.all([page.waitForNavigation(), page.click('main a[href*="#attachments"]')]);
  check('the way back leads to the form', page.url().startsWith(form), page.url());

  // Over 10 MB: the page's script says so and sends nothing.
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
  big.write('%PDF-1.4\n', 0, 'latin1');
  await page.setInputFiles('form.attach-form input[name="file"]',
    { name: 'quá lớn.pdf', mimeType: 'application/pdf', buffer: big });
  const before = page.url();
  await page.click('form.attach-form button[type="submit"]');
  await page.waitForTimeout(300);
  check('the oversized file is not sent', page.url() === before, page.url());
  check('the page says the limit', (await page.locator('form.attach-form .attach-status')
    .textContent()) === 'Tệp “quá lớn.pdf” lớn hơn 10 MB: mỗi tệp đính kèm tối đa 10 MB.');
  await signOut(page);

  // The district officer sees both on the review page and downloads the PDF.
  await signIn(page, disEmail, disPass);
  await page.goto(`${env.base}/reports/${reportId}`);
  check('the review page lists the PDF', (await row(page, pdfName)) !== null);
  check('the review page lists the PNG', (await row(page, pngName)) !== null);
  check('the reviewer has no upload form', (await page.locator('form.attach-form').count()) === 0);
  // At 360 px the section fits the screen; its table scrolls inside its own box.
  await page.setViewportSize({ width: 360, height: 740 });
  const fits = await page.evaluate(() => {
    const s = document.querySelector('section#attachments');
    const r = s.getBoundingClientRect();
    return s.scrollWidth <= s.clientWidth && r.left >= 0 && r.right <= 360;
  });
  check('the section fits 360 px', fits);
  await page.setViewportSize({ width: 1366, height: 768 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('section#attachments a', { hasText: pdfName }).click(),
  ]);
  // The name the server gives the download (RFC 6266/8187): an ASCII fallback
  // with one '_' per other character, and the UTF-8 name percent-encoded.
  // (Which of the two a browser shows is the browser's choice.)
  const href = await page.locator('section#attachments a', { hasText: pdfName }).getAttribute('href');
  const head = await page.request.get(new URL(href, env.base).href);
  check('the download keeps the Vietnamese name',
    head.headers()['content-disposition'] === 'attachment; filename="Ho_ __n _i_n th_ng 1.pdf"; ' +
      "filename*=UTF-8''" + encodeURIComponent(pdfName),
    head.headers()['content-disposition']);
  const got = readFileSync(await download.path());
  check('the downloaded bytes are the uploaded ones', got.equals(pdf), `${got.length} bytes`);
  await signOut(page);
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
