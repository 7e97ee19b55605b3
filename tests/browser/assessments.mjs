// CP assessments as people use them, in Debian chromium driven by
// playwright-core: a province user opens an assessment by typing the
// facility's name with its diacritics and the start date "15/03/2026" (a
// date that is no day first: named, everything typed kept), adds an expert
// to the team; the expert signs in, sees that assessment and no other,
// starts it, sets two tasks done, adds a CP option typing "120.000.000"
// and a rate of "10" and submits it; the province accepts it and reads
// the printable report.
// Its own users and facility (renamed with diacritics), so it depends on no
// other file.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn, signOut, freeFacility } from './lib/common.mjs';

const sql = (q) => execFileSync('sqlite3', [env.db, q]).toString().trim();
// not the facility pages.mjs takes (the first free one)
const fac = freeFacility([env.facility, freeFacility([env.facility]).id]);
const name = `Công ty Chế biến Thủy sản Đông Hải ${process.pid}`;
sql(`UPDATE facility SET name = '${name}', name_key = 'cong ty che bien thuy san dong hai ${process.pid}'
  WHERE id = ${Number(fac.id)}`);
const pro = `as-pro-${process.pid}@x.vn`;
const exp = `as-exp-${process.pid}@x.vn`;
const proPass = addUser('province', pro);
const expPass = addUser('expert', exp);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await signIn(page, pro, proPass);
  await page.click('header.site nav a:has-text("Đánh giá SXSH")');
  check('the assessments page is reached from the menu',
    (await page.locator('h1').textContent()) === 'Đánh giá sản xuất sạch hơn');
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Mở đánh giá mới")')]);

  // 1. A start date that is no day: named beside the field, nothing typed lost.
  await page.fill('input[name="facility"]', `Đông Hải ${process.pid}`);
  await page.fill('input[name="title"]', 'Đánh giá khâu cấp đông');
  await page.fill('input[name="started_on"]', '31/02/2026');
  await page.fill('input[name="tolerance_pct"]', '2,5');
  await Promise.all([page.waitForNavigation(), page.click('form.assess-new button[type="submit"]')]);
  const err = page.locator('.field-error[data-field="started_on"]');
  check('the wrong date is named',
    (await err.textContent()) === 'ngày bắt đầu phải là một ngày dạng ngày/tháng/năm, ví dụ 15/03/2026',
    await err.textContent());
  check('the facility typed is kept', (await page.inputValue('input[name="facility"]')) === `Đông Hải ${process.pid}`);
  check('the tolerance typed is kept', (await page.inputValue('input[name="tolerance_pct"]')) === '2,5');

  // 2. Right: the assessment opens on its page.
  await page.fill('input[name="started_on"]', '15/03/2026');
  await Promise.all([page.waitForNavigation(), page.click('form.assess-new button[type="submit"]')]);
  const m = /\/assessments\/(\d+)\?done=created$/.exec(page.url());
  check('lands on the assessment page', m !== null, page.url());
  const id = m[1];
  check('the facility is the one named', sql(`SELECT facility_id FROM assessment WHERE id = ${id}`) === fac.id);
  check('the start date is shown dd/mm/yyyy', (await page.locator('.assess-details').textContent()).includes('15/03/2026'));
  check('the tolerance is shown the Vietnamese way', (await page.locator('.assess-details').textContent()).includes('2,5 %'));

  // 3. The expert joins the team.
  await page.click('.assess-team summary');
  await page.fill('.assess-team input[name="name"]', 'Lê Văn Chuyên');
  await page.selectOption('.assess-team select[name="team_role"]', 'expert');
  await page.fill('.assess-team input[name="user"]', exp);
  await Promise.all([page.waitForNavigation(), page.click('.assess-team form.stack button[type="submit"]')]);
  check('the expert is in the team', (await page.locator('table.team').textContent()).includes('Lê Văn Chuyên'));
  await signOut(page);

  // 4. The expert sees that assessment only, starts it, sets tasks, submits.
  await signIn(page, exp, expPass);
  await page.goto(`${env.base}/assessments`);
  const rows = page.locator('table.assessments tbody tr');
  check('the expert sees exactly one assessment', (await rows.count()) === 1, String(await rows.count()));
  check('it is the one it was added to', (await rows.first().textContent()).includes(name));
  await Promise.all([page.waitForNavigation(), rows.first().locator('a').click()]);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Bắt đầu đánh giá")')]);
  check('started', (await page.locator('strong.state').textContent()) === 'Đang thực hiện');
  for (const t of [1, 2]) {
    await page.click(`#task-${t} summary`);
    await page.selectOption(`#t${t}-state`, 'done');
    await page.fill(`#t${t}-resp`, 'Trần Thị Bình');
    await page.fill(`#t${t}-due`, '30/04/2026');
    await Promise.all([page.waitForNavigation(), page.click(`#task-${t} form.task-form button`)]);
  }
  check('two tasks done', (await page.locator('.progress-text').textContent()).includes('2/18'));
  check('the due date shown dd/mm/yyyy', (await page.locator('#task-1 summary').textContent()).includes('30/04/2026'));
  // 4b. The expert adds an option as a clerk types it: Vietnamese numbers, a rate in percent.
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Các giải pháp SXSH")')]);
  await page.fill('input[name="title"]', 'Lắp biến tần cho máy nén lạnh 75 kW');
  await page.selectOption('select[name="kind"]', { label: 'Cải tiến thiết bị' });
  await page.selectOption('select[name="triage"]', { label: 'Thực hiện ngay' });
  await page.fill('input[name="capex"]', '120.000.000');
  await page.fill('input[name="annual_saving"]', '40.000.000');
  await page.fill('input[name="life_years"]', '5');
  await page.fill('input[name="discount_rate"]', '10');
  await page.selectOption('select[name="effects[0].stream"]', 'energy');
  await page.selectOption('select[name="effects[0].carrier"]', 'electricity');
  await page.fill('input[name="effects[0].qty"]', '100.000');
  await page.selectOption('select[name="effects[0].unit"]', 'kWh');
  await Promise.all([page.waitForNavigation(), page.click('button[value="create"]')]);
  const opt = await page.locator('table.options tbody tr').first().textContent();
  // payback 120/40 = 3 years; NPV = 40e6 x (1 - 1.1^-5)/0.1 - 120e6 = 31.631.470,78;
  // 100.000 kWh x 0,0001543 TOE/kWh = 15,43 TOE
  check('the option\'s payback is 3 years', opt.includes('3 năm'), opt);
  check('the option\'s NPV is shown the Vietnamese way', opt.includes('31.631.471'), opt);
  check('the option\'s TOE saved is shown', opt.includes('15,43'), opt);
  check('stored as typed', sql(`SELECT capex || '|' || annual_saving || '|' || discount_rate FROM cp_option
    WHERE assessment_id = ${id}`) === '120000000.0|40000000.0|0.1',
    sql(`SELECT capex || '|' || annual_saving || '|' || discount_rate FROM cp_option WHERE assessment_id = ${id}`));
  await page.goto(`${env.base}/assessments/${id}`);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Nộp báo cáo đánh giá cho Sở")')]);
  check('submitted', (await page.locator('strong.state').textContent()) === 'Đã nộp, chờ Sở xem xét');
  check('another assessment is not found for the expert',
    (await page.goto(`${env.base}/assessments/${Number(id) + 100000}`)).status() === 404);
  await signOut(page);

  // 5. The province accepts.
  await signIn(page, pro, proPass);
  await page.goto(`${env.base}/assessments/${id}`);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Chấp nhận báo cáo")')]);
  check('accepted', (await page.locator('strong.state').textContent()) === 'Đã chấp nhận');
  check('the history lists the moves', (await page.locator('section.history').textContent()).includes('Nộp báo cáo'));
  check('stored as accepted', sql(`SELECT status FROM assessment WHERE id = ${id}`) === 'accepted');

  // 6. The printable report carries the option and its feasibility.
  await page.goto(`${env.base}/assessments/${id}/report`);
  check('the report has its title',
    (await page.locator('h1').textContent()) === 'Báo cáo đánh giá sản xuất sạch hơn');
  const rep = await page.locator('table.options').textContent();
  check('the report lists the option with its NPV', rep.includes('Lắp biến tần cho máy nén lạnh 75 kW') &&
    rep.includes('31.631.471'), rep);
  await page.emulateMedia({ media: 'print' });
  check('on paper the letterhead shows', await page.locator('.letterhead').isVisible());
  await page.emulateMedia({ media: 'screen' });
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
