// Attachments (src/web/attachments.c).  Before an upload is sent, a file
// larger than the form's limit (data-max, in bytes) is refused here with
// the server's own message, so nobody waits for 10 MB to travel only to be
// told so; otherwise the form says the file is on its way and its button
// cannot be pressed twice.  Without this script the server checks the same.

const vi = document.documentElement.lang !== 'en';

function tooLarge(name, mb) {
  return vi
    ? `Tệp “${name}” lớn hơn ${mb} MB: mỗi tệp đính kèm tối đa ${mb} MB.`
    : `The file “${name}” is larger than ${mb} MB: each attachment may have at most ${mb} MB.`;
}

for (const form of document.querySelectorAll('form.attach-form')) {
  const input = form.querySelector('input[type="file"]');
  const status = form.querySelector('.attach-status');
  const button = form.querySelector('button[type="submit"]');
  const max = Number(form.dataset.max);
  if (!input || !status) continue;
  input.addEventListener('change', () => {
    status.textContent = '';
    status.classList.remove('problem');
    input.removeAttribute('aria-invalid');
  });
  form.addEventListener('submit', (ev) => {
    const file = input.files && input.files[0];
    if (!file) return;
    if (max > 0 && file.size > max) {
      ev.preventDefault();
      status.textContent = tooLarge(file.name, Math.round(max / 1048576));
      status.classList.add('problem');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    status.classList.remove('problem');
    status.textContent = vi ? `Đang tải “${file.name}” lên…` : `Uploading “${file.name}”…`;
    if (button) button.disabled = true;
  });
}

// A deletion asks first: a file deleted by a slip would have to be found
// and uploaded again.  Without this script the button deletes at once.
for (const form of document.querySelectorAll('form.attach-delete')) {
  form.addEventListener('submit', (ev) => {
    const row = form.closest('tr');
    const link = row ? row.querySelector('a') : null;
    const name = link ? link.textContent : '';
    const question = vi ? `Xoá tệp “${name}”?` : `Delete the file “${name}”?`;
    if (!window.confirm(question)) ev.preventDefault();
  });
}
