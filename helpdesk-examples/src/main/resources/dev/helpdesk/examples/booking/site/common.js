// Shared by the customer site, the agent console and the mailbox. No framework, no build step.
// Every piece of user text goes into the page through textContent (el() below), never as HTML:
// a subject like <script> shows as those characters.
'use strict';

/** Calls the JSON API; resolves to the parsed body (or null for 204), rejects with an Error. */
async function api(method, path, body) {
  const init = {method, headers: {Accept: 'application/json'}, credentials: 'same-origin'};
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data.message || response.statusText);
    error.status = response.status;
    error.field = data.field;
    throw error;
  }
  return data;
}

/**
 * Makes an element. attrs: class, id, data-*, and a few properties (type, value, disabled...).
 * children: strings (added as text) or nodes.
 */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && !key.startsWith('data-') && !key.startsWith('aria-')) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces the children of the element with the given id. */
function fill(id, ...children) {
  const node = document.getElementById(id);
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
  return node;
}

function show(id, visible) {
  document.getElementById(id).hidden = !visible;
}

const STATUS_LABELS = {
  NEW: 'Received', OPEN: 'In progress', PENDING: 'Waiting for you', ON_HOLD: 'On hold',
  SOLVED: 'Solved', CLOSED: 'Closed',
};
const STAFF_STATUS_LABELS = {
  NEW: 'New', OPEN: 'Open', PENDING: 'Pending', ON_HOLD: 'On hold', SOLVED: 'Solved',
  CLOSED: 'Closed',
};

function statusBadge(status, staff) {
  const labels = staff ? STAFF_STATUS_LABELS : STATUS_LABELS;
  return el('span', {class: 'badge status-' + status.toLowerCase(), 'data-status': status},
      labels[status] || status);
}

function when(instant) {
  if (!instant) return '';
  return new Date(instant).toLocaleString(undefined,
      {dateStyle: 'medium', timeStyle: 'short'});
}

function day(localDate) {
  return new Date(localDate + 'T12:00:00').toLocaleDateString(undefined,
      {weekday: 'short', day: 'numeric', month: 'short', year: 'numeric'});
}

/** The picture of a booking's kind (train, event, hotel). */
function kindIcon(kind) {
  return el('div', {class: 'kind'},
      el('img', {src: 'icon-' + (['train', 'event', 'hotel'].includes(kind) ? kind : 'event') + '.svg',
                 alt: kind, width: 28, height: 28}));
}

/** A message bubble; internal notes are marked for staff (customers never receive them). */
function messageBubble(m, mine) {
  return el('li', {class: 'message ' + m.role + (m.internal ? ' internal' : '') + (mine ? ' mine' : ''),
                   'data-message-id': m.id},
    el('div', {class: 'meta'},
      el('strong', {}, m.author),
      m.internal ? el('span', {class: 'badge note'}, 'Internal note') : null,
      el('time', {}, when(m.at))),
    el('p', {class: 'body'}, m.body));
}

/** Appends a message unless it is already shown (the stream and the POST answer both bring it). */
function appendMessage(listId, m, mine) {
  const list = document.getElementById(listId);
  if (list.querySelector('[data-message-id="' + CSS.escape(m.id) + '"]')) return false;
  list.append(messageBubble(m, mine));
  list.scrollTop = list.scrollHeight;
  return true;
}

/** Shows an error next to a form, or clears it. */
function formError(id, error) {
  const node = document.getElementById(id);
  node.textContent = error ? error.message : '';
  node.hidden = !error;
}

/**
 * Opens an event stream; on every (re)connection calls onReady, so the page reloads what it may
 * have missed while disconnected. Returns a function that closes it.
 */
function live(path, handlers, indicatorId) {
  const source = new EventSource(path);
  const indicator = indicatorId && document.getElementById(indicatorId);
  source.addEventListener('ready', () => {
    if (indicator) { indicator.textContent = '● live'; indicator.className = 'live on'; }
    if (handlers.ready) handlers.ready();
  });
  for (const [type, handler] of Object.entries(handlers)) {
    if (type === 'ready') continue;
    source.addEventListener(type, (e) => handler(JSON.parse(e.data)));
  }
  source.onerror = () => {
    if (indicator) { indicator.textContent = '○ reconnecting'; indicator.className = 'live off'; }
  };
  return () => source.close();
}
