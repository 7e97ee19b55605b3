// The workbook upload as people use it (src/web/wbupload.c): an enterprise
// user of a facility of this file's own follows the link on /my, uploads a
// workbook made by hand (no _sxsh sheet, so the year is chosen on the page),
// sees the preview (its draft would be updated, nothing written yet),
// confirms, and finds the quantity stored; a workbook with a bad number is
// refused with the cell and the reason, nothing written.  The preview and
// the error list pass axe-core and fit a 360 px screen.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn, freeFacility } from './lib/common.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

function sql(q) {
  return execFileSync('sqlite3', [env.db, q]).toString().trim();
}

const fac = freeFacility([env.facility]);
// The facility is this file's from now on: a draft report of the year with one line.
sql(`INSERT INTO report(facility_id, year, status) VALUES (${fac.id}, ${env.year}, 'draft')`);
const reportId = sql(`SELECT id FROM report WHERE facility_id = ${fac.id} AND year = ${env.year}`);
// (SQLite reads the REAL 1 back as "1.0".)
sql(`INSERT INTO report_output(report_id, product_code, quantity, unit)
  VALUES (${reportId}, 'frozen_seafood', 1, 't')`);
const entEmail = `wbupload-ent-${fac.id}@example.vn`;
const entPass = addUser('enterprise', entEmail, ['--facility', fac.id]);

// An .xlsx made by hand (inline strings, no shared strings, no _sxsh): the
// sheet "Sản phẩm" with its key row 2 and one row 4 for the facility.
function workbook(quantity) {
  const py = `
import sys, zipfile, io
code, qty = sys.argv[1], sys.argv[2]
def c(ref, v):
    if v.startswith('#'):
        return '<c r="%s"><v>%s</v></c>' % (ref, v[1:])
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
rows = [(2, ['facility_code', 'facility_name', 'product', 'quantity', 'unit']),
        (3, ['Mã cơ sở', 'Tên cơ sở', 'Sản phẩm', 'Số lượng', 'Đơn vị']),
        (4, [code, '', 'Thủy sản đông lạnh khác', qty, 'tấn'])]
sheet = ''.join('<row r="%d">%s</row>' % (r, ''.join(c('%s%d' % ('ABCDE'[i], r), v)
        for i, v in enumerate(vals) if v)) for r, vals in rows)
parts = {
 '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
 '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
 'xl/workbook.xml': '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sản phẩm" sheetId="1" r:id="rId1"/></sheets></workbook>',
 'xl/_rels/workbook.xml.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
 'xl/worksheets/sheet1.xml': '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + sheet + '</sheetData></worksheet>',
}
out = io.BytesIO()
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for n, t in parts.items():
        z.writestr(n, t)
sys.stdout.buffer.write(out.getvalue())
`;
  return execFileSync('python3', ['-c', py, fac.code, quantity]);
}

async function axe(page, name) {
  await page.evaluate(axeSource);
  const res = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  check(`${name}: no serious axe-core violation`, res.length === 0, res.join('; '));
}

async function fits(page, name) {
  await page.setViewportSize({ width: 360, height: 740 });
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  check(`${name}: fits 360 px`, w <= 360, `scrollWidth ${w}`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function upload(page, buffer, name) {
  await page.setInputFiles('form.wbupload input[name="file"]',
    { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await page.selectOption('form.wbupload select[name="year"]', String(env.year));
  await Promise.all([page.waitForNavigation(), page.click('form.wbupload button[type="submit"]')]);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, entEmail, entPass);
  await page.goto(`${env.base}/my`);
  await Promise.all([page.waitForNavigation(),
    page.click('a:has-text("Nộp sổ khảo sát đã điền")')]);
  check('the link on /my leads to the upload page',
    new URL(page.url()).pathname === '/workbooks/upload', page.url());
  check('the page is Vietnamese', (await page.locator('h1').textContent()) === 'Nộp sổ khảo sát');

  // A bad number: refused at its cell, nothing written.
  await upload(page, workbook('12,5,3'), 'sai.xlsx');
  const errors = (await page.locator('#errors li').allTextContents()).map((s) => s.trim());
  check('the bad number is listed at its cell', errors.length === 1 &&
    errors[0] === 'Sản phẩm!D4: "12,5,3" không phải là số (viết 12.500 hoặc 3,5)', errors.join(' | '));
  check('the year chosen is kept', (await page.locator('select[name="year"]').inputValue()) === String(env.year));
  await axe(page, 'error list');
  await fits(page, 'error list');
  check('nothing written', sql(`SELECT quantity FROM report_output WHERE report_id = ${reportId}`) === '1.0');

  // "1.234,5" read the Vietnamese way: 1234.5 t.
  await upload(page, workbook('1.234,5'), 'khảo sát.xlsx');
  const row = page.locator(`table.wb-plan tr[data-code="${fac.code}"] td`);
  const cells = (await row.allTextContents()).map((s) => s.trim());
  check('the preview says the draft is updated', cells[2] === 'Cập nhật bản nháp' && cells[3] === 'Nháp',
    cells.join(' | '));
  check('the preview writes nothing', sql(`SELECT quantity FROM report_output WHERE report_id = ${reportId}`) === '1.0');
  await axe(page, 'preview');
  await fits(page, 'preview');

  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Ghi vào cơ sở dữ liệu")')]);
  check('the confirm says what was saved',
    (await page.locator('p.notice').textContent()).includes(`Đã ghi tệp khảo sát.xlsx (năm ${env.year}).`));
  check('the quantity is stored', sql(`SELECT quantity || ' ' || unit FROM report_output
    WHERE report_id = ${reportId}`) === '1234.5 t');
  check('the audit names the file and the user', sql(`SELECT count(*) FROM audit
    WHERE action = 'import_workbook' AND actor = '${entEmail}' AND after_json LIKE '%khảo sát.xlsx%'`) === '1');
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
