// The customer site: bookings, raising a query about one, and following it live.
'use strict';

const state = {me: null, ticketId: null, closeStream: null, ack: null, rating: null};

async function start() {
  // A link from one of our mails: ?ticket=<id> opens that request.
  const params = new URLSearchParams(location.search);
  if (params.get('ticket')) {
    history.replaceState(null, '', location.pathname + '#/ticket/' + params.get('ticket'));
  }
  const customers = await api('GET', '/api/customers');
  const picker = fill('customer-picker',
      el('option', {value: ''}, '— pick a customer —'),
      customers.map((c) => el('option', {value: c.id}, c.name)));
  picker.addEventListener('change', () => signIn(picker.value));
  fill('signin-choices', customers.map((c) => el('li', {},
      el('button', {type: 'button', class: 'choice', 'data-customer': c.id,
                    onclick: () => signIn(c.id)},
        el('strong', {}, c.name), el('span', {class: 'muted'}, c.email)))));
  document.getElementById('raise-form').addEventListener('submit', raise);
  document.getElementById('reply-form').addEventListener('submit', reply);
  document.getElementById('rating').addEventListener('submit', rate);
  for (const choice of document.querySelectorAll('[data-rating]')) {
    choice.addEventListener('click', () => {
      state.rating = choice.dataset.rating;
      for (const other of document.querySelectorAll('[data-rating]')) {
        other.setAttribute('aria-pressed', String(other === choice));
      }
      document.getElementById('rating-send').disabled = false;
    });
  }
  window.addEventListener('hashchange', route);
  try {
    state.me = await api('GET', '/api/customer/me');
    picker.value = state.me.customer.id;
  } catch (e) {
    if (e.status !== 401) throw e;
  }
  route();
}

async function signIn(customerId) {
  if (!customerId) return;
  await api('POST', '/api/customer/session', {customerId});
  state.me = await api('GET', '/api/customer/me');
  document.getElementById('customer-picker').value = customerId;
  if (location.hash === '' || location.hash === '#/') route(); else location.hash = '#/';
}

function route() {
  stopStream();
  for (const id of ['signin', 'home', 'raise', 'ticket']) show(id, false);
  if (!state.me) { show('signin', true); return; }
  const hash = location.hash.replace(/^#/, '') || '/';
  let m;
  if ((m = hash.match(/^\/raise\/([^/]+)$/))) return showRaise(decodeURIComponent(m[1]));
  if ((m = hash.match(/^\/ticket\/([^/]+)$/))) return showTicket(decodeURIComponent(m[1]));
  return showHome();
}

async function showHome() {
  const me = state.me;
  fill('greeting', 'Hello, ' + me.customer.name.split(' ')[0]);
  fill('bookings', me.bookings.map((b) => el('li', {class: 'booking kind-' + b.kind, 'data-booking': b.reference},
    kindIcon(b.kind),
    el('div', {class: 'what'},
      el('h3', {}, b.title),
      el('p', {class: 'muted'}, day(b.startsOn) + ' · ' + b.reference + ' · ' + b.price),
      el('p', {}, b.details)),
    el('a', {class: 'button', href: '#/raise/' + encodeURIComponent(b.reference),
             'data-help': b.reference}, 'Get help'))));
  const tickets = await api('GET', '/api/customer/tickets');
  show('no-tickets', tickets.length === 0);
  fill('tickets', tickets.map((t) => el('li', {'data-ticket': t.key},
    el('a', {href: '#/ticket/' + t.id},
      el('span', {class: 'key'}, t.key),
      el('span', {class: 'subject'}, t.subject),
      statusBadge(t.status),
      el('time', {class: 'muted'}, when(t.updatedAt))))));
  show('home', true);
}

function showRaise(reference) {
  const booking = state.me.bookings.find((b) => b.reference === reference);
  if (!booking) { location.hash = '#/'; return; }
  fill('raise-booking', el('div', {class: 'booking compact kind-' + booking.kind},
    kindIcon(booking.kind),
    el('div', {class: 'what'}, el('h3', {}, booking.title),
      el('p', {class: 'muted'}, day(booking.startsOn) + ' · ' + booking.reference))));
  const form = document.getElementById('raise-form');
  form.dataset.booking = reference;
  form.reset();
  formError('raise-error', null);
  show('raise', true);
  document.getElementById('raise-subject').focus();
}

async function raise(event) {
  event.preventDefault();
  const form = event.target;
  const button = document.getElementById('raise-submit');
  button.disabled = true;
  try {
    const raised = await api('POST', '/api/customer/tickets', {
      bookingReference: form.dataset.booking,
      subject: document.getElementById('raise-subject').value,
      description: document.getElementById('raise-description').value,
    });
    state.ack = raised;
    location.hash = '#/ticket/' + raised.ticket.id;
  } catch (e) {
    formError('raise-error', e);
  } finally {
    button.disabled = false;
  }
}

async function showTicket(id) {
  state.ticketId = id;
  fill('conversation');
  show('ticket', true);
  renderAck(id);
  state.closeStream = live('/api/customer/tickets/' + encodeURIComponent(id) + '/events', {
    // On every (re)connection, load the whole ticket: nothing missed while away stays missing.
    ready: () => loadTicket(id),
    message: (m) => appendMessage('conversation', m, m.role === 'customer'),
    // A status change may open or close the rating: read the ticket again.
    status: (s) => { setStatus(s.to); loadTicket(id); },
    assignee: (a) => setAssignee(a.assignee),
    resync: () => loadTicket(id),
  }, 'ticket-live');
}

function renderAck(id) {
  const ack = state.ack && state.ack.ticket.id === id ? state.ack : null;
  if (!ack) { show('ack', false); return; }
  fill('ack',
    el('strong', {}, 'Thank you, we received your request.'),
    el('p', {}, 'Your reference is ', el('b', {id: 'ack-key'}, ack.ticket.key),
      '. We have sent you a confirmation by mail',
      ack.firstReplyDue ? ' and will answer by ' + when(ack.firstReplyDue) + '.' : '.'));
  show('ack', true);
}

async function loadTicket(id) {
  let view;
  try {
    view = await api('GET', '/api/customer/tickets/' + encodeURIComponent(id));
  } catch (e) {
    fill('ticket-subject', e.status === 403 || e.status === 404 ? 'Request not found' : e.message);
    stopStream();
    return;
  }
  if (state.ticketId !== id) return;
  const t = view.ticket;
  fill('ticket-subject', t.subject);
  fill('ticket-key', t.key);
  fill('ticket-booking', view.booking ? view.booking.title + ' (' + view.booking.reference + ')' : '');
  setStatus(t.status);
  setAssignee(t.assignee);
  fill('conversation', view.conversation.map((m) => messageBubble(m, m.role === 'customer')));
  renderSuggestions(id, view.suggestions);
  renderRating(view);
}

/** Once solved, the customer rates the solve; a given rating is shown instead. */
function renderRating(view) {
  show('rating', view.canRate);
  if (view.rating) {
    fill('rated', 'You rated this ' + (view.rating.rating === 'GOOD' ? 'good' : 'not good') +
        (view.rating.comment ? ': “' + view.rating.comment + '”' : '.') + ' Thank you!');
  }
  show('rated', !!view.rating);
}

async function rate(event) {
  event.preventDefault();
  try {
    await api('POST', '/api/customer/tickets/' + encodeURIComponent(state.ticketId) + '/rating',
        {rating: state.rating, comment: document.getElementById('rating-comment').value});
    formError('rating-error', null);
    await loadTicket(state.ticketId);
  } catch (e) {
    formError('rating-error', e);
  }
}

/** Instant answers: read one in full, or say it solved the problem (no agent needed). */
function renderSuggestions(id, suggestions) {
  show('suggestions', suggestions.length > 0);
  fill('suggestion-list', suggestions.map((a) => {
    const body = el('p', {class: 'article-body', hidden: true});
    return el('li', {'data-article': a.articleId},
      el('h3', {}, a.title),
      el('p', {class: 'muted'}, a.excerpt),
      body,
      el('div', {class: 'actions'},
        el('button', {type: 'button', class: 'secondary', onclick: async () => {
          const article = await api('GET', '/api/articles/' + encodeURIComponent(a.articleId));
          body.textContent = article.body;
          body.hidden = false;
        }}, 'Read'),
        el('button', {type: 'button', class: 'primary', 'data-accept': a.articleId, onclick: async () => {
          await api('POST', '/api/customer/tickets/' + encodeURIComponent(id) + '/accept',
              {articleId: a.articleId});
          await loadTicket(id);
        }}, 'This solved my problem')));
  }));
}

function setStatus(status) {
  fill('ticket-status', statusBadge(status));
  if (status === 'SOLVED' || status === 'CLOSED') show('suggestions', false);
}

function setAssignee(name) {
  fill('ticket-assignee', name ? el('span', {}, el('b', {}, name), ' is looking after your request.')
                               : el('span', {class: 'muted'}, 'Waiting for an agent.'));
}

async function reply(event) {
  event.preventDefault();
  const body = document.getElementById('reply-body');
  try {
    const posted = await api('POST',
        '/api/customer/tickets/' + encodeURIComponent(state.ticketId) + '/messages', {body: body.value});
    body.value = '';
    formError('reply-error', null);
    if (posted.followUp) {
      // Writing to a closed request starts a follow-up: go there.
      location.hash = '#/ticket/' + posted.ticket.id;
      return;
    }
    appendMessage('conversation', posted.message, true);
    setStatus(posted.ticket.status);
  } catch (e) {
    formError('reply-error', e);
  }
}

function stopStream() {
  if (state.closeStream) { state.closeStream(); state.closeStream = null; }
  state.ticketId = null;
}

start().catch((e) => { document.body.prepend(el('p', {class: 'error'}, 'Cannot start: ' + e.message)); });
