// Pickers: a text field inside <div class="picker" data-pick="URL"> becomes
// a type-ahead.  As the person types (two characters or more, after a short
// pause) the page asks URL?q=TEXT for suggestions (a JSON array of
// {id, label, detail}: web/pick.c) and lists them as buttons under the
// field.  Choosing one writes its label into the field and, when the picker
// has them, its id into the hidden input[data-pick-id] and its label into
// input[data-pick-label]; the server takes that id only while the field
// still holds that label.  Without this script the server resolves the
// typed text itself, so nothing here is required.

const WAIT_MS = 200;
const MIN_CHARS = 2;

function setup(box) {
  const input = box.querySelector('input[type="text"], input[type="search"]');
  if (!input) return;
  const idField = box.querySelector('input[data-pick-id]');
  const labelField = box.querySelector('input[data-pick-label]');
  const list = document.createElement('ul');
  list.className = 'picker-list';
  list.hidden = true;
  const status = document.createElement('p');
  status.className = 'picker-status';
  status.setAttribute('role', 'status');
  // After the field's label, so the suggestions never become part of its name.
  (input.closest('label') ?? input).insertAdjacentElement('afterend', list);
  list.insertAdjacentElement('afterend', status);
  list.id = `${input.name}-suggestions`;
  input.setAttribute('aria-controls', list.id);
  let timer = 0;
  let asked = 0;

  function clear() {
    list.replaceChildren();
    list.hidden = true;
  }

  function choose(item) {
    input.value = item.label;
    if (idField) idField.value = String(item.id);
    if (labelField) labelField.value = item.label;
    clear();
    status.textContent = '';
    input.focus();
  }

  function show(items, seq) {
    if (seq !== asked) return; // an older answer arriving late
    clear();
    const en = document.documentElement.lang === 'en';
    status.textContent = items.length === 0
      ? (en ? 'No match' : 'Không có kết quả')
      : (en ? `${items.length} suggestions` : `${items.length} gợi ý`);
    for (const item of items) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'picker-item';
      b.textContent = item.label;
      if (item.detail) {
        const small = document.createElement('small');
        small.textContent = item.detail;
        b.append(' ', small);
      }
      b.addEventListener('click', () => choose(item));
      li.append(b);
      list.append(li);
    }
    list.hidden = items.length === 0;
  }

  async function ask(text) {
    const seq = ++asked;
    const url = new URL(box.dataset.pick, window.location.href);
    url.searchParams.set('q', text);
    try {
      const r = await fetch(url, { headers: { Accept: 'application/json' } });
      if (!r.ok) return;
      show(await r.json(), seq);
    } catch (e) {
      // The form still works: the server resolves what was typed.
    }
  }

  input.addEventListener('input', () => {
    if (labelField && idField && input.value !== labelField.value) idField.value = '';
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < MIN_CHARS) {
      asked++;
      clear();
      return;
    }
    timer = window.setTimeout(() => ask(text), WAIT_MS);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' && !list.hidden) {
      ev.preventDefault();
      list.querySelector('button')?.focus();
    } else if (ev.key === 'Escape') {
      clear();
    }
  });
  list.addEventListener('keydown', (ev) => {
    const items = [...list.querySelectorAll('button')];
    const i = items.indexOf(document.activeElement);
    if (ev.key === 'ArrowDown' && i < items.length - 1) {
      ev.preventDefault();
      items[i + 1].focus();
    } else if (ev.key === 'ArrowUp') {
      ev.preventDefault();
      (i > 0 ? items[i - 1] : input).focus();
    } else if (ev.key === 'Escape') {
      clear();
      input.focus();
    }
  });
}

for (const box of document.querySelectorAll('.picker[data-pick]')) setup(box);

export {};
