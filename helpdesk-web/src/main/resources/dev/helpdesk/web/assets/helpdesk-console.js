/*
 * The desk's agent console, served by helpdesk-web at <base-path>/assets/helpdesk-console.js.
 *
 *   <script src="/helpdesk/assets/helpdesk-console.js" defer></script>
 *   <helpdesk-console lang="de"></helpdesk-console>
 *
 * It talks to <base-path>/api on the page's own origin with the page's login session (an agent's),
 * sends the CSRF token the module keeps in the XSRF-TOKEN cookie back as the X-XSRF-TOKEN header,
 * and every change with the If-Match of the ticket version it shows. Plain JavaScript, no build
 * step; every text from the desk is put in as text, never as markup. docs/web.md ("The agent
 * console") describes the attributes and the theming properties.
 */
(() => {
  'use strict';
  // Plain ASCII (other letters as \u escapes): it reads right whatever charset the host page has.

  // The API lives beside the folder this script was loaded from: <base-path>/assets/ -> <base-path>.
  const script = document.currentScript;
  const SCRIPT_BASE =
    script && script.src ? new URL('..', script.src).href.replace(/\/$/, '') : '/helpdesk';

  const STATUSES = ['NEW', 'OPEN', 'PENDING', 'ON_HOLD', 'SOLVED', 'CLOSED'];
  const UNSOLVED = ['NEW', 'OPEN', 'PENDING', 'ON_HOLD'];
  const AVAILABILITIES = ['ONLINE', 'AWAY', 'OFFLINE'];

  const TEXTS = {
    en: {
      title: 'Agent console',
      loading: 'Loading\u2026',
      signIn: 'Please sign in as an agent to use the console.',
      notAgent: 'The console is for agents; you are signed in as a customer.',
      availability: 'My availability',
      chooseAvailability: 'Choose\u2026',
      setAvailability: 'Set availability',
      availabilityNow: 'Availability: {availability}',
      availabilities: { ONLINE: 'Online', AWAY: 'Away', OFFLINE: 'Offline' },
      tickets: 'Tickets',
      searchLabel: 'Search tickets',
      searchText: 'Words',
      filterStatus: 'Status',
      anyStatus: 'Any status',
      filterAssignee: 'Assignee',
      assignees: { me: 'Me', unassigned: 'Unassigned', anyone: 'Anyone' },
      search: 'Search',
      results: 'Search results',
      noResults: 'No tickets found.',
      mine: 'My queue',
      unassigned: 'Unassigned',
      empty: 'No tickets.',
      more: 'Show more',
      moreLabel: 'Show more: {list}',
      refresh: 'Refresh queues',
      live: 'Live',
      reconnecting: 'Reconnecting\u2026',
      chooseTicket: 'Choose a ticket from a queue or the search results.',
      statuses: {
        NEW: 'New',
        OPEN: 'Open',
        PENDING: 'Pending',
        ON_HOLD: 'On hold',
        SOLVED: 'Solved',
        CLOSED: 'Closed',
      },
      priorities: { LOW: 'Low', NORMAL: 'Normal', HIGH: 'High', URGENT: 'Urgent' },
      status: 'Status',
      priority: 'Priority',
      assignee: 'Assignee',
      nobody: 'Nobody',
      you: 'You',
      requester: 'Customer',
      booking: 'Booking',
      created: 'Opened',
      context: 'Booking details',
      tags: 'Tags',
      noTags: 'No tags.',
      newTag: 'New tag',
      addTag: 'Add tag',
      removeTag: 'Remove tag {tag}',
      fields: 'Fields',
      noValue: '(none)',
      saveFields: 'Save fields',
      sla: 'SLA timers',
      noSla: 'No SLA timers.',
      targets: {
        FIRST_REPLY: 'First reply',
        NEXT_REPLY: 'Next reply',
        PERIODIC_UPDATE: 'Periodic update',
        RESOLUTION: 'Resolution',
      },
      timerStates: { RUNNING: 'Running', PAUSED: 'Paused', MET: 'Met', BREACHED: 'Breached' },
      due: 'due {at}',
      remaining: '{time} left',
      overdue: '{time} overdue',
      conversation: 'Conversation',
      customer: 'Customer',
      agent: 'Agent {id}',
      system: 'Help desk',
      internal: 'Internal note',
      message: 'Message',
      sendReply: 'Send reply',
      addNote: 'Add internal note',
      macro: 'Macro',
      applyMacro: 'Apply macro',
      newStatus: 'New status',
      setStatus: 'Set status',
      take: 'Assign to me',
      error: 'Something went wrong. Please try again.',
      invalid: 'Please check this field: {field}.',
      denied: 'You may not do that.',
      stale: 'The ticket changed meanwhile; it has been reloaded. Please try again.',
      followUp: 'The reply opened a new ticket: {key}.',
      ccs: 'Copied (CC)',
      noCcs: 'Nobody is copied.',
      ccEmail: 'Address to copy',
      ccName: 'Name (optional)',
      addCc: 'Add CC',
      removeCc: 'Remove {email}',
    },
    de: {
      title: 'Agenten-Konsole',
      loading: 'Wird geladen\u2026',
      signIn: 'Bitte melden Sie sich als Agent an, um die Konsole zu nutzen.',
      notAgent: 'Die Konsole ist f\u00fcr Agenten; Sie sind als Kunde angemeldet.',
      availability: 'Meine Verf\u00fcgbarkeit',
      chooseAvailability: 'Bitte w\u00e4hlen\u2026',
      setAvailability: 'Verf\u00fcgbarkeit setzen',
      availabilityNow: 'Verf\u00fcgbarkeit: {availability}',
      availabilities: { ONLINE: 'Online', AWAY: 'Abwesend', OFFLINE: 'Offline' },
      tickets: 'Tickets',
      searchLabel: 'Tickets suchen',
      searchText: 'Suchbegriffe',
      filterStatus: 'Status',
      anyStatus: 'Jeder Status',
      filterAssignee: 'Zugewiesen an',
      assignees: { me: 'Mich', unassigned: 'Niemanden', anyone: 'Beliebig' },
      search: 'Suchen',
      results: 'Suchergebnisse',
      noResults: 'Keine Tickets gefunden.',
      mine: 'Meine Warteschlange',
      unassigned: 'Nicht zugewiesen',
      empty: 'Keine Tickets.',
      more: 'Mehr anzeigen',
      moreLabel: 'Mehr anzeigen: {list}',
      refresh: 'Warteschlangen aktualisieren',
      live: 'Live',
      reconnecting: 'Verbindung wird wiederhergestellt\u2026',
      chooseTicket: 'W\u00e4hlen Sie ein Ticket aus einer Warteschlange oder den Suchergebnissen.',
      statuses: {
        NEW: 'Neu',
        OPEN: 'Offen',
        PENDING: 'Wartend',
        ON_HOLD: 'Zur\u00fcckgestellt',
        SOLVED: 'Gel\u00f6st',
        CLOSED: 'Geschlossen',
      },
      priorities: { LOW: 'Niedrig', NORMAL: 'Normal', HIGH: 'Hoch', URGENT: 'Dringend' },
      status: 'Status',
      priority: 'Priorit\u00e4t',
      assignee: 'Zugewiesen an',
      nobody: 'Niemanden',
      you: 'Sie',
      requester: 'Kunde',
      booking: 'Buchung',
      created: 'Er\u00f6ffnet',
      context: 'Buchungsdetails',
      tags: 'Tags',
      noTags: 'Keine Tags.',
      newTag: 'Neuer Tag',
      addTag: 'Tag hinzuf\u00fcgen',
      removeTag: 'Tag {tag} entfernen',
      fields: 'Felder',
      noValue: '(leer)',
      saveFields: 'Felder speichern',
      sla: 'SLA-Fristen',
      noSla: 'Keine SLA-Fristen.',
      targets: {
        FIRST_REPLY: 'Erste Antwort',
        NEXT_REPLY: 'N\u00e4chste Antwort',
        PERIODIC_UPDATE: 'Regelm\u00e4\u00dfige Meldung',
        RESOLUTION: 'L\u00f6sung',
      },
      timerStates: {
        RUNNING: 'L\u00e4uft',
        PAUSED: 'Angehalten',
        MET: 'Eingehalten',
        BREACHED: 'Verletzt',
      },
      due: 'f\u00e4llig {at}',
      remaining: 'noch {time}',
      overdue: '{time} \u00fcberf\u00e4llig',
      conversation: 'Verlauf',
      customer: 'Kunde',
      agent: 'Agent {id}',
      system: 'Helpdesk',
      internal: 'Interne Notiz',
      message: 'Nachricht',
      sendReply: 'Antwort senden',
      addNote: 'Interne Notiz hinzuf\u00fcgen',
      macro: 'Makro',
      applyMacro: 'Makro anwenden',
      newStatus: 'Neuer Status',
      setStatus: 'Status setzen',
      take: 'Mir zuweisen',
      error: 'Etwas ist schiefgegangen. Bitte versuchen Sie es noch einmal.',
      invalid: 'Bitte pr\u00fcfen Sie dieses Feld: {field}.',
      denied: 'Das d\u00fcrfen Sie nicht.',
      stale:
        'Das Ticket hat sich inzwischen ge\u00e4ndert und wurde neu geladen. Bitte versuchen Sie es noch einmal.',
      followUp: 'Die Antwort hat ein neues Ticket er\u00f6ffnet: {key}.',
      ccs: 'In Kopie (CC)',
      noCcs: 'Niemand ist in Kopie.',
      ccEmail: 'Adresse in Kopie',
      ccName: 'Name (optional)',
      addCc: 'CC hinzuf\u00fcgen',
      removeCc: '{email} entfernen',
    },
  };

  const STYLE = `
    :host {
      display: block;
      font-family: var(--helpdesk-font, inherit);
      color: var(--helpdesk-text, #1f2328);
    }
    [hidden] { display: none !important; }
    .console {
      background: var(--helpdesk-background, #ffffff);
      border: 1px solid var(--helpdesk-border, #8c959f);
      border-radius: var(--helpdesk-radius, 8px);
      padding: 1rem 1.25rem;
    }
    .bar { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem 1.5rem; }
    .bar h2 { flex: 1 1 auto; }
    h2 { font-size: 1.25rem; margin: 0; }
    h3 { font-size: 1.05rem; margin: 1rem 0 .5rem; }
    h4 { font-size: .95rem; margin: 1rem 0 .4rem; }
    h3:focus { outline: none; }
    .columns {
      display: grid;
      grid-template-columns: minmax(16rem, var(--helpdesk-console-list-width, 22rem)) 1fr;
      gap: 1.5rem;
      margin-top: 1rem;
    }
    @media (max-width: 48rem) { .columns { grid-template-columns: 1fr; } }
    label { display: block; font-weight: 600; margin: .5rem 0 .25rem; }
    input, select, textarea {
      box-sizing: border-box;
      font: inherit;
      color: inherit;
      background: var(--helpdesk-background, #ffffff);
      border: 1px solid var(--helpdesk-border, #8c959f);
      border-radius: calc(var(--helpdesk-radius, 8px) / 2);
      padding: .4rem .5rem;
    }
    input[type=search], textarea { width: 100%; }
    textarea { min-height: 5rem; resize: vertical; }
    button {
      font: inherit;
      margin-top: .5rem;
      padding: .4rem .9rem;
      border: 1px solid var(--helpdesk-accent, #1a56db);
      border-radius: calc(var(--helpdesk-radius, 8px) / 2);
      background: var(--helpdesk-accent, #1a56db);
      color: var(--helpdesk-accent-text, #ffffff);
      cursor: pointer;
    }
    button.secondary { background: transparent; color: var(--helpdesk-accent, #1a56db); }
    button:disabled { opacity: .6; cursor: progress; }
    :focus-visible { outline: 3px solid var(--helpdesk-focus, #bf4b00); outline-offset: 2px; }
    .inline { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem; }
    .inline label { margin-top: 0; }
    .filters { display: grid; grid-template-columns: 1fr 1fr; gap: 0 .5rem; }
    .error { color: var(--helpdesk-error, #b3261e); font-weight: 600; }
    .error:empty, .notice:empty { display: none; }
    .notice { font-weight: 600; }
    .muted, .live { color: var(--helpdesk-muted, #57606a); font-size: .85rem; }
    .list { list-style: none; padding: 0; margin: 0; }
    .list li { margin: 0 0 .35rem; }
    .list button.item {
      display: block;
      width: 100%;
      margin: 0;
      text-align: left;
      background: var(--helpdesk-background, #ffffff);
      color: inherit;
      border-color: var(--helpdesk-border, #8c959f);
    }
    .list button.item[aria-current=true] {
      border-color: var(--helpdesk-accent, #1a56db);
      box-shadow: inset 4px 0 0 var(--helpdesk-accent, #1a56db);
    }
    .item .key { font-weight: 700; }
    .item .sub { display: block; font-size: .85rem; color: var(--helpdesk-muted, #57606a); }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; }
    .sla li[data-state=BREACHED] { color: var(--helpdesk-error, #b3261e); font-weight: 600; }
    .conversation { list-style: none; padding: 0; margin: 0; }
    .message {
      border-radius: var(--helpdesk-radius, 8px);
      padding: .5rem .75rem;
      margin: 0 0 .5rem;
      white-space: pre-wrap;
    }
    .message.customer { background: var(--helpdesk-customer-bubble, #e8f0fe); margin-right: 2rem; }
    .message.agent, .message.system {
      background: var(--helpdesk-agent-bubble, #f0f2f4);
      margin-left: 2rem;
    }
    .message.internal {
      background: var(--helpdesk-note-bubble, #fff4d6);
      border-left: 4px solid var(--helpdesk-note-border, #9a6700);
    }
    .message .meta { margin: 0 0 .25rem; font-size: .8rem; white-space: normal; }
    .message .marker { font-weight: 700; margin-right: .5rem; }
    .message a { color: var(--helpdesk-link, #0b4dbf); }
    .actions { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: end; margin-top: 1rem; }
    .actions form { margin: 0; }
    .tags { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .35rem; }
    .tags li {
      display: inline-flex;
      align-items: center;
      gap: .25rem;
      padding: .1rem .25rem .1rem .6rem;
      border: 1px solid var(--helpdesk-border, #8c959f);
      border-radius: 999px;
    }
    .tags li.muted { border: 0; padding: 0; }
    .tags button { margin: 0; padding: 0 .45rem; line-height: 1.4; }
    .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0 1rem; }
  `;

  /** Makes an element with attributes (on* as listeners) and children (strings become text). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) {
        continue;
      }
      if (name.startsWith('on')) {
        el.addEventListener(name.slice(2), value);
      } else if (name === 'text') {
        el.textContent = value;
      } else {
        el.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        el.append(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    }
    return el;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
  }

  /** Dates in the page's own variant of the language (en-GB: 2 Mar 2026, 13:00), if it is valid. */
  function dateFormat(tag) {
    const style = { dateStyle: 'medium', timeStyle: 'short' };
    try {
      return new Intl.DateTimeFormat(tag, style);
    } catch (e) {
      return new Intl.DateTimeFormat(tag.slice(0, 2), style);
    }
  }

  /** A span of seconds as hours and minutes: 3 h 59 min. */
  function span(seconds) {
    const minutes = Math.floor(Math.abs(seconds) / 60);
    const hours = Math.floor(minutes / 60);
    return hours ? hours + ' h ' + (minutes % 60) + ' min' : minutes + ' min';
  }

  function csrfToken() {
    const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
    return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : null;
  }

  /** A refusal of the API: its status and the problem's stable code. */
  class Problem extends Error {
    constructor(status, body) {
      super((body && body.detail) || 'HTTP ' + status);
      this.status = status;
      this.code = body && body.code;
      this.field = body && body.field;
    }
  }

  /** Options for a select: [value, text] pairs, the current one selected. */
  function options(pairs, current) {
    return pairs.map(([value, text]) =>
      h('option', { value, selected: value === current, text }),
    );
  }

  class HelpdeskConsole extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      this.me = null;
      this.ticket = null;
      this.messageIds = new Set();
      this.queueStream = null;
      this.ticketStream = null;
      this.lists = {};
      this.timers = {};
    }

    connectedCallback() {
      const tag = (this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang') ||
        document.documentElement.lang || navigator.language || 'en').toLowerCase();
      this.language = tag.startsWith('de') ? 'de' : 'en';
      this.t = TEXTS[this.language];
      this.api = SCRIPT_BASE + '/api';
      this.dates = dateFormat(tag.startsWith(this.language) ? tag : this.language);
      const size = Number.parseInt(this.getAttribute('page-size') || '25', 10);
      this.pageSize = size >= 1 && size <= 500 ? size : 25;

      this.error = h('p', { id: 'error', class: 'error', role: 'alert' });
      this.notice = h('p', { id: 'notice', class: 'notice', role: 'status' });
      this.body = h('div', { id: 'body' }, h('p', { text: this.t.loading }));
      this.shadowRoot.replaceChildren(
        h('style', { text: STYLE }),
        h(
          'section',
          { class: 'console', 'aria-labelledby': 'title' },
          h('div', { class: 'bar', id: 'bar' }, h('h2', { id: 'title', text: this.t.title })),
          this.error,
          this.notice,
          this.body,
        ),
      );
      this.start().catch((e) => this.fail(e));
    }

    disconnectedCallback() {
      clearInterval(this.timers.poll);
      this.closeStreams();
      this.closeTicketStream();
    }

    async call(method, path, body, version) {
      const headers = { Accept: 'application/json' };
      if (method !== 'GET') {
        const token = csrfToken();
        if (token) {
          headers['X-XSRF-TOKEN'] = token;
        }
      }
      if (version !== undefined) {
        headers['If-Match'] = '"' + version + '"';
      }
      let payload;
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      const res = await fetch(this.api + path, {
        method,
        headers,
        body: payload,
        credentials: 'same-origin',
      });
      const data = res.status === 204 ? null : await res.json().catch(() => null);
      if (!res.ok) {
        throw new Problem(res.status, data);
      }
      return data;
    }

    say(message) {
      this.error.textContent = message;
      if (!message) {
        this.notice.textContent = '';
      }
    }

    fail(e) {
      console.error('helpdesk-console', e);
      const t = this.t;
      if (!(e instanceof Problem)) {
        this.say(t.error);
      } else if (e.code === 'validation' && e.field) {
        this.say(fill(t.invalid, { field: e.field }));
      } else if (e.status === 401) {
        this.say(t.signIn);
      } else if (e.status === 403) {
        this.say(t.denied);
      } else {
        this.say(t.error);
      }
    }

    /** Runs a change with its button disabled; a refusal is said in the alert region. */
    async busy(button, work) {
      button.disabled = true;
      this.say('');
      try {
        await work();
      } catch (e) {
        if (e instanceof Problem && (e.code === 'stale-version' || e.code === 'concurrent-update')) {
          await this.reloadTicket();
          this.say(this.t.stale);
        } else {
          this.fail(e);
        }
      } finally {
        button.disabled = false;
      }
    }

    // ------------------------------------------------------------------ the frame

    async start() {
      const t = this.t;
      try {
        this.me = await this.call('GET', '/me');
      } catch (e) {
        if (e instanceof Problem && e.status === 401) {
          this.body.replaceChildren(h('p', { id: 'sign-in', text: t.signIn }));
          return;
        }
        throw e;
      }
      if (this.me.kind !== 'agent') {
        this.body.replaceChildren(h('p', { id: 'not-agent', text: t.notAgent }));
        return;
      }
      this.macros = await this.call('GET', '/macros');
      this.declaredFields = await this.call('GET', '/fields');
      this.shadowRoot.getElementById('bar').append(this.availabilityForm());
      this.queueLive = h('span', { id: 'queue-live', class: 'live' });
      this.ticketPane = h(
        'section',
        { id: 'ticket', 'aria-label': t.chooseTicket },
        h('p', { class: 'muted', text: t.chooseTicket }),
      );
      this.body.replaceChildren(
        h(
          'div',
          { class: 'columns' },
          h(
            'section',
            { class: 'lists', 'aria-labelledby': 'tickets-title' },
            h('h3', { id: 'tickets-title' }, t.tickets + ' ', this.queueLive),
            this.searchForm(),
            this.listSection('results', t.results, true),
            this.listSection('mine', t.mine, false),
            this.listSection('unassigned', t.unassigned, false),
            h('button', {
              type: 'button',
              id: 'refresh',
              class: 'secondary',
              text: t.refresh,
              onclick: (event) => this.busy(event.currentTarget, () => this.loadQueues()),
            }),
          ),
          this.ticketPane,
        ),
      );
      await this.loadQueues();
      this.openQueueStream();
      // The unassigned queue has no stream of its own: it is read again every few seconds.
      const seconds = Number.parseInt(this.getAttribute('refresh-seconds') || '30', 10);
      if (seconds > 0) {
        this.timers.poll = setInterval(() => {
          if (!document.hidden) {
            this.loadQueues().catch((e) => this.fail(e));
          }
        }, seconds * 1000);
      }
    }

    availabilityForm() {
      const t = this.t;
      const select = h(
        'select',
        { id: 'availability', name: 'availability', required: true },
        h('option', { value: '', text: t.chooseAvailability }),
        options(AVAILABILITIES.map((a) => [a, t.availabilities[a]]), null),
      );
      const send = h('button', { id: 'availability-set', type: 'submit', text: t.setAvailability });
      const state = h('span', { id: 'availability-state', role: 'status', class: 'muted' });
      return h(
        'form',
        {
          id: 'availability-form',
          class: 'inline',
          onsubmit: (event) => {
            event.preventDefault();
            this.busy(send, async () => {
              const agent = await this.call('PUT', '/agents/me/availability', {
                availability: select.value,
              });
              state.setAttribute('data-availability', agent.availability);
              state.textContent = fill(t.availabilityNow, {
                availability: t.availabilities[agent.availability] || agent.availability,
              });
            });
          },
        },
        h('div', {}, h('label', { for: 'availability', text: t.availability }), select),
        send,
        state,
      );
    }

    // ------------------------------------------------------------------ queues and search

    searchForm() {
      const t = this.t;
      const text = h('input', { id: 'search-text', name: 'text', type: 'search', autocomplete: 'off' });
      const status = h(
        'select',
        { id: 'search-status', name: 'status' },
        h('option', { value: '', text: t.anyStatus }),
        options(STATUSES.map((s) => [s, t.statuses[s]]), null),
      );
      const assignee = h(
        'select',
        { id: 'search-assignee', name: 'assignee' },
        options(['anyone', 'me', 'unassigned'].map((a) => [a, t.assignees[a]]), 'anyone'),
      );
      const send = h('button', { id: 'search-run', type: 'submit', text: t.search });
      return h(
        'form',
        {
          id: 'search-form',
          role: 'search',
          'aria-label': t.searchLabel,
          onsubmit: (event) => {
            event.preventDefault();
            const query = new URLSearchParams();
            if (text.value.trim()) {
              query.set('text', text.value.trim());
            }
            if (status.value) {
              query.set('status', status.value);
            }
            if (assignee.value !== 'anyone') {
              query.set('assignee', assignee.value);
            }
            this.busy(send, () => this.loadList('results', query, false));
          },
        },
        h('label', { for: 'search-text', text: t.searchText }),
        text,
        h(
          'div',
          { class: 'filters' },
          h('div', {}, h('label', { for: 'search-status', text: t.filterStatus }), status),
          h('div', {}, h('label', { for: 'search-assignee', text: t.filterAssignee }), assignee),
        ),
        send,
      );
    }

    listSection(name, title, hidden) {
      const t = this.t;
      const list = h('ul', { id: name, class: 'list' });
      const more = h('button', {
        type: 'button',
        id: name + '-more',
        class: 'secondary',
        hidden: true,
        text: t.more,
        'aria-label': fill(t.moreLabel, { list: title }),
      });
      more.addEventListener('click', () =>
        this.busy(more, () => this.loadList(name, this.lists[name].query, true)),
      );
      const section = h(
        'section',
        { id: name + '-section', 'aria-labelledby': name + '-title', hidden },
        h('h4', { id: name + '-title', text: title }),
        list,
        more,
      );
      this.lists[name] = { section, list, more, query: null, next: null, title };
      return section;
    }

    queueQuery(assignee) {
      const query = new URLSearchParams({ assignee, sort: 'MOST_URGENT' });
      for (const s of UNSOLVED) {
        query.append('status', s);
      }
      return query;
    }

    async loadQueues() {
      await Promise.all([
        this.loadList('mine', this.queueQuery('me'), false),
        this.loadList('unassigned', this.queueQuery('unassigned'), false),
      ]);
    }

    /** Reads a page of a list: the first (replacing what it shows) or the next (appended). */
    async loadList(name, query, next) {
      const list = this.lists[name];
      const params = new URLSearchParams(query);
      params.set('size', String(this.pageSize));
      if (next && list.next) {
        params.set('cursor', list.next);
      }
      const page = await this.call('GET', '/tickets/search?' + params);
      list.query = query;
      list.next = page.next;
      list.section.hidden = false;
      const items = page.items.map((ticket) => this.listItem(ticket));
      if (next) {
        list.list.append(...items);
      } else {
        // Read again under the keyboard's focus, the list keeps it on the same ticket.
        const focused = this.shadowRoot.activeElement;
        const kept =
          focused && list.list.contains(focused) ? focused.getAttribute('data-ticket') : null;
        list.list.replaceChildren(...items);
        if (kept) {
          const again = list.list.querySelector('button[data-ticket="' + CSS.escape(kept) + '"]');
          (again || list.more).focus();
        }
        if (!items.length) {
          list.list.append(
            h('li', { class: 'muted', text: name === 'results' ? this.t.noResults : this.t.empty }),
          );
        }
      }
      list.more.hidden = !page.next;
    }

    listItem(ticket) {
      const t = this.t;
      const current = this.ticket && this.ticket.id === ticket.id;
      return h(
        'li',
        { 'data-ticket': ticket.id, 'data-status': ticket.status },
        h(
          'button',
          {
            type: 'button',
            class: 'item',
            'data-ticket': ticket.id,
            'aria-current': current ? 'true' : null,
            onclick: () => this.openTicket(ticket.id).catch((e) => this.fail(e)),
          },
          h('span', { class: 'key', text: ticket.key }),
          ' ' + ticket.subject,
          h('span', {
            class: 'sub',
            text:
              (t.statuses[ticket.status] || ticket.status) +
              ' \u00b7 ' +
              (t.priorities[ticket.priority] || ticket.priority) +
              (ticket.bookingReference ? ' \u00b7 ' + ticket.bookingReference : ''),
          }),
        ),
      );
    }

    markCurrent() {
      for (const item of this.shadowRoot.querySelectorAll('button.item')) {
        if (this.ticket && item.getAttribute('data-ticket') === this.ticket.id) {
          item.setAttribute('aria-current', 'true');
        } else {
          item.removeAttribute('aria-current');
        }
      }
    }

    /** Refreshes the queues a moment after a burst of changes, once. */
    queuesChanged() {
      clearTimeout(this.timers.queues);
      this.timers.queues = setTimeout(() => this.loadQueues().catch((e) => this.fail(e)), 250);
    }

    openQueueStream() {
      const stream = new EventSource(this.api + '/agents/me/queue/stream', { withCredentials: true });
      this.queueStream = stream;
      stream.addEventListener('open', (event) => {
        if (event instanceof MessageEvent) {
          this.queueLive.textContent = '\u25cf ' + this.t.live;
          this.queueLive.setAttribute('data-live', 'true');
        }
      });
      for (const type of ['message', 'status', 'assignee', 'overflow']) {
        stream.addEventListener(type, () => this.queuesChanged());
      }
      stream.addEventListener('error', () => {
        this.queueLive.textContent = this.t.reconnecting;
        this.queueLive.setAttribute('data-live', 'false');
        if (stream.readyState === EventSource.CLOSED && this.queueStream === stream) {
          setTimeout(() => {
            if (this.queueStream === stream && this.isConnected) {
              this.openQueueStream();
            }
          }, 15000);
        }
      });
    }

    closeStreams() {
      if (this.queueStream) {
        this.queueStream.close();
        this.queueStream = null;
      }
    }

    // ------------------------------------------------------------------ one ticket

    async openTicket(id) {
      const t = this.t;
      this.say('');
      this.closeTicketStream();
      clearTimeout(this.timers.ticket);
      this.messageIds = new Set();
      const details = await this.call('GET', '/tickets/' + encodeURIComponent(id));
      this.facts = h('dl', { id: 'facts', class: 'facts' });
      this.slaList = h('ul', { id: 'sla', class: 'sla' });
      this.ccList = h('ul', { id: 'ccs', class: 'list' });
      this.conversation = h('ol', { class: 'conversation' });
      this.ticketLive = h('span', { id: 'ticket-live', class: 'live' });
      const heading = h('h3', { id: 'ticket-title', tabindex: '-1' });
      this.heading = heading;
      this.ticketPane.removeAttribute('aria-label');
      this.ticketPane.setAttribute('aria-labelledby', 'ticket-title');
      this.ticketPane.replaceChildren(
        heading,
        h('p', {}, this.ticketLive),
        this.facts,
        h('h4', { id: 'tags-title', text: t.tags }),
        this.tagsPanel(),
        this.fieldsPanel(),
        h('h4', { id: 'sla-title', text: t.sla }),
        this.slaList,
        h('h4', { id: 'ccs-title', text: t.ccs }),
        this.ccList,
        this.ccForm(),
        h('h4', { id: 'conversation-title', text: t.conversation }),
        // A log region: screen readers announce each message as it is added, from either side.
        h(
          'div',
          { id: 'conversation', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'conversation-title' },
          this.conversation,
        ),
        this.composeForm(),
        h('div', { class: 'actions' }, this.macroForm(), this.statusForm(), this.takeButton()),
      );
      this.apply(details);
      await this.loadSla();
      this.openTicketStream(id);
      heading.focus();
    }

    composeForm() {
      const t = this.t;
      const body = h('textarea', { id: 'compose-body', name: 'body', required: true });
      const reply = h('button', { id: 'send-reply', type: 'submit', text: t.sendReply });
      const note = h('button', { id: 'send-note', type: 'button', class: 'secondary', text: t.addNote });
      const form = h(
        'form',
        {
          id: 'compose',
          onsubmit: (event) => {
            event.preventDefault();
            this.busy(reply, async () => {
              const posted = await this.call(
                'POST', this.ticketPath('replies'), { body: body.value }, this.ticket.version);
              body.value = '';
              if (posted.followUp) {
                await this.openTicket(posted.ticket.id);
                this.notice.textContent = fill(t.followUp, { key: posted.ticket.key });
              } else {
                this.addMessage(posted.message);
                await this.reloadTicket();
              }
              this.queuesChanged();
            });
          },
        },
        h('label', { for: 'compose-body', text: t.message }),
        body,
        h('div', { class: 'inline' }, reply, note),
      );
      note.addEventListener('click', () => {
        if (!body.reportValidity()) {
          return;
        }
        this.busy(note, async () => {
          const message = await this.call('POST', this.ticketPath('notes'), { body: body.value }, this.ticket.version);
          body.value = '';
          this.addMessage(message);
          await this.reloadTicket();
        });
      });
      return form;
    }

    macroForm() {
      const t = this.t;
      const select = h(
        'select',
        { id: 'macro', name: 'macro', required: true },
        options(this.macros.map((m) => [m.name, m.name]), null),
      );
      const send = h('button', { id: 'macro-apply', type: 'submit', text: t.applyMacro });
      return h(
        'form',
        {
          id: 'macro-form',
          class: 'inline',
          hidden: !this.macros.length,
          onsubmit: (event) => {
            event.preventDefault();
            this.busy(send, async () => {
              const posted = await this.call(
                'POST',
                this.ticketPath('macro'),
                { name: select.value },
                this.ticket.version,
              );
              this.addMessage(posted.message);
              await this.reloadTicket();
              this.queuesChanged();
            });
          },
        },
        h('div', {}, h('label', { for: 'macro', text: t.macro }), select),
        send,
      );
    }

    /** Copies a person on the shown ticket: they get its public replies by mail. */
    ccForm() {
      const t = this.t;
      const email = h('input', { id: 'cc-email', name: 'email', type: 'email', required: true });
      const name = h('input', { id: 'cc-name', name: 'name', type: 'text' });
      const send = h('button', { id: 'cc-add', type: 'submit', text: t.addCc });
      return h(
        'form',
        {
          id: 'cc-form',
          class: 'inline',
          onsubmit: (event) => {
            event.preventDefault();
            this.busy(send, async () => {
              const ticket = await this.call(
                'POST',
                this.ticketPath('ccs'),
                { email: email.value, name: name.value || null },
                this.ticket.version,
              );
              email.value = '';
              name.value = '';
              this.showFacts(ticket);
            });
          },
        },
        h('div', {}, h('label', { for: 'cc-email', text: t.ccEmail }), email),
        h('div', {}, h('label', { for: 'cc-name', text: t.ccName }), name),
        send,
      );
    }

    /** The people copied on the ticket, each with a button that removes them. */
    showCcs(ccs) {
      const t = this.t;
      this.ccList.replaceChildren(
        ...ccs.map((cc) => {
          const remove = h('button', {
            type: 'button',
            class: 'secondary',
            'data-remove-cc': cc.email,
            text: fill(t.removeCc, { email: cc.email }),
          });
          remove.addEventListener('click', () =>
            this.busy(remove, async () => {
              const ticket = await this.call(
                'DELETE',
                this.ticketPath('ccs?email=') +
                  encodeURIComponent(cc.email),
                undefined,
                this.ticket.version,
              );
              this.showFacts(ticket);
            }),
          );
          return h(
            'li',
            { 'data-cc': cc.email },
            h('span', { class: 'cc', text: cc.name ? cc.name + ' <' + cc.email + '>' : cc.email }),
            ' ',
            remove,
          );
        }),
      );
      if (!ccs.length) {
        this.ccList.append(h('li', { class: 'muted', text: t.noCcs }));
      }
    }

    statusForm() {
      const t = this.t;
      const select = h(
        'select',
        { id: 'status-select', name: 'status' },
        options(STATUSES.map((s) => [s, t.statuses[s]]), null),
      );
      this.statusSelect = select;
      const send = h('button', { id: 'status-apply', type: 'submit', text: t.setStatus });
      return h(
        'form',
        {
          id: 'status-form',
          class: 'inline',
          onsubmit: (event) => {
            event.preventDefault();
            this.busy(send, async () => {
              const ticket = await this.call(
                'PUT',
                this.ticketPath('status'),
                { status: select.value },
                this.ticket.version,
              );
              this.showFacts(ticket);
              await this.loadSla();
              this.queuesChanged();
            });
          },
        },
        h('div', {}, h('label', { for: 'status-select', text: t.newStatus }), select),
        send,
      );
    }

    takeButton() {
      const take = h('button', { id: 'take', type: 'button', class: 'secondary', text: this.t.take });
      take.addEventListener('click', () =>
        this.busy(take, async () => {
          const ticket = await this.call(
            'PUT',
            this.ticketPath('assignee'),
            { agentId: this.me.id },
            this.ticket.version,
          );
          this.showFacts(ticket);
          this.queuesChanged();
        }),
      );
      this.take = take;
      return take;
    }

    /** Shows a ticket's details as they are now: its facts and every message not shown yet. */
    apply(details) {
      this.showFacts(details.ticket);
      for (const message of details.conversation) {
        this.addMessage(message);
      }
    }

    showFacts(ticket) {
      const t = this.t;
      this.ticket = ticket;
      this.heading.textContent = ticket.key + ' \u00b7 ' + ticket.subject;
      const rows = [
        ['status', t.status, t.statuses[ticket.status] || ticket.status],
        ['priority', t.priority, t.priorities[ticket.priority] || ticket.priority],
        [
          'assignee',
          t.assignee,
          !ticket.assignee ? t.nobody : ticket.assignee === this.me.id ? t.you : ticket.assignee,
        ],
        ['requester', t.requester, ticket.requester.name + ' <' + ticket.requester.email + '>'],
        ['booking', t.booking, ticket.bookingReference],
        ['created', t.created, this.dates.format(new Date(ticket.createdAt))],
      ];
      // Declared fields have their own form below; the rest is the context the booking page sent.
      const declared = new Set(this.declaredFields.map((f) => f.key));
      const context = Object.entries(ticket.fields || {}).filter(
        ([k]) => k !== 'booking_reference' && !declared.has(k),
      );
      if (context.length) {
        rows.push(['context', t.context, context.map(([k, v]) => k + ': ' + v).join(', ')]);
      }
      this.facts.replaceChildren(
        ...rows
          .filter((row) => row[2])
          .flatMap(([name, label, value]) => [
            h('dt', { text: label }),
            h('dd', { id: 'ticket-' + name, text: value }),
          ]),
      );
      this.facts.querySelector('#ticket-status').setAttribute('data-status', ticket.status);
      // A live update does not undo a status the agent is choosing.
      if (this.shadowRoot.activeElement !== this.statusSelect) {
        this.statusSelect.value = ticket.status;
      }
      this.take.hidden = ticket.assignee === this.me.id;
      this.showTags(ticket);
      this.showFields(ticket);
      this.showCcs(ticket.ccs || []);
      this.markCurrent();
    }

    ticketPath(what) {
      return '/tickets/' + encodeURIComponent(this.ticket.id) + '/' + what;
    }

    /** The ticket's tags, each with a remove button, and a form that adds one or several. */
    tagsPanel() {
      const t = this.t;
      this.tagList = h('ul', { id: 'tags', class: 'tags', 'aria-labelledby': 'tags-title' });
      const input = h('input', {
        id: 'tag-new',
        name: 'tag',
        type: 'text',
        required: true,
        maxlength: '200',
        autocomplete: 'off',
      });
      const add = h('button', { id: 'tag-add', type: 'submit', class: 'secondary', text: t.addTag });
      const form = h(
        'form',
        {
          id: 'tag-form',
          class: 'inline',
          onsubmit: (event) => {
            event.preventDefault();
            // Several tags at once, as agents type them: "refund, vip" or "refund vip".
            const tags = input.value.split(/[\s,]+/).filter(Boolean);
            this.busy(add, async () => {
              const ticket = await this.call('POST', this.ticketPath('tags'), { tags }, this.ticket.version);
              input.value = '';
              this.showFacts(ticket);
            });
          },
        },
        h('div', {}, h('label', { for: 'tag-new', text: t.newTag }), input),
        add,
      );
      return h('div', {}, this.tagList, form);
    }

    showTags(ticket) {
      const t = this.t;
      const tags = ticket.tags || [];
      this.tagList.replaceChildren(
        ...tags.map((tag) => {
          const remove = h('button', {
            type: 'button',
            class: 'secondary',
            'data-remove-tag': tag,
            'aria-label': fill(t.removeTag, { tag }),
            title: fill(t.removeTag, { tag }),
            text: '\u00d7',
          });
          remove.addEventListener('click', () =>
            this.busy(remove, async () => {
              const changed = await this.call(
                'DELETE',
                this.ticketPath('tags/' + encodeURIComponent(tag)),
                undefined,
                this.ticket.version,
              );
              this.showFacts(changed);
            }),
          );
          return h('li', { 'data-tag': tag }, h('span', { text: tag }), remove);
        }),
      );
      if (!tags.length) {
        this.tagList.append(h('li', { class: 'muted', text: t.noTags }));
      }
    }

    /** A form over the fields the desk declares, each input as its type wants; none, no form. */
    fieldsPanel() {
      const t = this.t;
      this.fieldInputs = new Map();
      if (!this.declaredFields.length) {
        this.fieldsForm = null;
        return null;
      }
      const rows = this.declaredFields.map((f) => {
        const id = 'field-' + f.key;
        let input;
        if (f.type === 'CHOICE') {
          input = h(
            'select',
            { id, name: f.key, required: f.required },
            h('option', { value: '', text: t.noValue }),
            options(f.choices.map((c) => [c, c]), null),
          );
        } else {
          input = h('input', {
            id,
            name: f.key,
            type: f.type === 'DATE' ? 'date' : 'text',
            inputmode: f.type === 'NUMBER' ? 'decimal' : undefined,
            maxlength: String(f.maxLength),
            required: f.required,
            autocomplete: 'off',
          });
        }
        input.setAttribute('data-type', f.type);
        this.fieldInputs.set(f.key, input);
        return h('div', {}, h('label', { for: id, text: f.label }), input);
      });
      const save = h('button', { id: 'fields-save', type: 'submit', class: 'secondary', text: t.saveFields });
      this.fieldsForm = h(
        'form',
        {
          id: 'fields-form',
          onsubmit: (event) => {
            event.preventDefault();
            this.busy(save, () => this.saveFields());
          },
        },
        h('h4', { id: 'fields-title', text: t.fields }),
        h('div', { class: 'fields' }, ...rows),
        save,
      );
      return this.fieldsForm;
    }

    /** Sets what was changed in one PATCH, then removes what was emptied, one DELETE each. */
    async saveFields() {
      const current = this.ticket.fields || {};
      const set = {};
      const removed = [];
      for (const [key, input] of this.fieldInputs) {
        const value = input.value.trim();
        if (value && value !== current[key]) {
          set[key] = value;
        } else if (!value && current[key] !== undefined) {
          removed.push(key);
        }
      }
      let ticket = this.ticket;
      if (Object.keys(set).length) {
        ticket = await this.call('PATCH', this.ticketPath('fields'), { fields: set }, ticket.version);
        this.showFacts(ticket);
      }
      for (const key of removed) {
        ticket = await this.call(
          'DELETE', this.ticketPath('fields/' + encodeURIComponent(key)), undefined, ticket.version);
        this.showFacts(ticket);
      }
    }

    showFields(ticket) {
      // A live update does not overwrite what the agent is typing.
      if (!this.fieldsForm || this.fieldsForm.contains(this.shadowRoot.activeElement)) {
        return;
      }
      const values = ticket.fields || {};
      for (const [key, input] of this.fieldInputs) {
        input.value = values[key] || '';
      }
    }

    async loadSla() {
      const t = this.t;
      const id = this.ticket.id;
      const timers = await this.call('GET', '/tickets/' + encodeURIComponent(id) + '/sla');
      if (this.ticket.id !== id) {
        return;
      }
      this.slaList.replaceChildren(
        ...timers.map((timer) => {
          const parts = [
            (t.targets[timer.target] || timer.target) + ': ' +
              (t.timerStates[timer.state] || timer.state),
            fill(t.due, { at: this.dates.format(new Date(timer.dueAt)) }),
          ];
          if (timer.state === 'RUNNING' || timer.state === 'PAUSED') {
            parts.push(
              timer.remainingSeconds >= 0
                ? fill(t.remaining, { time: span(timer.remainingSeconds) })
                : fill(t.overdue, { time: span(timer.remainingSeconds) }),
            );
          }
          return h('li', { 'data-target': timer.target, 'data-state': timer.state, text: parts.join(', ') });
        }),
      );
      if (!timers.length) {
        this.slaList.append(h('li', { class: 'muted', text: t.noSla }));
      }
    }

    /** Reads the shown ticket again; what arrives after another ticket was opened is dropped. */
    async reloadTicket() {
      if (!this.ticket) {
        return;
      }
      const id = this.ticket.id;
      const details = await this.call('GET', '/tickets/' + encodeURIComponent(id));
      if (this.ticket && this.ticket.id === id) {
        this.apply(details);
        await this.loadSla();
      }
    }

    /** Reads the ticket again a moment after a burst of live updates, once. */
    ticketChanged() {
      clearTimeout(this.timers.ticket);
      this.timers.ticket = setTimeout(() => this.reloadTicket().catch((e) => this.fail(e)), 250);
    }

    addMessage(message) {
      if (this.messageIds.has(message.id)) {
        return;
      }
      this.messageIds.add(message.id);
      const t = this.t;
      const kind = message.author.kind;
      const internal = message.visibility === 'INTERNAL';
      const who =
        kind === 'customer'
          ? t.customer
          : kind === 'agent'
            ? message.author.id === this.me.id
              ? t.you
              : fill(t.agent, { id: message.author.id })
            : t.system;
      this.conversation.append(
        h(
          'li',
          {
            class: 'message ' + kind + (internal ? ' internal' : ''),
            'data-message': message.id,
            'data-visibility': message.visibility,
          },
          h(
            'p',
            { class: 'meta' },
            internal ? h('span', { class: 'marker', text: t.internal }) : null,
            h('span', { text: who }),
            ' \u00b7 ',
            h('time', { datetime: message.at, text: this.dates.format(new Date(message.at)) }),
          ),
          h('span', { class: 'body', text: message.body }),
          message.attachments.length
            ? h(
                'ul',
                { class: 'files' },
                message.attachments.map((a) =>
                  h('li', {}, h('a', { href: a.href, download: a.name, text: a.name })),
                ),
              )
            : null,
        ),
      );
    }

    openTicketStream(id) {
      let connected = false;
      const stream = new EventSource(this.api + '/tickets/' + encodeURIComponent(id) + '/stream', {
        withCredentials: true,
      });
      this.ticketStream = stream;
      // The server's own "open" event (a MessageEvent) says the stream is live; after a reconnect
      // the ticket is read again, for what happened while the stream was down.
      stream.addEventListener('open', (event) => {
        if (!(event instanceof MessageEvent)) {
          return;
        }
        this.ticketLive.textContent = '\u25cf ' + this.t.live;
        this.ticketLive.setAttribute('data-live', 'true');
        if (connected) {
          this.ticketChanged();
        }
        connected = true;
      });
      stream.addEventListener('message', (event) => {
        const update = JSON.parse(event.data);
        if (update.message) {
          this.addMessage(update.message);
        }
        this.ticketChanged();
      });
      for (const type of ['status', 'assignee', 'overflow']) {
        stream.addEventListener(type, () => this.ticketChanged());
      }
      stream.addEventListener('error', () => {
        this.ticketLive.textContent = this.t.reconnecting;
        this.ticketLive.setAttribute('data-live', 'false');
        if (stream.readyState === EventSource.CLOSED && this.ticketStream === stream) {
          setTimeout(() => {
            if (this.ticketStream === stream && this.isConnected) {
              this.openTicketStream(id);
            }
          }, 15000);
        }
      });
    }

    closeTicketStream() {
      if (this.ticketStream) {
        this.ticketStream.close();
        this.ticketStream = null;
      }
    }
  }

  if (!customElements.get('helpdesk-console')) {
    customElements.define('helpdesk-console', HelpdeskConsole);
  }
})();
