/*
 * The desk's customer widget, served by helpdesk-web at <base-path>/assets/helpdesk-widget.js.
 *
 *   <script src="/helpdesk/assets/helpdesk-widget.js" defer></script>
 *   <helpdesk-widget booking-reference="BK-4711" booking-context='{"flight": "LH 123"}'
 *                    lang="de"></helpdesk-widget>
 *
 * It talks to <base-path>/api on the page's own origin with the page's login session, and sends the
 * CSRF token the module keeps in the XSRF-TOKEN cookie back as the X-XSRF-TOKEN header. Plain
 * JavaScript, no build step; every text from the desk is put in as text, never as markup.
 * docs/web.md ("The customer widget") describes the attributes and the theming properties.
 */
(() => {
  'use strict';
  // Plain ASCII (other letters as \u escapes): it reads right whatever charset the host page has.

  // The API lives beside the folder this script was loaded from: <base-path>/assets/ -> <base-path>.
  const script = document.currentScript;
  const SCRIPT_BASE =
    script && script.src ? new URL('..', script.src).href.replace(/\/$/, '') : '/helpdesk';

  const TEXTS = {
    en: {
      title: 'Help with your booking',
      booking: 'Booking',
      loading: 'Loading\u2026',
      signIn: 'Please sign in to contact us about your booking.',
      notCustomer: 'Queries are raised here by customers; you are signed in as staff.',
      subject: 'Subject',
      description: 'Your message',
      raise: 'Send query',
      sending: 'Sending\u2026',
      received: 'We have received your query',
      key: 'Your reference',
      promised: 'We will answer by',
      noPromise: 'We will answer as soon as we can.',
      suggestions: 'These articles may already answer your question',
      acceptAnswer: 'This solved my problem',
      acceptLabel: 'This solved my problem: {title}',
      status: 'Status',
      statuses: {
        NEW: 'Received',
        OPEN: 'In progress',
        PENDING: 'Waiting for your answer',
        ON_HOLD: 'On hold',
        SOLVED: 'Solved',
        CLOSED: 'Closed',
      },
      live: 'Live',
      reconnecting: 'Reconnecting\u2026',
      conversation: 'Conversation',
      you: 'You',
      support: 'Support',
      system: 'Help desk',
      reply: 'Your reply',
      files: 'Attach files (optional)',
      sendReply: 'Send reply',
      rateLegend: 'How did we do?',
      good: 'Good',
      bad: 'Bad',
      comment: 'Comment (optional)',
      rate: 'Send rating',
      rated: 'Thank you for your rating.',
      newQuery: 'Raise another query',
      followUp: 'Your reply opened a new query: {key}.',
      error: 'Something went wrong. Please try again.',
      invalid: 'Please check this field: {field}.',
      rateLimited: 'You have raised many queries recently. Please try again later.',
      tooLarge: 'The files are too large to send.',
      stale: 'The query changed meanwhile; it has been reloaded. Please try again.',
    },
    de: {
      title: 'Hilfe zu Ihrer Buchung',
      booking: 'Buchung',
      loading: 'Wird geladen\u2026',
      signIn: 'Bitte melden Sie sich an, um uns zu Ihrer Buchung zu schreiben.',
      notCustomer: 'Hier stellen Kundinnen und Kunden Anfragen; Sie sind als Personal angemeldet.',
      subject: 'Betreff',
      description: 'Ihre Nachricht',
      raise: 'Anfrage senden',
      sending: 'Wird gesendet\u2026',
      received: 'Wir haben Ihre Anfrage erhalten',
      key: 'Ihre Vorgangsnummer',
      promised: 'Wir antworten bis',
      noPromise: 'Wir antworten so bald wie m\u00f6glich.',
      suggestions: 'Diese Artikel beantworten Ihre Frage vielleicht schon',
      acceptAnswer: 'Das hat mein Problem gel\u00f6st',
      acceptLabel: 'Das hat mein Problem gel\u00f6st: {title}',
      status: 'Status',
      statuses: {
        NEW: 'Eingegangen',
        OPEN: 'In Bearbeitung',
        PENDING: 'Wartet auf Ihre Antwort',
        ON_HOLD: 'Zur\u00fcckgestellt',
        SOLVED: 'Gel\u00f6st',
        CLOSED: 'Geschlossen',
      },
      live: 'Live',
      reconnecting: 'Verbindung wird wiederhergestellt\u2026',
      conversation: 'Verlauf',
      you: 'Sie',
      support: 'Kundenservice',
      system: 'Helpdesk',
      reply: 'Ihre Antwort',
      files: 'Dateien anh\u00e4ngen (optional)',
      sendReply: 'Antwort senden',
      rateLegend: 'Wie zufrieden sind Sie?',
      good: 'Gut',
      bad: 'Schlecht',
      comment: 'Kommentar (optional)',
      rate: 'Bewertung senden',
      rated: 'Vielen Dank f\u00fcr Ihre Bewertung.',
      newQuery: 'Neue Anfrage stellen',
      followUp: 'Ihre Antwort hat eine neue Anfrage er\u00f6ffnet: {key}.',
      error: 'Etwas ist schiefgegangen. Bitte versuchen Sie es noch einmal.',
      invalid: 'Bitte pr\u00fcfen Sie dieses Feld: {field}.',
      rateLimited: 'Sie haben zuletzt viele Anfragen gestellt. Bitte versuchen Sie es sp\u00e4ter.',
      tooLarge: 'Die Dateien sind zu gro\u00df zum Senden.',
      stale:
        'Die Anfrage hat sich inzwischen ge\u00e4ndert und wurde neu geladen. Bitte versuchen Sie es noch einmal.',
    },
  };

  const STYLE = `
    :host {
      display: block;
      font-family: var(--helpdesk-font, inherit);
      color: var(--helpdesk-text, #1f2328);
    }
    [hidden] { display: none !important; }
    .panel {
      background: var(--helpdesk-background, #ffffff);
      border: 1px solid var(--helpdesk-border, #8c959f);
      border-radius: var(--helpdesk-radius, 8px);
      padding: 1rem 1.25rem;
      max-width: 40rem;
    }
    h2 { font-size: 1.25rem; margin: 0 0 .25rem; }
    h3 { font-size: 1.05rem; margin: 1rem 0 .5rem; }
    h2:focus, h3:focus { outline: none; }
    .booking, .meta { color: var(--helpdesk-muted, #57606a); font-size: .9rem; margin: 0 0 .75rem; }
    label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
    input[type=text], textarea {
      box-sizing: border-box;
      width: 100%;
      font: inherit;
      color: inherit;
      background: var(--helpdesk-background, #ffffff);
      border: 1px solid var(--helpdesk-border, #8c959f);
      border-radius: calc(var(--helpdesk-radius, 8px) / 2);
      padding: .5rem;
    }
    textarea { min-height: 5rem; resize: vertical; }
    button {
      font: inherit;
      margin-top: .75rem;
      padding: .5rem 1rem;
      border: 1px solid var(--helpdesk-accent, #1a56db);
      border-radius: calc(var(--helpdesk-radius, 8px) / 2);
      background: var(--helpdesk-accent, #1a56db);
      color: var(--helpdesk-accent-text, #ffffff);
      cursor: pointer;
    }
    button[type=submit] { display: block; }
    button.secondary {
      background: transparent;
      color: var(--helpdesk-accent, #1a56db);
    }
    button:disabled { opacity: .6; cursor: progress; }
    :focus-visible { outline: 3px solid var(--helpdesk-focus, #bf4b00); outline-offset: 2px; }
    .error {
      color: var(--helpdesk-error, #b3261e);
      font-weight: 600;
    }
    .error:empty, .notice:empty { display: none; }
    .notice { font-weight: 600; }
    .ack {
      border-left: 4px solid var(--helpdesk-accent, #1a56db);
      padding: .25rem 0 .25rem .75rem;
      margin: .5rem 0 1rem;
    }
    .ack p { margin: .25rem 0; }
    .key { font-weight: 700; }
    .suggestions { list-style: none; padding: 0; margin: 0; }
    .suggestions li { margin: 0 0 .75rem; }
    .suggestions p { margin: .25rem 0 0; }
    .suggestions button { margin-top: .25rem; }
    .live { font-size: .85rem; color: var(--helpdesk-muted, #57606a); margin-left: 1rem; }
    .conversation { list-style: none; padding: 0; margin: 0; }
    .message {
      border-radius: var(--helpdesk-radius, 8px);
      padding: .5rem .75rem;
      margin: 0 0 .5rem;
      white-space: pre-wrap;
    }
    .message.customer { background: var(--helpdesk-customer-bubble, #e8f0fe); margin-left: 2rem; }
    .message.agent, .message.system {
      background: var(--helpdesk-agent-bubble, #f0f2f4);
      margin-right: 2rem;
    }
    .message .meta { margin: 0 0 .25rem; font-size: .8rem; white-space: normal; }
    .message a { color: var(--helpdesk-link, #0b4dbf); }
    fieldset { border: 0; padding: 0; margin: .75rem 0 0; }
    legend { font-weight: 600; padding: 0; }
    fieldset label { display: inline-flex; gap: .35rem; align-items: center; font-weight: 400; margin-right: 1rem; }
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

  class HelpdeskWidget extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      this.ticket = null;
      this.messageIds = new Set();
      this.rated = false;
      this.stream = null;
    }

    connectedCallback() {
      const tag = (this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang') ||
        document.documentElement.lang || navigator.language || 'en').toLowerCase();
      this.language = tag.startsWith('de') ? 'de' : 'en';
      this.t = TEXTS[this.language];
      this.api = SCRIPT_BASE + '/api';
      this.booking = this.getAttribute('booking-reference') || null;
      this.context = this.parseContext(this.getAttribute('booking-context'));
      this.dates = dateFormat(tag.startsWith(this.language) ? tag : this.language);

      this.error = h('p', { id: 'error', class: 'error', role: 'alert' });
      this.notice = h('p', { id: 'notice', class: 'notice', role: 'status' });
      this.body = h('div', { id: 'body' }, h('p', { text: this.t.loading }));
      this.shadowRoot.replaceChildren(
        h('style', { text: STYLE }),
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'title' },
          h('h2', { id: 'title', text: this.t.title }),
          this.booking ? h('p', { class: 'booking', text: this.t.booking + ' ' + this.booking }) : null,
          this.error,
          this.notice,
          this.body,
        ),
      );
      this.start().catch((e) => this.fail(e));
    }

    disconnectedCallback() {
      this.closeStream();
    }

    parseContext(json) {
      if (!json) {
        return null;
      }
      try {
        const parsed = JSON.parse(json);
        const out = {};
        for (const [k, v] of Object.entries(parsed)) {
          out[k] = String(v);
        }
        return out;
      } catch (e) {
        console.warn('helpdesk-widget: booking-context is not a JSON object', e);
        return null;
      }
    }

    async call(method, path, body) {
      const headers = { Accept: 'application/json' };
      if (method !== 'GET') {
        const token = csrfToken();
        if (token) {
          headers['X-XSRF-TOKEN'] = token;
        }
      }
      let payload;
      if (body instanceof FormData) {
        payload = body;
      } else if (body !== undefined) {
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

    /** Who is signed in; then the open query about this booking, or the form to raise one. */
    async start() {
      let me;
      try {
        me = await this.call('GET', '/me');
      } catch (e) {
        if (e instanceof Problem && e.status === 401) {
          this.show(h('p', { id: 'sign-in', text: this.t.signIn }));
          return;
        }
        throw e;
      }
      if (me.kind !== 'customer') {
        this.show(h('p', { id: 'not-customer', text: this.t.notCustomer }));
        return;
      }
      if (this.booking) {
        const mine = await this.call('GET', '/tickets');
        const current = mine.find(
          (t) => t.bookingReference === this.booking && t.status !== 'CLOSED',
        );
        if (current) {
          await this.showTicket(current.id, null);
          return;
        }
      }
      this.showRaiseForm();
    }

    show(...nodes) {
      this.body.replaceChildren(...nodes);
    }

    /** Says a refusal in the alert region; an empty message clears it and the last notice. */
    say(message) {
      this.error.textContent = message;
      if (!message) {
        this.notice.textContent = '';
      }
    }

    fail(e) {
      console.error('helpdesk-widget', e);
      const t = this.t;
      if (!(e instanceof Problem)) {
        this.say(t.error);
      } else if (e.code === 'rate-limited') {
        this.say(t.rateLimited);
      } else if (e.code === 'payload-too-large') {
        this.say(t.tooLarge);
      } else if (e.code === 'validation' && e.field) {
        this.say(fill(t.invalid, { field: e.field }));
      } else if (e.status === 401) {
        this.say(t.signIn);
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
          await this.refresh();
          this.say(this.t.stale);
        } else {
          this.fail(e);
        }
      } finally {
        button.disabled = false;
      }
    }

    // ------------------------------------------------------------------ raising a query

    showRaiseForm() {
      const t = this.t;
      this.closeStream();
      this.ticket = null;
      const subject = h('input', {
        id: 'subject',
        name: 'subject',
        type: 'text',
        required: true,
        maxlength: 200,
        autocomplete: 'off',
      });
      const description = h('textarea', { id: 'description', name: 'description', required: true });
      const send = h('button', { id: 'raise', type: 'submit', text: t.raise });
      const form = h(
        'form',
        {
          id: 'raise-form',
          onsubmit: (event) => {
            event.preventDefault();
            this.busy(send, async () => {
              const ack = await this.call('POST', '/tickets', {
                subject: subject.value,
                description: description.value,
                bookingReference: this.booking,
                context: this.context,
                locale: this.language,
              });
              await this.showTicket(ack.ticket.id, ack);
            });
          },
        },
        h('label', { for: 'subject', text: t.subject }),
        subject,
        h('label', { for: 'description', text: t.description }),
        description,
        send,
      );
      this.show(form);
    }

    // ------------------------------------------------------------------ one query

    /** Shows a ticket: what was promised, the suggestions, the conversation live, reply, rating. */
    async showTicket(id, ack) {
      const t = this.t;
      this.closeStream();
      this.messageIds = new Set();
      const details = await this.call('GET', '/tickets/' + encodeURIComponent(id));
      const suggestions = ack
        ? ack.suggestedAnswers
        : await this.call('GET', '/tickets/' + encodeURIComponent(id) + '/suggested-answers');
      const due = ack ? ack.firstReplyDue : details.firstReplyDue;

      this.statusText = h('span', { id: 'status', 'data-status': '' });
      this.liveText = h('span', { id: 'live', class: 'live' });
      // A log region: screen readers announce each message as it is added, from either side.
      this.conversation = h('ol', { class: 'conversation' });
      const log = h(
        'div',
        { id: 'conversation', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'conversation-title' },
        this.conversation,
      );
      this.rating = h('div', { id: 'rating' });

      const heading = h('h3', { id: 'ack-title', tabindex: '-1', text: t.received });
      this.show(
        h(
          'div',
          { class: 'ack', id: 'ack' },
          heading,
          h('p', {}, t.key + ': ', h('span', { id: 'ack-key', class: 'key', text: details.ticket.key })),
          due
            ? h(
                'p',
                { id: 'ack-due' },
                t.promised + ' ',
                h('time', { datetime: due, text: this.dates.format(new Date(due)) }),
              )
            : h('p', { id: 'ack-due', text: t.noPromise }),
          h('p', { class: 'state' }, t.status + ': ', this.statusText, this.liveText),
        ),
        suggestions.length ? this.suggestionList(id, suggestions) : null,
        h('h3', { id: 'conversation-title', text: t.conversation }),
        log,
        this.replyForm(),
        this.rating,
      );
      this.apply(details);
      this.openStream(id);
      if (ack) {
        heading.focus();
      }
    }

    suggestionList(id, suggestions) {
      const t = this.t;
      return h(
        'section',
        { 'aria-labelledby': 'suggestions-title' },
        h('h3', { id: 'suggestions-title', text: t.suggestions }),
        h(
          'ul',
          { id: 'suggestions', class: 'suggestions' },
          suggestions.map((s) => {
            const accept = h('button', {
              type: 'button',
              class: 'secondary',
              'data-article': s.articleId,
              'aria-label': fill(t.acceptLabel, { title: s.title }),
              text: t.acceptAnswer,
            });
            accept.addEventListener('click', () =>
              this.busy(accept, async () => {
                await this.call(
                  'POST',
                  '/tickets/' + encodeURIComponent(id) + '/suggested-answers/' +
                    encodeURIComponent(s.articleId) + '/accept',
                );
                await this.refresh();
              }),
            );
            return h(
              'li',
              { 'data-article': s.articleId },
              h('strong', { text: s.title }),
              h('p', { text: s.excerpt }),
              accept,
            );
          }),
        ),
      );
    }

    replyForm() {
      const t = this.t;
      const body = h('textarea', { id: 'reply', name: 'body', required: true });
      const files = h('input', { id: 'reply-files', name: 'files', type: 'file', multiple: true });
      const send = h('button', { id: 'reply-send', type: 'submit', text: t.sendReply });
      return h(
        'form',
        {
          id: 'reply-form',
          onsubmit: (event) => {
            event.preventDefault();
            this.busy(send, async () => {
              let request;
              if (files.files.length) {
                request = new FormData();
                request.append('body', body.value);
                for (const file of files.files) {
                  request.append('files', file, file.name);
                }
              } else {
                request = { body: body.value };
              }
              const posted = await this.call(
                'POST',
                '/tickets/' + encodeURIComponent(this.ticket.id) + '/replies',
                request,
              );
              body.value = '';
              files.value = '';
              if (posted.followUp) {
                await this.showTicket(posted.ticket.id, null);
                this.notice.textContent = fill(t.followUp, { key: posted.ticket.key });
                return;
              }
              this.addMessage(posted.message);
              this.setStatus(posted.ticket.status);
            });
          },
        },
        h('label', { for: 'reply', text: t.reply }),
        body,
        h('label', { for: 'reply-files', text: t.files }),
        files,
        send,
      );
    }

    /** Shows a ticket's details as they are now: status, conversation, whether it was rated. */
    apply(details) {
      this.ticket = details.ticket;
      this.rated = details.history.some((e) => e.type === 'rated');
      for (const message of details.conversation) {
        this.addMessage(message);
      }
      this.setStatus(details.ticket.status);
    }

    async refresh() {
      if (this.ticket) {
        this.apply(await this.call('GET', '/tickets/' + encodeURIComponent(this.ticket.id)));
      }
    }

    addMessage(message) {
      if (this.messageIds.has(message.id) || message.visibility !== 'PUBLIC') {
        return;
      }
      this.messageIds.add(message.id);
      const t = this.t;
      const kind = message.author.kind;
      const who = kind === 'customer' ? t.you : kind === 'agent' ? t.support : t.system;
      this.conversation.append(
        h(
          'li',
          { class: 'message ' + kind, 'data-message': message.id },
          h(
            'p',
            { class: 'meta' },
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

    setStatus(status) {
      if (this.ticket) {
        this.ticket.status = status;
      }
      this.statusText.textContent = this.t.statuses[status] || status;
      this.statusText.setAttribute('data-status', status);
      // A solved or closed query needs no "this solved it" any more.
      const done = status === 'SOLVED' || status === 'CLOSED';
      for (const accept of this.shadowRoot.querySelectorAll('#suggestions button')) {
        accept.hidden = done;
      }
      this.showRating();
    }

    showRating() {
      const t = this.t;
      const status = this.ticket && this.ticket.status;
      if (this.rated) {
        if (!this.rating.querySelector('#rated')) {
          this.rating.replaceChildren(
            h('p', { id: 'rated', role: 'status', tabindex: '-1', text: t.rated }),
            h('button', {
              type: 'button',
              class: 'secondary',
              id: 'new-query',
              text: t.newQuery,
              onclick: () => this.showRaiseForm(),
            }),
          );
        }
        return;
      }
      if (status !== 'SOLVED') {
        this.rating.replaceChildren();
        return;
      }
      if (this.rating.querySelector('form')) {
        return;
      }
      const good = h('input', { id: 'rate-good', type: 'radio', name: 'rating', value: 'GOOD', required: true });
      const bad = h('input', { id: 'rate-bad', type: 'radio', name: 'rating', value: 'BAD' });
      const comment = h('textarea', { id: 'rating-comment', name: 'comment' });
      const send = h('button', { id: 'rating-send', type: 'submit', text: t.rate });
      this.rating.replaceChildren(
        h(
          'form',
          {
            id: 'rating-form',
            onsubmit: (event) => {
              event.preventDefault();
              this.busy(send, async () => {
                await this.call('POST', '/tickets/' + encodeURIComponent(this.ticket.id) + '/rating', {
                  rating: good.checked ? 'GOOD' : 'BAD',
                  comment: comment.value,
                });
                this.rated = true;
                this.showRating();
                this.rating.querySelector('#rated').focus();
              });
            },
          },
          h(
            'fieldset',
            {},
            h('legend', { text: t.rateLegend }),
            h('label', { for: 'rate-good' }, good, t.good),
            h('label', { for: 'rate-bad' }, bad, t.bad),
          ),
          h('label', { for: 'rating-comment', text: t.comment }),
          comment,
          send,
        ),
      );
    }

    // ------------------------------------------------------------------ live

    openStream(id) {
      let connected = false;
      const stream = new EventSource(this.api + '/tickets/' + encodeURIComponent(id) + '/stream', {
        withCredentials: true,
      });
      this.stream = stream;
      // The server's own "open" event (a MessageEvent) says the stream is live; after a reconnect
      // the ticket is read again, for what happened while the stream was down.
      stream.addEventListener('open', (event) => {
        if (!(event instanceof MessageEvent)) {
          return;
        }
        this.liveText.textContent = '\u25cf ' + this.t.live;
        this.liveText.setAttribute('data-live', 'true');
        if (connected) {
          this.refresh().catch((e) => this.fail(e));
        }
        connected = true;
      });
      stream.addEventListener('message', (event) => {
        const update = JSON.parse(event.data);
        if (update.message) {
          this.addMessage(update.message);
        }
      });
      stream.addEventListener('status', (event) => this.setStatus(JSON.parse(event.data).to));
      stream.addEventListener('overflow', () => this.refresh().catch((e) => this.fail(e)));
      stream.addEventListener('error', () => {
        this.liveText.textContent = this.t.reconnecting;
        this.liveText.setAttribute('data-live', 'false');
        if (stream.readyState === EventSource.CLOSED && this.stream === stream) {
          // Refused (a bound, or the session ended): the browser gives up; try again later.
          setTimeout(() => {
            if (this.stream === stream && this.isConnected) {
              this.openStream(id);
            }
          }, 15000);
        }
      });
    }

    closeStream() {
      if (this.stream) {
        this.stream.close();
        this.stream = null;
      }
    }
  }

  if (!customElements.get('helpdesk-widget')) {
    customElements.define('helpdesk-widget', HelpdeskWidget);
  }
})();
