// The report and registration forms (src/web/report_form.c,
// src/web/registration_form.c), improved where scripts run; every form
// works without them.
//
//  - Number fields (input[data-num]) echo beside them what the server will
//    read, in the page's format: "= 12.500 tấn", or why it cannot read it.
//  - Rows of a line table are added ("Thêm dòng") and removed ("Xóa dòng")
//    in the page, without a reload; rows are renumbered so the names stay
//    KIND[0..n) and n_KIND counts them, as the server expects.
//  - A carrier's units: the unit list of a row shows only the units its
//    carrier may be reported in (data-units on the carrier's option).
//  - A product picked on an output row fills an empty unit with the
//    product's unit (data-unit).
//  - Product lists get a small search box that hides the names that do not
//    match, ignoring case and diacritics ("nuoc da" finds "Nước đá").
//
// Numbers follow parse_num_user (src/util/fmt.c) exactly:
//  - on Vietnamese pages '.' groups thousands and ',' starts the decimals;
//    on English pages the other way round; a space also groups;
//  - an optional sign, then digits; group marks only after 1-3 digits
//    first and exactly 3 between later marks and before the end (or the
//    decimal mark); a grouped number does not start with 0;
//  - the decimal mark is followed by at least one digit and nothing else;
//    no exponent, nothing else;
//  - text that is a number in the page's convention and also, with a
//    different value, a grouped number in the other one, with a decimal
//    part of exactly three digits and no group mark ("1,234" on a
//    Vietnamese page: 1,234 or 1234) reads two ways and is refused;
//  - text that is not a number in the page's convention is refused; when it
//    is one in the other convention, that reading is suggested.

const en = () => document.documentElement.lang === 'en';

// Reads s with decimal mark dec and group mark grp (or a space), as
// read_user_num: {digits, frac, groups, tail3, neg} or null.
function readUserNum(s, dec, grp) {
	let i = 0, neg = false;
	if (s[0] === '-' || s[0] === '+') {
		neg = s[0] === '-';
		i = 1;
	}
	let digits = '', first = true, run = 0, groups = false;
	for (; i < s.length && s[i] !== dec; i++) {
		const c = s[i];
		if (c === grp || c === ' ') {
			if (run === 0 || run > 3 || (!first && run !== 3)) return null;
			first = false;
			run = 0;
			groups = true;
			continue;
		}
		if (c < '0' || c > '9') return null;
		digits += c;
		run++;
	}
	if (groups && (run !== 3 || digits[0] === '0')) return null;
	let frac = '', tail3 = false;
	if (s[i] === dec) {
		for (i++; i < s.length; i++) {
			if (s[i] < '0' || s[i] > '9') return null;
			frac += s[i];
		}
		if (frac === '') return null;
		tail3 = frac.length === 3;
	}
	if (digits === '') return null;
	return { digits, frac, groups, tail3, neg };
}

function valueOf(r) {
	return Number((r.neg ? '-' : '') + r.digits + (r.frac ? '.' + r.frac : ''));
}

// parse_num_user: {kind: 'ok'|'two'|'bad', value, alt, read, other}.
export function parseNumUser(text, lang) {
	const s = String(text).trim();
	const res = { kind: 'bad', value: NaN, alt: NaN, read: null, other: null };
	if (s === '' || s.length >= 64) return res;
	const dec = lang === 'en' ? '.' : ',', grp = lang === 'en' ? ',' : '.';
	const mine = readUserNum(s, dec, grp), other = readUserNum(s, grp, dec);
	if (!mine) {
		if (other) {
			res.alt = valueOf(other);
			res.other = other;
		}
		return res;
	}
	res.value = valueOf(mine);
	res.read = mine;
	if (other && mine.tail3 && !mine.groups && other.groups && valueOf(other) !== res.value) {
		res.kind = 'two';
		res.alt = valueOf(other);
		res.other = other;
		return res;
	}
	res.kind = 'ok';
	return res;
}

// A reading written in lang's format with every digit typed: "12.500", "3,5".
export function formatReading(r, lang) {
	const dec = lang === 'en' ? '.' : ',', grp = lang === 'en' ? ',' : '.';
	let d = r.digits.replace(/^0+(?=\d)/, '');
	let out = '';
	while (d.length > 3) {
		out = grp + d.slice(-3) + out;
		d = d.slice(0, -3);
	}
	out = d + out;
	if (r.frac) out += dec + r.frac;
	return (r.neg && Number(r.digits + r.frac) !== 0 ? '-' : '') + out;
}

// What the echo beside a number field says for text typed in lang.
export function echoText(text, lang, unit) {
	if (String(text).trim() === '') return '';
	const p = parseNumUser(text, lang), E = lang === 'en';
	if (p.kind === 'ok') return '= ' + formatReading(p.read, lang) + (unit ? ' ' + unit : '');
	if (p.kind === 'two') {
		const a = formatReading(p.read, lang), b = formatReading(p.other, lang);
		return E ? `reads two ways: ${a} or ${b}; write it unambiguously`
			: `đọc được hai cách: ${a} hoặc ${b}; hãy viết rõ`;
	}
	if (p.other) {
		const b = formatReading(p.other, lang);
		return E ? `not a number as this page writes them; did you mean ${b}?`
			: `không phải số theo cách viết của trang (dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập phân); có phải ${b}?`;
	}
	return E ? 'not a number (commas group thousands, a point starts the decimals)'
		: 'không phải số (dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập phân)';
}

// The unit of a number field: the row's unit for a quantity (or a month of
// the grid), đồng for a cost, m³ for water; '' when there is none.
function unitOf(input) {
	const name = input.name || '';
	if (/\.cost$/.test(name)) return en() ? 'VND' : 'đồng';
	if (/\.quantity_m3$/.test(name)) return 'm³';
	if (!/\.(quantity|m\d+)$/.test(name)) return '';
	const row = input.closest('tr');
	const sel = row && row.querySelector('select.unit');
	if (!sel || sel.value === '') return '';
	return sel.options[sel.selectedIndex].textContent;
}

function echo(input) {
	let out = document.getElementById('echo-' + input.id);
	if (!out) {
		out = document.createElement('span');
		out.className = 'echo';
		out.id = 'echo-' + input.id;
		out.setAttribute('aria-live', 'polite');
		input.insertAdjacentElement('afterend', out);
		const by = input.getAttribute('aria-describedby');
		input.setAttribute('aria-describedby', by ? by + ' ' + out.id : out.id);
	}
	const lang = en() ? 'en' : 'vi';
	const text = echoText(input.value, lang, unitOf(input));
	out.textContent = text;
	out.classList.toggle('bad', text !== '' && !text.startsWith('='));
}

function fold(s) {
	return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

// Shows only the units the row's carrier may be reported in.
function narrowUnits(carrier) {
	const row = carrier.closest('tr');
	const unit = row && row.querySelector('select.carrier-unit');
	if (!unit) return;
	const opt = carrier.options[carrier.selectedIndex];
	const allowed = opt && opt.dataset.units ? opt.dataset.units.split(' ') : null;
	for (const o of unit.options) {
		if (o.value === '') continue;
		const ok = !allowed || allowed.includes(o.value);
		o.hidden = !ok;
		o.disabled = !ok;
	}
	if (allowed && unit.value !== '' && !allowed.includes(unit.value)) unit.value = '';
	if (allowed && unit.value === '' && allowed.length === 1) unit.value = allowed[0];
}

function filterBox(sel) {
	if (sel.previousElementSibling && sel.previousElementSibling.classList.contains('filter')) return;
	const box = document.createElement('input');
	box.type = 'search';
	box.className = 'filter';
	box.setAttribute('aria-label', en() ? 'Search the products' : 'Tìm sản phẩm');
	box.placeholder = en() ? 'Search…' : 'Tìm…';
	sel.insertAdjacentElement('beforebegin', box);
}

function filterProducts(box) {
	const sel = box.nextElementSibling;
	if (!sel) return;
	const q = fold(box.value.trim());
	for (const o of sel.options) {
		if (o.value === '' || o.selected) continue;
		o.hidden = q !== '' && !fold(o.textContent).includes(q);
	}
}

function renumber(table) {
	const kind = table.dataset.kind;
	const rows = table.querySelectorAll('tbody tr.line');
	rows.forEach((tr, i) => {
		for (const el of tr.querySelectorAll('[name]'))
			el.name = el.name.replace(/^(\w+)\[\d+\]/, `$1[${i}]`);
		for (const el of tr.querySelectorAll('[id]'))
			el.id = el.id.replace(/^((?:echo-)?[fe]-\w+?)-\d+-/, `$1-${i}-`);
		for (const el of tr.querySelectorAll('[aria-label]'))
			el.setAttribute('aria-label', el.getAttribute('aria-label').replace(/\d+$/, String(i + 1)));
		for (const el of tr.querySelectorAll('[aria-describedby]'))
			el.setAttribute('aria-describedby', el.getAttribute('aria-describedby')
				.split(' ').map(id => id.replace(/^((?:echo-)?[fe]-\w+?)-\d+-/, `$1-${i}-`)).join(' '));
	});
	const n = table.closest('fieldset').querySelector(`input[name="n_${kind}"]`);
	if (n) n.value = String(rows.length);
}

function removeButton(tr) {
	const td = tr.querySelector('td.remove');
	if (!td || td.querySelector('button')) return;
	const b = document.createElement('button');
	b.type = 'button';
	b.className = 'remove-row';
	b.textContent = en() ? 'Remove' : 'Xóa dòng';
	td.appendChild(b);
}

function clearRow(tr) {
	for (const el of tr.querySelectorAll('input, select, textarea')) {
		if (el.tagName === 'SELECT') el.selectedIndex = 0;
		else el.value = '';
		el.removeAttribute('aria-invalid');
		const by = (el.getAttribute('aria-describedby') || '').split(' ').filter(id => id.startsWith('echo-'));
		if (by.length) el.setAttribute('aria-describedby', by.join(' '));
		else el.removeAttribute('aria-describedby');
	}
	for (const el of tr.querySelectorAll('.field-error')) el.remove();
	for (const el of tr.querySelectorAll('.echo')) el.textContent = '';
	for (const el of tr.querySelectorAll('option')) el.hidden = el.disabled = false;
}

function addRow(kind) {
	const table = document.querySelector(`table.lines[data-kind="${kind}"]`);
	const rows = table && table.querySelectorAll('tbody tr.line');
	if (!rows || rows.length === 0) return;
	const tr = rows[rows.length - 1].cloneNode(true);
	clearRow(tr);
	table.querySelector('tbody').appendChild(tr);
	renumber(table);
	const first = tr.querySelector('select, input:not(.filter)');
	if (first) first.focus();
}

function removeRow(tr) {
	const table = tr.closest('table');
	const rows = table.querySelectorAll('tbody tr.line');
	let next = tr.nextElementSibling;
	while (next && next.classList.contains('warn-row')) {
		const w = next;
		next = next.nextElementSibling;
		w.remove();
	}
	if (rows.length > 1) tr.remove();
	else clearRow(tr);
	renumber(table);
}

function init() {
	const form = document.querySelector('form.report-form, form.registration-form');
	if (!form) return;
	for (const b of form.querySelectorAll('button.add-row')) b.type = 'button';
	for (const tr of form.querySelectorAll('table.lines tbody tr.line')) removeButton(tr);
	for (const sel of form.querySelectorAll('select.product')) filterBox(sel);
	for (const sel of form.querySelectorAll('select.carrier')) narrowUnits(sel);
	// A field the server refused keeps its message; the echo comes back once it is edited.
	for (const input of form.querySelectorAll('input[data-num]:not([aria-invalid="true"])'))
		if (input.value !== '') echo(input);
	form.addEventListener('input', e => {
		if (e.target.matches('input[data-num]')) echo(e.target);
		else if (e.target.matches('input.filter')) filterProducts(e.target);
	});
	form.addEventListener('change', e => {
		const t = e.target;
		if (t.matches('select.carrier')) narrowUnits(t);
		if (t.matches('select.product')) {
			const unit = t.closest('tr') && t.closest('tr').querySelector('select.unit:not(.carrier-unit)');
			const opt = t.options[t.selectedIndex];
			if (unit && unit.value === '' && opt && opt.dataset.unit) unit.value = opt.dataset.unit;
		}
		if (t.matches('select.unit'))
			for (const i of t.closest('tr').querySelectorAll('input[data-num]')) if (i.value !== '') echo(i);
	});
	form.addEventListener('click', e => {
		const add = e.target.closest('button.add-row');
		if (add) {
			e.preventDefault();
			addRow(add.dataset.kind);
			return;
		}
		const rm = e.target.closest('button.remove-row');
		if (rm) removeRow(rm.closest('tr'));
	});
	// A search box never submits the form.
	form.addEventListener('keydown', e => {
		if (e.key === 'Enter' && e.target.matches('input.filter')) e.preventDefault();
	});
}

if (typeof document !== 'undefined') {
	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
	else init();
}
