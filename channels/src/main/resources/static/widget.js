/*!
 * Kotae chat widget. Embed with
 *   <script src="https://HOST/widget.js" data-kotae-site="SITE_KEY" async></script>
 * Optional: data-kotae-locale="ja|en" (default: the page's <html lang>, else the site's language)
 * and data-kotae-attributes='{"plan":"pro"}' (stored with the conversation).
 *
 * Plain JavaScript, no dependencies. The widget lives in an open Shadow DOM so that the host page's
 * CSS and ours never meet; its only global is window.Kotae (open / close). Text from users, agents
 * and the knowledge base is never parsed as HTML: answers' Markdown is turned into DOM nodes here.
 */
(function () {
  'use strict';

  if (window.Kotae && window.Kotae.loaded) {
    return;
  }

  var script = document.currentScript || document.querySelector('script[data-kotae-site]');
  if (!script) {
    return;
  }

  var SCRIPT_URL = new URL(script.src || location.href, location.href);
  var API = SCRIPT_URL.origin;
  var CSS_URL = new URL('widget/widget.css', SCRIPT_URL).href;
  var SITE = script.getAttribute('data-kotae-site') || '';
  var STORAGE_KEY = 'kotae:' + SITE;
  var MAX_TEXT = 2000;
  var TRANSCRIPT_PAGE = 500;
  var BACKOFF_MS = [1000, 2000, 5000, 10000, 30000];
  var SVG = 'http://www.w3.org/2000/svg';

  /** Last resort only: every UI string comes from GET /api/v1/widget/messages. */
  var FALLBACK = {
    'launcher.open': 'Chat', 'launcher.close': 'Close', 'panel.title': 'Chat', 'input.label': 'Message',
    'send': 'Send', 'error.send': 'Could not send. Please try again.'
  };

  var requestedLocale = localeOf(script.getAttribute('data-kotae-locale'))
    || localeOf(document.documentElement.getAttribute('lang'));
  var userAttributes = parseAttributes(script.getAttribute('data-kotae-attributes'));

  var state = {
    conversation: null, // {id, token, locale, npsEnabled}
    lastId: 0,
    open: false,
    strings: {},
    stringsLocale: null,
    starting: null, // the promise of a conversation being created
    startError: null, // why the last attempt to create one failed
    inflight: 0
  };

  var rendered = new Map(); // message id -> element
  var pending = new Map(); // clientMessageId -> element of a message not yet confirmed
  var retryIds = new Map(); // what a failed send asked for -> its clientMessageId, reused on retry
  var stream = { abort: null, timer: null, failures: 0, attempt: 0 };
  var unloading = false;

  // ---------------------------------------------------------------- small helpers

  function localeOf(value) {
    var v = (value || '').trim().toLowerCase();
    if (v === 'ja' || v.indexOf('ja-') === 0) {
      return 'ja';
    }
    if (v === 'en' || v.indexOf('en-') === 0) {
      return 'en';
    }
    return null;
  }

  function parseAttributes(json) {
    if (!json) {
      return {};
    }
    try {
      var parsed = JSON.parse(json);
      var clean = {};
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        Object.keys(parsed).forEach(function (key) {
          if (parsed[key] !== null && parsed[key] !== undefined) {
            clean[key] = String(parsed[key]);
          }
        });
      }
      return clean;
    } catch (e) {
      if (window.console) {
        console.warn('Kotae: data-kotae-attributes is not a JSON object; ignored');
      }
      return {};
    }
  }

  function t(key) {
    var value = state.strings[key];
    return (typeof value === 'string') ? value : (FALLBACK[key] || key);
  }

  function format(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{(\d+)\}/g, function (all, n) {
      return (args[n] !== undefined) ? String(args[n]) : all;
    });
  }

  /** createElement with attributes and children; strings become text nodes, never HTML. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) {
          return;
        }
        if (key === 'text') {
          node.textContent = value;
        } else if (key.indexOf('on') === 0) {
          node.addEventListener(key.slice(2), value);
        } else {
          node.setAttribute(key, (value === true) ? '' : String(value));
        }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      if (arguments[i] !== null && arguments[i] !== undefined) {
        node.append(arguments[i]);
      }
    }
    return node;
  }

  function srOnly(text) {
    return el('span', { 'class': 'kotae-sr-only', text: text });
  }

  function icon(paths, size) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', size || 24);
    svg.setAttribute('height', size || 24);
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    paths.forEach(function (d) {
      var path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', d);
      svg.appendChild(path);
    });
    return svg;
  }

  var CHAT_ICON = ['M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z'];
  var CLOSE_ICON = ['M6 6l12 12M18 6L6 18'];
  var THUMB_UP = ['M7 10v11H3V10h4zm2 11h8.2a2 2 0 0 0 2-1.6l1.3-7A2 2 0 0 0 18.5 10H14l.8-4.1a1.6 1.6 0 0 0-2.9-1.2L9 9.5V21z'];
  var THUMB_DOWN = ['M17 14V3h4v11h-4zm-2-11H6.8a2 2 0 0 0-2 1.6l-1.3 7A2 2 0 0 0 5.5 14H10l-.8 4.1a1.6 1.6 0 0 0 2.9 1.2l2.9-4.8V3z'];

  function uuid() {
    if (window.crypto && typeof crypto.randomUUID === 'function') {
      return crypto.randomUUID();
    }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) {
      return (x + 0x100).toString(16).slice(1);
    }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // ---------------------------------------------------------------- storage (per site, per tab)

  function save() {
    try {
      if (!state.conversation) {
        sessionStorage.removeItem(STORAGE_KEY);
        return;
      }
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({
        id: state.conversation.id,
        token: state.conversation.token,
        locale: state.conversation.locale,
        npsEnabled: state.conversation.npsEnabled,
        lastId: state.lastId,
        open: state.open
      }));
    } catch (e) {
      // storage can be unavailable (privacy modes, sandboxed frames): the chat still works
    }
  }

  function loadSaved() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      return (saved && typeof saved.id === 'string' && typeof saved.token === 'string') ? saved : null;
    } catch (e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- HTTP

  function ApiError(status, retryAfter, problem) {
    this.status = status;
    this.retryAfter = retryAfter;
    this.problem = problem;
  }

  function conversationPath(suffix) {
    return '/api/v1/conversations/' + encodeURIComponent(state.conversation.id) + (suffix || '');
  }

  /** fetch() against the API; resolves with the parsed JSON body (or null), rejects with ApiError. */
  function api(method, path, body, withToken) {
    var headers = { 'Accept': 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (withToken !== false && state.conversation) {
      headers.Authorization = 'Bearer ' + state.conversation.token;
    }
    return fetch(API + path, {
      method: method,
      headers: headers,
      body: (body !== undefined) ? JSON.stringify(body) : undefined,
      credentials: 'omit',
      cache: 'no-store'
    }).then(function (response) {
      if (response.status === 204) {
        return null;
      }
      return response.text().then(function (text) {
        var json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch (e) {
          json = null;
        }
        if (!response.ok) {
          var retryAfter = parseInt(response.headers.get('Retry-After'), 10);
          if (isNaN(retryAfter) && json && typeof json.retryAfterSeconds === 'number') {
            retryAfter = json.retryAfterSeconds;
          }
          throw new ApiError(response.status, isNaN(retryAfter) ? null : retryAfter, json);
        }
        return json;
      });
    }, function () {
      throw new ApiError(0, null, null);
    });
  }

  function errorText(error, text) {
    if (error && error.status === 429) {
      return format(t('error.rate_limited'), (error.retryAfter !== null && error.retryAfter !== undefined) ? error.retryAfter : 60);
    }
    if (error && error.status === 400 && typeof text === 'string' && text.length > MAX_TEXT) {
      return t('error.too_long');
    }
    return t('error.send');
  }

  function isGone(error) {
    return error && (error.status === 401 || error.status === 403 || error.status === 404);
  }

  function loadStrings(locale) {
    if (state.stringsLocale && state.stringsLocale === locale) {
      return Promise.resolve();
    }
    return api('GET', '/api/v1/widget/messages' + (locale ? '?locale=' + locale : ''), undefined, false)
      .then(function (strings) {
        state.strings = strings || {};
        state.stringsLocale = locale || 'default';
        applyStrings(locale);
      }, function () {
        applyStrings(locale);
      });
  }

  // ---------------------------------------------------------------- Markdown (to DOM, never HTML)

  function safeUrl(raw) {
    try {
      var url = new URL(raw);
      return (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:') ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(href, parent, label) {
    var a = el('a', { href: href, target: '_blank', rel: 'noopener noreferrer' });
    appendInline(a, label);
    if (state.strings['link.new_tab']) {
      a.append(srOnly(' ' + t('link.new_tab')));
    }
    parent.append(a);
  }

  var LINK = /^\[([^\]\n]+)\]\(\s*<?([^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*)>?\s*\)/;
  var BARE_URL = /^https?:\/\/[^\s<>"'`()（）「」『』、。]+/;

  /** Inline Markdown: **bold**, *italic*, `code`, [text](url), bare http(s) URLs, \-escapes. */
  function appendInline(parent, text) {
    var buffer = '';
    var flush = function () {
      if (buffer) {
        parent.append(document.createTextNode(buffer));
        buffer = '';
      }
    };
    var i = 0;
    while (i < text.length) {
      var ch = text.charAt(i);
      var next = text.charAt(i + 1);
      var end;
      var match;
      if (ch === '\\' && next && '\\`*_[]()#+-.!'.indexOf(next) >= 0) {
        buffer += next;
        i += 2;
        continue;
      }
      if (ch === '`') {
        end = text.indexOf('`', i + 1);
        if (end > i + 1) {
          flush();
          parent.append(el('code', { text: text.slice(i + 1, end) }));
          i = end + 1;
          continue;
        }
      }
      if (ch === '*' && next === '*') {
        end = text.indexOf('**', i + 2);
        if (end > i + 2) {
          flush();
          var strong = el('strong');
          appendInline(strong, text.slice(i + 2, end));
          parent.append(strong);
          i = end + 2;
          continue;
        }
      }
      if (ch === '*' && next && next !== '*' && !/\s/.test(next)) {
        end = i + 1;
        while ((end = text.indexOf('*', end)) !== -1 && text.charAt(end + 1) === '*') {
          end += 2;
        }
        if (end > i + 1 && !/\s/.test(text.charAt(end - 1))) {
          flush();
          var em = el('em');
          appendInline(em, text.slice(i + 1, end));
          parent.append(em);
          i = end + 1;
          continue;
        }
      }
      if (ch === '[' && (match = LINK.exec(text.slice(i)))) {
        flush();
        var href = safeUrl(match[2]);
        if (href) {
          link(href, parent, match[1]);
        } else {
          appendInline(parent, match[1]); // a link we do not allow: its text only
        }
        i += match[0].length;
        continue;
      }
      if (ch === 'h' && !/[A-Za-z0-9]/.test(text.charAt(i - 1)) && (match = BARE_URL.exec(text.slice(i)))) {
        var url = match[0].replace(/[.,;:!?]+$/, '');
        var bare = safeUrl(url);
        if (bare) {
          flush();
          var a = el('a', { href: bare, target: '_blank', rel: 'noopener noreferrer', text: url });
          parent.append(a);
          i += url.length;
          continue;
        }
      }
      buffer += ch;
      i++;
    }
    flush();
  }

  var HEADING = /^(#{1,3})\s+(.*?)\s*#*\s*$/;
  var BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
  var NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;

  /** Block Markdown: paragraphs (line breaks kept), # to ### headings, bullet and numbered lists. */
  function renderMarkdown(source) {
    var fragment = document.createDocumentFragment();
    var lines = String(source || '').replace(/\r\n?/g, '\n').split('\n');
    var paragraph = null;
    var flush = function () {
      if (paragraph) {
        var p = el('p');
        paragraph.forEach(function (line, index) {
          if (index > 0) {
            p.append(el('br'));
          }
          appendInline(p, line.trim());
        });
        fragment.append(p);
        paragraph = null;
      }
    };
    var i = 0;
    while (i < lines.length) {
      var line = lines[i];
      var match;
      if (/^\s*$/.test(line)) {
        flush();
        i++;
        continue;
      }
      if ((match = HEADING.exec(line))) {
        flush();
        var heading = el('h' + (match[1].length + 2), { 'class': 'kotae-md-heading' });
        appendInline(heading, match[2]);
        fragment.append(heading);
        i++;
        continue;
      }
      var numbered = NUMBERED.exec(line);
      if (numbered || BULLET.test(line)) {
        flush();
        var pattern = numbered ? NUMBERED : BULLET;
        var list = el(numbered ? 'ol' : 'ul');
        if (numbered && numbered[1] !== '1') {
          list.setAttribute('start', String(parseInt(numbered[1], 10)));
        }
        var item = null;
        while (i < lines.length) {
          var m = pattern.exec(lines[i]);
          if (m) {
            item = el('li');
            appendInline(item, numbered ? m[2] : m[1]);
            list.append(item);
            i++;
          } else if (item && /^\s{2,}\S/.test(lines[i])) {
            item.append(el('br'));
            appendInline(item, lines[i].trim());
            i++;
          } else {
            break;
          }
        }
        fragment.append(list);
        continue;
      }
      (paragraph = paragraph || []).push(line);
      i++;
    }
    flush();
    return fragment;
  }

  // ---------------------------------------------------------------- the DOM

  var host = el('div', { 'data-kotae': 'root', 'class': 'kotae-host' });
  var shadow = host.attachShadow({ mode: 'open' });
  var stylesheet = el('link', { rel: 'stylesheet', href: CSS_URL });
  var root = el('div', { 'class': 'kotae-root', hidden: true });
  stylesheet.addEventListener('load', function () {
    root.hidden = false;
  });
  stylesheet.addEventListener('error', function () {
    root.hidden = false;
  });

  var badge = el('span', { 'class': 'kotae-badge', hidden: true });
  var launcher = el('button', {
    type: 'button', 'class': 'kotae-launcher', 'data-kotae': 'launcher', 'aria-expanded': 'false',
    'aria-controls': 'kotae-panel', onclick: function () {
      if (state.open) {
        closePanel(true);
      } else {
        openPanel();
      }
    }
  }, el('span', { 'class': 'kotae-launcher-open' }, icon(CHAT_ICON, 28)),
    el('span', { 'class': 'kotae-launcher-close' }, icon(CLOSE_ICON, 26)), badge);

  var title = el('h2', { 'class': 'kotae-title', id: 'kotae-title' });
  var subtitle = el('p', { 'class': 'kotae-subtitle' });
  var closeButton = el('button', {
    type: 'button', 'class': 'kotae-icon-button', 'data-kotae': 'close',
    onclick: function () {
      closePanel(true);
    }
  }, icon(CLOSE_ICON, 20));
  var humanButton = el('button', {
    type: 'button', 'class': 'kotae-action', 'data-kotae': 'human', onclick: function () {
      requestHuman();
    }
  });
  var endButton = el('button', {
    type: 'button', 'class': 'kotae-action', 'data-kotae': 'end', onclick: function () {
      showRating();
    }
  });
  var list = el('div', { 'class': 'kotae-messages' });
  var log = el('div', {
    'class': 'kotae-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', tabindex: '0'
  }, list);
  var typingText = el('span', { 'class': 'kotae-sr-only' });
  var typing = el('div', { 'class': 'kotae-typing', 'data-kotae': 'typing', hidden: true, role: 'status' },
    el('span', { 'class': 'kotae-dots', 'aria-hidden': 'true' }, el('span'), el('span'), el('span')), typingText);
  var connection = el('p', { 'class': 'kotae-connection', role: 'status', hidden: true });
  var error = el('p', { 'class': 'kotae-error', 'data-kotae': 'error', role: 'alert', hidden: true });
  var inputLabel = el('label', { 'class': 'kotae-sr-only', 'for': 'kotae-input' });
  var input = el('textarea', {
    id: 'kotae-input', 'class': 'kotae-input', 'data-kotae': 'input', rows: '1', autocomplete: 'off',
    'aria-describedby': 'kotae-error'
  });
  error.id = 'kotae-error';
  var sendButton = el('button', { type: 'submit', 'class': 'kotae-send', 'data-kotae': 'send' });
  var composer = el('form', { 'class': 'kotae-composer', novalidate: true }, inputLabel, input, sendButton);
  var ratingArea = el('div', { 'class': 'kotae-rating-area' });
  var panel = el('div', {
    id: 'kotae-panel', 'class': 'kotae-panel', 'data-kotae': 'panel', role: 'dialog', 'aria-modal': 'false',
    hidden: true
  },
  el('div', { 'class': 'kotae-header' },
    el('div', { 'class': 'kotae-titles' }, title, subtitle), closeButton),
  el('div', { 'class': 'kotae-actions' }, humanButton, endButton),
  log, typing, connection, ratingArea, error, composer);

  root.append(launcher, panel);
  shadow.append(stylesheet, root);

  function applyStrings(locale) {
    if (locale) {
      root.setAttribute('lang', locale);
    }
    launcher.setAttribute('aria-label', t(state.open ? 'launcher.close' : 'launcher.open'));
    launcher.title = t(state.open ? 'launcher.close' : 'launcher.open');
    title.textContent = t('panel.title');
    subtitle.textContent = t('panel.subtitle');
    panel.setAttribute('aria-label', t('panel.title'));
    log.setAttribute('aria-label', t('panel.title'));
    closeButton.setAttribute('aria-label', t('launcher.close'));
    closeButton.title = t('launcher.close');
    humanButton.textContent = t('human');
    endButton.textContent = t('end');
    typingText.textContent = t('sending');
    connection.textContent = t('connection.lost');
    inputLabel.textContent = t('input.label');
    input.placeholder = t('input.placeholder');
    sendButton.textContent = t('send');
  }

  // ---------------------------------------------------------------- messages

  var SENDER_KEYS = { user: 'you', bot: 'bot', agent: 'agent', system: 'system' };

  function senderLabel(sender) {
    return t(SENDER_KEYS[sender] || 'bot');
  }

  /** A message's frame; an agent's messages show the agent's name when the server gives it. */
  function messageNode(sender, kind, id, name) {
    var node = el('div', {
      'class': 'kotae-msg kotae-msg--' + sender + ((kind === 'notice' || sender === 'system') ? ' kotae-msg--notice' : ''),
      'data-kotae': 'message', 'data-sender': sender, 'data-kind': kind, 'data-id': id
    });
    var who = (sender === 'agent' && name) ? senderLabel(sender) + ' ' + name : senderLabel(sender);
    node.append(srOnly(who + ': '));
    if (sender === 'agent') {
      node.append(el('span', { 'class': 'kotae-who', 'aria-hidden': 'true', text: who }));
    }
    return node;
  }

  function renderMessage(m) {
    var sender = m.sender || 'bot';
    var kind = m.kind || 'text';
    var node = messageNode(sender, kind, m.id, (typeof m.agent === 'string') ? m.agent : null);
    if (m.faqId) {
      node.setAttribute('data-faq-id', m.faqId);
    }
    if (m.createdAt) {
      node.title = new Date(m.createdAt).toLocaleString(state.conversation ? state.conversation.locale : undefined);
    }
    var bubble = el('div', { 'class': 'kotae-bubble' });
    if (sender === 'bot' && kind === 'answer') {
      bubble.classList.add('kotae-md');
      bubble.append(renderMarkdown(m.text));
    } else {
      bubble.textContent = m.text || '';
    }
    if (m.text) {
      node.append(bubble);
    }
    if (Array.isArray(m.choices) && m.choices.length > 0) {
      var group = el('div', { 'class': 'kotae-choices', role: 'group', 'aria-label': t('choices.label') });
      m.choices.forEach(function (choice) {
        group.append(el('button', {
          type: 'button', 'class': 'kotae-choice', 'data-kotae': 'choice', 'data-faq-id': choice.id,
          text: choice.question, onclick: function () {
            sendChoice(m.id, choice);
          }
        }));
      });
      node.append(group);
    }
    if (sender === 'bot' && kind === 'answer') {
      node.append(helpfulControls(m));
    }
    if (kind === 'notice' && m.reason === 'offline_contact') {
      node.append(contactForm());
    }
    return node;
  }

  /** Outside business hours: a way for a person to reach the user back. */
  function contactForm() {
    var id = 'kotae-contact-' + Math.random().toString(36).slice(2);
    var field = el('input', { id: id, type: 'text', 'class': 'kotae-contact-input', 'data-kotae': 'contact',
      maxlength: '500', autocomplete: 'email' });
    var status = el('span', { 'class': 'kotae-helpful-thanks', role: 'status' });
    var submit = el('button', { type: 'submit', 'class': 'kotae-choice', 'data-kotae': 'contact-submit',
      text: t('contact.submit') });
    var form = el('form', { 'class': 'kotae-contact' },
      el('label', { 'for': id, text: t('contact.label') }), field, submit, status);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var value = field.value.trim();
      if (!value) {
        field.focus();
        return;
      }
      submit.disabled = true;
      api('POST', conversationPath('/contact'), { contact: value }).then(function () {
        field.disabled = true;
        status.textContent = t('contact.thanks');
        hideError();
      }, function (e) {
        submit.disabled = false;
        showError(errorText(e));
      });
    });
    return form;
  }

  function helpfulControls(m) {
    var thanks = el('span', { 'class': 'kotae-helpful-thanks', role: 'status' });
    var yes = el('button', {
      type: 'button', 'class': 'kotae-vote', 'data-kotae': 'helpful-yes', 'aria-label': t('helpful.yes'),
      title: t('helpful.yes'), 'aria-pressed': String(m.helpful === true)
    }, icon(THUMB_UP, 18));
    var no = el('button', {
      type: 'button', 'class': 'kotae-vote', 'data-kotae': 'helpful-no', 'aria-label': t('helpful.no'),
      title: t('helpful.no'), 'aria-pressed': String(m.helpful === false)
    }, icon(THUMB_DOWN, 18));
    var vote = function (helpful) {
      yes.disabled = true;
      no.disabled = true;
      api('POST', conversationPath('/messages/' + m.id + '/feedback'), { helpful: helpful }).then(function (updated) {
        var value = (updated && typeof updated.helpful === 'boolean') ? updated.helpful : helpful;
        yes.setAttribute('aria-pressed', String(value === true));
        no.setAttribute('aria-pressed', String(value === false));
        thanks.textContent = t('helpful.thanks');
        hideError();
      }, function (e) {
        showError(errorText(e));
      }).then(function () {
        yes.disabled = false;
        no.disabled = false;
      });
    };
    yes.addEventListener('click', function () {
      vote(true);
    });
    no.addEventListener('click', function () {
      vote(false);
    });
    return el('div', { 'class': 'kotae-helpful' },
      el('span', { 'class': 'kotae-helpful-question', text: t('helpful.question') }), yes, no, thanks);
  }

  /** Renders a message once, in id order; adopts the optimistic bubble of a message we sent. */
  function accept(m, fromStream) {
    if (!m || typeof m.id !== 'number') {
      return;
    }
    if (m.id > state.lastId) {
      state.lastId = m.id;
      save();
    }
    if (rendered.has(m.id)) {
      return;
    }
    var node = renderMessage(m);
    var mine = m.clientMessageId ? pending.get(m.clientMessageId) : null;
    if (mine) {
      pending.delete(m.clientMessageId);
      mine.remove();
    }
    var before = null;
    for (var child = list.firstElementChild; child; child = child.nextElementSibling) {
      var id = child.getAttribute('data-id');
      if (!id || Number(id) > m.id) {
        before = child;
        break;
      }
    }
    list.insertBefore(node, before);
    rendered.set(m.id, node);
    if (fromStream && !state.open && m.sender !== 'user') {
      badge.hidden = false;
    }
    if (m.sender !== 'user' && node.offsetHeight > log.clientHeight - 16) {
      log.scrollTop = node.offsetTop - 8; // a long reply: show its start, the user scrolls on
    } else {
      scrollDown();
    }
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  function hideError() {
    error.hidden = true;
    error.textContent = '';
  }

  function busy(delta) {
    state.inflight += delta;
    typing.hidden = state.inflight <= 0;
    if (!typing.hidden) {
      log.setAttribute('aria-busy', 'true');
    } else {
      log.removeAttribute('aria-busy');
    }
  }

  // ---------------------------------------------------------------- the conversation

  function ensureConversation() {
    if (state.conversation) {
      return Promise.resolve(state.conversation);
    }
    if (state.starting) {
      return state.starting;
    }
    var body = { siteKey: SITE, user: { attributes: userAttributes } };
    if (requestedLocale) {
      body.locale = requestedLocale;
    }
    busy(1);
    state.starting = api('POST', '/api/v1/conversations', body, false).then(function (started) {
      state.conversation = {
        id: started.id, token: started.token, locale: started.locale, npsEnabled: !!started.npsEnabled
      };
      save();
      return loadStrings(started.locale).then(function () {
        hideError();
        accept(started.greeting, false);
        connect();
        return state.conversation;
      });
    }, function (e) {
      state.startError = e;
      showError(errorText(e));
      return null;
    }).then(function (conversation) {
      state.starting = null;
      busy(-1);
      return conversation;
    });
    return state.starting;
  }

  /** Shows our message at once, posts it (same clientMessageId on a retry) and renders the reply. */
  function post(request, shownText, kind) {
    var signature = JSON.stringify(request);
    var clientMessageId = retryIds.get(signature) || uuid();
    retryIds.delete(signature);
    var bubble = messageNode('user', kind);
    bubble.classList.add('kotae-msg--pending');
    bubble.setAttribute('data-pending', 'true');
    bubble.append(el('div', { 'class': 'kotae-bubble', text: shownText }));
    pending.set(clientMessageId, bubble);
    list.append(bubble);
    scrollDown();
    hideError();
    busy(1);
    return ensureConversation().then(function (conversation) {
      if (!conversation) {
        throw state.startError || new ApiError(0, null, null);
      }
      var body = { clientMessageId: clientMessageId };
      Object.keys(request).forEach(function (key) {
        body[key] = request[key];
      });
      return api('POST', conversationPath('/messages'), body);
    }).then(function (exchange) {
      if (exchange) {
        accept(exchange.message, false);
        accept(exchange.reply, false); // none while an agent has the conversation
      }
      return true;
    }, function (e) {
      if (pending.get(clientMessageId) === bubble) {
        pending.delete(clientMessageId);
        bubble.remove();
      }
      if (isGone(e) && e.status !== 403) {
        forget();
      } else {
        retryIds.set(signature, clientMessageId); // the same message again: the server dedupes it
      }
      showError(errorText(e, request.text));
      return false;
    }).then(function (ok) {
      busy(-1);
      return ok;
    });
  }

  function sendText() {
    var text = input.value;
    if (!text.trim()) {
      input.focus();
      return;
    }
    if (text.length > MAX_TEXT) {
      showError(t('error.too_long'));
      input.focus();
      return;
    }
    input.value = '';
    autosize();
    post({ text: text }, text.trim(), 'text').then(function (ok) {
      if (!ok && !input.value) {
        input.value = text; // keep what the user wrote
        autosize();
      }
    });
  }

  function sendChoice(messageId, choice) {
    post({ choice: { messageId: messageId, faqId: choice.id } }, choice.question, 'choice');
  }

  function requestHuman() {
    if (!state.open) {
      openPanel();
    }
    post({ action: 'request_human' }, t('human'), 'human_request');
  }

  /** The conversation's token no longer works (expired, deleted): start afresh next time. */
  function forget() {
    disconnect();
    state.conversation = null;
    state.lastId = 0;
    rendered.clear();
    list.replaceChildren();
    save();
  }

  // ---------------------------------------------------------------- the push stream (SSE over fetch)

  function disconnect() {
    clearTimeout(stream.timer);
    if (stream.abort) {
      stream.abort.abort();
      stream.abort = null;
    }
  }

  function connect() {
    disconnect();
    if (!state.conversation || unloading || typeof ReadableStream === 'undefined') {
      return;
    }
    var conversation = state.conversation;
    var controller = new AbortController();
    stream.abort = controller;
    var opened = false;
    fetch(API + conversationPath('/events'), {
      headers: {
        'Accept': 'text/event-stream',
        'Authorization': 'Bearer ' + conversation.token,
        'Last-Event-ID': String(state.lastId)
      },
      credentials: 'omit',
      cache: 'no-store',
      signal: controller.signal
    }).then(function (response) {
      if (response.status === 401 || response.status === 404) {
        forget();
        return 'gone';
      }
      if (response.status === 403) {
        return 'gone'; // this page may not use the conversation: retrying cannot help
      }
      if (!response.ok || !response.body) {
        throw new Error('stream ' + response.status);
      }
      opened = true;
      stream.failures = 0;
      stream.attempt = 0;
      connection.hidden = true;
      return readEvents(response.body, function (event) {
        if (event.type === 'message' && event.data) {
          try {
            accept(JSON.parse(event.data), true);
          } catch (e) {
            // a broken event: the transcript has it on the next reload
          }
        }
      });
    }).then(function (result) {
      return result;
    }, function () {
      if (!opened) {
        stream.failures++;
      }
      return 'failed';
    }).then(function (result) {
      if (controller.signal.aborted || unloading || result === 'gone' || state.conversation !== conversation) {
        return;
      }
      if (result === 'failed' && stream.failures > 0) {
        connection.hidden = false;
      }
      var delay = BACKOFF_MS[Math.min(stream.attempt, BACKOFF_MS.length - 1)];
      stream.attempt++;
      stream.timer = setTimeout(connect, delay);
    });
  }

  /** Reads text/event-stream: "id:", "event:", "data:" fields, events end at a blank line. */
  function readEvents(body, onEvent) {
    var reader = body.getReader();
    var decoder = new TextDecoder();
    var buffer = '';
    var data = [];
    var type = '';
    var line;
    var handle = function () {
      var match;
      while ((match = /\r\n|\r|\n/.exec(buffer))) {
        if (match[0] === '\r' && match.index === buffer.length - 1) {
          break; // a "\r\n" split over two chunks
        }
        line = buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
        if (line === '') {
          if (data.length) {
            onEvent({ type: type || 'message', data: data.join('\n') });
          }
          data = [];
          type = '';
          continue;
        }
        if (line.charAt(0) === ':') {
          continue; // a comment: ":ping"
        }
        var colon = line.indexOf(':');
        var field = (colon < 0) ? line : line.slice(0, colon);
        var value = (colon < 0) ? '' : line.slice(colon + 1);
        if (value.charAt(0) === ' ') {
          value = value.slice(1);
        }
        if (field === 'data') {
          data.push(value);
        } else if (field === 'event') {
          type = value;
        }
      }
    };
    var pump = function () {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          return 'ended';
        }
        buffer += decoder.decode(chunk.value, { stream: true });
        handle();
        return pump();
      });
    };
    return pump();
  }

  // ---------------------------------------------------------------- rating (CSAT, NPS)

  function radioGroup(name, values, labelOf, hookOf, className) {
    var group = el('div', { 'class': className });
    var labels = [];
    values.forEach(function (value) {
      var radio = el('input', { type: 'radio', name: name, value: String(value), 'class': 'kotae-radio' });
      var label = el('label', { 'class': 'kotae-pick', 'data-kotae': hookOf(value) }, radio, labelOf(value));
      labels.push(label);
      group.append(label);
    });
    group.addEventListener('change', function () {
      var checked = group.querySelector('input:checked');
      var chosen = checked ? Number(checked.value) : null;
      labels.forEach(function (label, index) {
        label.classList.toggle('kotae-on', chosen !== null && (className === 'kotae-stars'
          ? values[index] <= chosen : values[index] === chosen));
      });
    });
    return group;
  }

  function showRating() {
    if (!state.open) {
      openPanel();
    }
    hideError();
    var conversation = state.conversation;
    var stars = radioGroup('kotae-score', [1, 2, 3, 4, 5], function (n) {
      return el('span', null, el('span', { 'class': 'kotae-star', 'aria-hidden': 'true', text: '★' }),
        srOnly(format(t('rating.star'), n)));
    }, function (n) {
      return 'rating-star-' + n;
    }, 'kotae-stars');
    var fields = [el('fieldset', { 'class': 'kotae-fieldset' },
      el('legend', { 'class': 'kotae-legend', text: t('rating.question') }), stars)];
    if (conversation && conversation.npsEnabled) {
      var nps = radioGroup('kotae-nps', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], function (n) {
        return el('span', { 'class': 'kotae-nps-value', text: String(n) });
      }, function (n) {
        return 'rating-nps-' + n;
      }, 'kotae-nps');
      fields.push(el('fieldset', { 'class': 'kotae-fieldset' },
        el('legend', { 'class': 'kotae-legend', text: t('rating.nps') }), nps));
    }
    var comment = el('textarea', {
      id: 'kotae-comment', 'class': 'kotae-comment', rows: '2', maxlength: String(MAX_TEXT), 'data-kotae': 'rating-comment'
    });
    var formError = el('p', { 'class': 'kotae-error', role: 'alert', hidden: true });
    var submit = el('button', {
      type: 'submit', 'class': 'kotae-primary', 'data-kotae': 'rating-submit', text: t('rating.submit')
    });
    var cancel = el('button', {
      type: 'button', 'class': 'kotae-secondary', 'data-kotae': 'rating-cancel', text: t('rating.cancel'),
      onclick: function () {
        hideRating();
        input.focus();
      }
    });
    var form = el('form', { 'class': 'kotae-rating', 'data-kotae': 'rating', novalidate: true },
      fields[0], fields[1] || null,
      el('label', { 'class': 'kotae-label', 'for': 'kotae-comment', text: t('rating.comment') }), comment,
      formError, el('div', { 'class': 'kotae-buttons' }, cancel, submit));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var score = form.querySelector('input[name="kotae-score"]:checked');
      if (!score) {
        formError.textContent = t('rating.score_required');
        formError.hidden = false;
        stars.querySelector('input').focus();
        return;
      }
      var npsChoice = form.querySelector('input[name="kotae-nps"]:checked');
      var body = { score: Number(score.value) };
      if (comment.value.trim()) {
        body.comment = comment.value.trim();
      }
      if (npsChoice) {
        body.nps = Number(npsChoice.value);
      }
      submit.disabled = true;
      ensureConversation().then(function (c) {
        if (!c) {
          throw new ApiError(0, null, null);
        }
        return api('POST', conversationPath('/rating'), body);
      }).then(function () {
        var thanks = el('p', { 'class': 'kotae-thanks', 'data-kotae': 'rating-thanks', role: 'status', tabindex: '-1',
          text: t('rating.thanks') });
        ratingArea.replaceChildren(thanks);
        composer.hidden = false;
        log.classList.remove('kotae-log--short');
        thanks.focus();
      }, function (e) {
        submit.disabled = false;
        formError.textContent = errorText(e);
        formError.hidden = false;
      });
    });
    ratingArea.replaceChildren(form);
    composer.hidden = true;
    log.classList.add('kotae-log--short');
    var first = stars.querySelector('input');
    if (first) {
      first.focus();
    }
  }

  function hideRating() {
    ratingArea.replaceChildren();
    composer.hidden = false;
    log.classList.remove('kotae-log--short');
  }

  // ---------------------------------------------------------------- open / close, keyboard

  function openPanel() {
    state.open = true;
    panel.hidden = false;
    root.classList.add('kotae-is-open');
    launcher.setAttribute('aria-expanded', 'true');
    badge.hidden = true;
    applyStrings(null);
    save();
    scrollDown();
    input.focus();
    ensureConversation();
  }

  function closePanel(focusLauncher) {
    state.open = false;
    panel.hidden = true;
    root.classList.remove('kotae-is-open');
    launcher.setAttribute('aria-expanded', 'false');
    applyStrings(null);
    save();
    if (focusLauncher) {
      launcher.focus();
    }
  }

  function autosize() {
    input.style.height = 'auto';
    var borders = input.offsetHeight - input.clientHeight;
    var wanted = input.scrollHeight + borders;
    input.style.height = Math.min(wanted, 120) + 'px';
    input.style.overflowY = (wanted > 120) ? 'auto' : 'hidden';
  }

  composer.addEventListener('submit', function (event) {
    event.preventDefault();
    sendText();
  });
  input.addEventListener('keydown', function (event) {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME conversion is not a send
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      sendText();
    }
  });
  input.addEventListener('input', autosize);
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !event.isComposing) {
      event.preventDefault();
      closePanel(true);
    }
  });
  window.addEventListener('pagehide', function () {
    unloading = true;
    disconnect();
  });
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      unloading = false;
      connect();
    }
  });

  // ---------------------------------------------------------------- start

  function restore(saved) {
    state.conversation = { id: saved.id, token: saved.token, locale: saved.locale, npsEnabled: !!saved.npsEnabled };
    var page = function (after) {
      return api('GET', conversationPath('/messages?after=' + after)).then(function (transcript) {
        var messages = (transcript && transcript.messages) || [];
        messages.forEach(function (m) {
          accept(m, false);
        });
        if (messages.length >= TRANSCRIPT_PAGE) {
          return page(messages[messages.length - 1].id);
        }
        return null;
      });
    };
    return page(0).then(function () {
      connect();
    }, function (e) {
      if (isGone(e)) {
        forget();
      } else {
        connect(); // the stream's backlog brings what the transcript could not
      }
    });
  }

  function start() {
    document.body.append(host);
    var saved = loadSaved();
    var locale = (saved && localeOf(saved.locale)) || requestedLocale;
    applyStrings(locale);
    loadStrings(locale).then(function () {
      if (saved) {
        return restore(saved).then(function () {
          if (saved.open && state.conversation) {
            state.open = true;
            panel.hidden = false;
            root.classList.add('kotae-is-open');
            launcher.setAttribute('aria-expanded', 'true');
            applyStrings(null);
            save();
            scrollDown();
          }
        });
      }
      return null;
    });
  }

  window.Kotae = {
    loaded: true,
    open: function () {
      openPanel();
    },
    close: function () {
      closePanel(false);
    }
  };

  if (document.body) {
    start();
  } else {
    document.addEventListener('DOMContentLoaded', start);
  }
}());
