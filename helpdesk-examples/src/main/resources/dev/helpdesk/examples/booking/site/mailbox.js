// The demo mailbox: what the embedded mail server received, refreshed every two seconds.
'use strict';

let shown = '';

async function refresh() {
  const mails = await api('GET', '/api/mailbox');
  const signature = mails.map((m) => m.index).join(',');
  if (signature === shown) return;   // keep a half-written answer when nothing changed
  shown = signature;
  fill('mails', mails.length ? mails.map(mail) : el('li', {class: 'muted'}, 'No mail yet.'));
}

function mail(m) {
  const answer = m.answerable ? el('form', {class: 'composer', onsubmit: (e) => send(e, m.index)},
      el('textarea', {rows: 2, placeholder: 'Answer as ' + m.to + '…', required: true}),
      el('p', {class: 'error', hidden: true}),
      el('button', {type: 'submit', class: 'secondary'}, 'Send answer')) : null;
  return el('li', {class: 'mail', 'data-mail': m.index},
    el('div', {class: 'meta'},
      el('span', {}, 'From ', el('b', {}, m.from)),
      el('span', {}, 'to ', el('b', {}, m.to)),
      el('time', {}, when(m.sentAt))),
    el('h3', {}, m.subject),
    el('pre', {class: 'mail-text'}, m.text),
    answer);
}

async function send(event, index) {
  event.preventDefault();
  const form = event.target;
  const text = form.querySelector('textarea');
  const error = form.querySelector('.error');
  try {
    await api('POST', '/api/mailbox/' + index + '/answer', {body: text.value});
    text.value = '';
    error.hidden = true;
    form.replaceChildren(el('p', {class: 'muted'}, 'Sent. The desk picks it up within seconds.'));
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  }
}

refresh();
setInterval(() => refresh().catch(() => {}), 2000);
