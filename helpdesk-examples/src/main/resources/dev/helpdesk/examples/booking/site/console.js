// The agent console: the queue, one ticket with internal notes and SLA timers, and the actions.
'use strict';

const desk = {me: null, ticketId: null, closeTicketStream: null, closeQueueStream: null};

const ACTION_LABELS = {OPEN: 'Reopen', PENDING: 'Ask customer (pending)', ON_HOLD: 'Put on hold',
                       SOLVED: 'Solve', CLOSED: 'Close'};

async function start() {
  const agents = await api('GET', '/api/agents');
  const picker = fill('agent-picker', el('option', {value: ''}, '— pick an agent —'),
      agents.map((a) => el('option', {value: a.id}, a.name)));
  picker.addEventListener('change', () => signIn(picker.value));
  fill('signin-choices', agents.map((a) => el('li', {},
      el('button', {type: 'button', class: 'choice', 'data-agent': a.id, onclick: () => signIn(a.id)},
        el('strong', {}, a.name),
        el('span', {class: 'muted'}, a.skills.length ? a.skills.join(', ') : 'supervisor')))));
  const compose = document.getElementById('compose');
  compose.addEventListener('submit', send);
  document.getElementById('apply-macro').addEventListener('click', applyMacro);
  window.addEventListener('hashchange', route);
  try {
    desk.me = await api('GET', '/api/agent/me');
    picker.value = desk.me.id;
  } catch (e) {
    if (e.status !== 401) throw e;
  }
  enter();
}

async function signIn(agentId) {
  if (!agentId) return;
  await api('POST', '/api/agent/session', {agentId});
  desk.me = await api('GET', '/api/agent/me');
  document.getElementById('agent-picker').value = agentId;
  location.hash = '';
  enter();
}

function enter() {
  if (desk.closeQueueStream) desk.closeQueueStream();
  show('signin', !desk.me);
  show('queues', !!desk.me);
  show('detail', !!desk.me);
  if (!desk.me) return;
  desk.closeQueueStream = live('/api/agent/events', {ready: loadQueue, queue: loadQueue}, 'queue-live');
  api('GET', '/api/agent/macros').then((macros) => fill('macro-picker',
      el('option', {value: ''}, '— macro —'),
      macros.map((m) => el('option', {value: m.name, title: m.reply}, m.name))));
  route();
}

async function loadQueue() {
  const q = await api('GET', '/api/agent/queue');
  const row = (t) => el('li', {class: t.id === desk.ticketId ? 'selected' : '', 'data-ticket': t.key},
    el('a', {href: '#/ticket/' + t.id},
      el('span', {class: 'key'}, t.key),
      statusBadge(t.status, true),
      el('span', {class: 'subject'}, t.subject),
      el('span', {class: 'muted'}, t.requester + (t.bookingReference ? ' · ' + t.bookingReference : ''))));
  fill('mine', q.mine.length ? q.mine.map(row) : el('li', {class: 'muted empty'}, 'Nothing assigned to you.'));
  fill('unassigned', q.unassigned.length ? q.unassigned.map(row) : el('li', {class: 'muted empty'}, 'Queue empty.'));
  fill('mine-count', String(q.mine.length));
  fill('unassigned-count', String(q.unassigned.length));
}

function route() {
  if (desk.closeTicketStream) { desk.closeTicketStream(); desk.closeTicketStream = null; }
  const m = (location.hash || '').match(/^#\/ticket\/([^/]+)$/);
  desk.ticketId = m ? decodeURIComponent(m[1]) : null;
  show('detail-empty', !desk.ticketId);
  show('detail-body', !!desk.ticketId);
  for (const li of document.querySelectorAll('.queue li')) li.classList.remove('selected');
  if (!desk.ticketId) return;
  const id = desk.ticketId;
  fill('d-conversation');
  desk.closeTicketStream = live('/api/agent/tickets/' + encodeURIComponent(id) + '/events', {
    ready: () => loadTicket(id),
    message: (msg) => appendMessage('d-conversation', msg, msg.role === 'agent'),
    status: () => loadTicket(id),
    assignee: () => loadTicket(id),
    resync: () => loadTicket(id),
  }, 'd-live');
}

async function loadTicket(id) {
  const v = await api('GET', '/api/agent/tickets/' + encodeURIComponent(id));
  if (desk.ticketId !== id) return;
  const t = v.ticket;
  fill('d-subject', t.subject);
  fill('d-key', t.key);
  fill('d-customer', v.customer.name + ' <' + v.customer.email + '>');
  fill('d-priority', t.priority.toLowerCase());
  fill('d-status', statusBadge(t.status, true));
  fill('d-assignee', t.assignee ? el('span', {}, 'Assigned to ', el('b', {}, t.assignee))
                                : el('span', {class: 'muted'}, 'Unassigned'));
  const b = v.booking;
  fill('d-booking', b ? [kindIcon(b.kind),
                         el('div', {class: 'what'}, el('h3', {}, b.title),
                           el('p', {class: 'muted'}, day(b.startsOn) + ' · ' + b.reference + ' · ' + b.price),
                           el('p', {}, b.details))]
                      : el('p', {class: 'muted'}, 'No booking linked.'));
  fill('d-sla', v.sla.length ? v.sla.map((s) => el('li', {class: 'sla-' + s.state.toLowerCase()},
      s.target.replace('_', ' ').toLowerCase() + ': ' + s.state.toLowerCase() +
      (s.state === 'RUNNING' ? ', due ' + when(s.dueAt) : '')))
    : el('li', {class: 'muted'}, 'No timers.'));
  fill('d-conversation', v.conversation.map((m) => messageBubble(m, m.role === 'agent')));
  fill('d-history', v.history.map((line) => el('li', {}, line)));
  const mine = t.assigneeId === desk.me.id;
  fill('d-actions',
    !mine && t.status !== 'CLOSED'
      ? el('button', {type: 'button', class: 'secondary', id: 'take', onclick: () => act('take')}, 'Take it')
      : null,
    v.nextStatuses.filter((s) => ACTION_LABELS[s]).map((s) => el('button',
      {type: 'button', class: s === 'SOLVED' ? 'primary' : 'secondary', 'data-status': s,
       onclick: () => act('status', {status: s})}, ACTION_LABELS[s])));
  const closed = t.status === 'CLOSED';
  document.getElementById('compose-body').disabled = closed;
  for (const li of document.querySelectorAll('.queue li')) {
    li.classList.toggle('selected', li.dataset.ticket === t.key);
  }
}

async function send(event) {
  event.preventDefault();
  const kind = (event.submitter && event.submitter.dataset.kind) || 'replies';
  const body = document.getElementById('compose-body');
  const id = desk.ticketId;
  try {
    const message = await api('POST', '/api/agent/tickets/' + encodeURIComponent(id) + '/' + kind,
        {body: body.value});
    body.value = '';
    formError('compose-error', null);
    appendMessage('d-conversation', message, true);
    await loadTicket(id); // a reply moves SLA timers and may move the status
  } catch (e) {
    formError('compose-error', e);
  }
}

/** Applies the picked macro: its reply, with the ticket's details filled in, and its status. */
async function applyMacro() {
  const name = document.getElementById('macro-picker').value;
  if (!name) return;
  try {
    const message = await api('POST',
        '/api/agent/tickets/' + encodeURIComponent(desk.ticketId) + '/macros', {name});
    appendMessage('d-conversation', message, true);
    formError('compose-error', null);
    await loadTicket(desk.ticketId);
  } catch (e) {
    formError('compose-error', e);
  }
}

async function act(action, body) {
  try {
    await api('POST', '/api/agent/tickets/' + encodeURIComponent(desk.ticketId) + '/' + action, body || {});
    formError('compose-error', null);
    await loadTicket(desk.ticketId);
    await loadQueue();
  } catch (e) {
    formError('compose-error', e);
  }
}

start().catch((e) => { document.body.prepend(el('p', {class: 'error'}, 'Cannot start: ' + e.message)); });
