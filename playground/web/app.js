// The playground page: a Discord channel drawn from the playground's JSON
// API and kept live by its event stream (/api/events). Everything shown
// comes from the server; text is rendered by markdown.js, which builds DOM
// nodes and never parses HTML.
(function () {
  'use strict';

  const md = window.footnoteMarkdown;
  const $ = (id) => document.getElementById(id);

  // ACK_WAIT is how long Discord waits for a bot to acknowledge an
  // interaction before telling the user it failed (3 s), plus the trip.
  const ACK_WAIT = 3500;
  const STREAM_CURSOR = '▍';

  const S = {
    role: sessionStorage.getItem('footnote-playground-role') || 'member',
    me: null,
    bot: null,
    users: new Map(),    // id -> user
    channels: new Map(), // id -> channel or thread, in creation order
    messages: new Map(), // channel id -> Map(message id -> message)
    pins: new Map(),     // channel id -> [message]
    commands: [],
    general: '',
    current: '',
    dismissed: new Set(),
    follow: true,        // the view sticks to the newest message until the reader scrolls up
    acked: new Set(),    // interactions acknowledged (the ack may beat the POST's reply)
    waiting: new Map(),  // interaction id -> resolve
    es: null,
  };

  // ---- helpers ---------------------------------------------------------

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  const cmpID = (a, b) => (a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0);

  function sortedMessages(channelID) {
    const m = S.messages.get(channelID);
    return m ? [...m.values()].sort((a, b) => cmpID(a.id, b.id)) : [];
  }

  function ctx() {
    const users = new Map();
    for (const [id, u] of S.users) users.set(id, u.name);
    const channels = new Map();
    for (const [id, c] of S.channels) channels.set(id, c.name);
    return { users, channels };
  }

  function hue(id) {
    let h = 0;
    for (const c of String(id)) h = (h * 31 + c.charCodeAt(0)) % 360;
    return h;
  }

  function avatar(user, cls) {
    const a = el('div', 'avatar' + (cls ? ' ' + cls : ''));
    a.setAttribute('aria-hidden', 'true');
    if (user.bot) a.classList.add('avatar-bot');
    else a.style.setProperty('--hue', String(hue(user.id)));
    a.textContent = (user.name || '?').slice(0, 1).toUpperCase();
    return a;
  }

  function formatTime(iso) {
    const d = new Date(iso);
    if (isNaN(d)) return '';
    const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const today = new Date();
    if (d.toDateString() === today.toDateString()) return 'Today at ' + time;
    return d.toLocaleDateString() + ' ' + time;
  }

  function nearBottom(box) {
    return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  }

  async function api(path, body) {
    try {
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) return { ok: false, error: data.error || res.statusText };
      return Object.assign({ ok: true }, data);
    } catch (e) {
      return { ok: false, error: 'The playground is not reachable (' + e.message + ').' };
    }
  }

  // awaitAck resolves when the bot acknowledges the interaction, and
  // rejects after ACK_WAIT, as Discord gives up on a silent bot.
  function awaitAck(id) {
    return new Promise((resolve, reject) => {
      if (S.acked.has(id)) { resolve(); return; }
      const timer = setTimeout(() => { S.waiting.delete(id); reject(new Error('no acknowledgement')); }, ACK_WAIT);
      S.waiting.set(id, () => { clearTimeout(timer); resolve(); });
    });
  }

  // ---- state from the server --------------------------------------------

  function loadState(st) {
    S.me = st.me;
    S.bot = st.bot;
    S.users = new Map(st.users.map((u) => [u.id, u]));
    S.channels = new Map(st.channels.map((c) => [c.id, c]));
    S.messages = new Map();
    for (const [ch, list] of Object.entries(st.messages)) {
      S.messages.set(ch, new Map(list.map((m) => [m.id, m])));
    }
    S.pins = new Map(Object.entries(st.pins));
    S.commands = st.commands;
    S.general = st.general;
    if (!S.channels.has(S.current)) S.current = S.general;
    $('guild-name').textContent = st.guild.name;
    renderUser();
    renderSidebar();
    openChannel(S.current);
  }

  function upsertMessage(m) {
    let map = S.messages.get(m.channel_id);
    if (!map) { map = new Map(); S.messages.set(m.channel_id, map); }
    map.set(m.id, m);
    const pins = S.pins.get(m.channel_id);
    if (pins) {
      const i = pins.findIndex((p) => p.id === m.id);
      if (i >= 0) { pins[i] = m; renderPins(); }
    }
    if (m.channel_id === S.current) placeMessage(m);
    else if (m.id === S.current) renderMessages(); // the starter of the open thread
  }

  function deleteMessage(d) {
    const map = S.messages.get(d.channel_id);
    if (map) map.delete(d.id);
    const node = $('msg-' + d.id);
    if (node) node.remove();
  }

  function addChannel(c) {
    S.channels.set(c.id, c);
    if (!S.messages.has(c.id)) S.messages.set(c.id, new Map());
    renderSidebar();
  }

  function updatePins(p) {
    S.pins.set(p.channel_id, p.pins);
    const map = S.messages.get(p.channel_id);
    if (map) {
      const pinned = new Set(p.pins.map((m) => m.id));
      for (const m of map.values()) m.pinned = pinned.has(m.id);
    }
    renderPins();
  }

  function acknowledged(a) {
    S.acked.add(a.id);
    if (S.acked.size > 500) S.acked.delete(S.acked.values().next().value);
    const resolve = S.waiting.get(a.id);
    if (resolve) { S.waiting.delete(a.id); resolve(); }
  }

  function connect() {
    if (S.es) S.es.close();
    setConnection('connecting');
    const es = new EventSource('/api/events?user=' + encodeURIComponent(S.role));
    S.es = es;
    const on = (name, fn) => es.addEventListener(name, (e) => fn(JSON.parse(e.data)));
    on('state', (st) => { loadState(st); setConnection('live'); });
    on('message_create', upsertMessage);
    on('message_update', upsertMessage);
    on('message_delete', deleteMessage);
    on('channel_create', addChannel);
    on('thread_create', addChannel);
    on('pins_update', updatePins);
    on('interaction_ack', acknowledged);
    es.onerror = () => setConnection('reconnecting');
  }

  function setConnection(status) {
    const c = $('connection');
    c.dataset.status = status;
    c.textContent = status === 'live' ? '● live' : status === 'reconnecting' ? '○ reconnecting…' : '○ connecting…';
    document.body.dataset.connection = status;
  }

  // ---- rendering --------------------------------------------------------

  function renderUser() {
    const me = S.me;
    $('me-avatar').replaceWith(Object.assign(avatar(me), { id: 'me-avatar' }));
    $('me-name').textContent = me.name;
    $('me-role').textContent = me.role === 'moderator' ? 'Moderator · can pin' : 'Member';
    $('me-role').title = (me.permissions || []).join(', ');
    const sw = $('user-switch');
    sw.replaceChildren();
    for (const u of S.users.values()) {
      if (!u.role) continue;
      const b = el('button', 'switch-option', u.name);
      b.type = 'button';
      b.dataset.role = u.role;
      b.setAttribute('role', 'radio');
      b.setAttribute('aria-checked', String(u.role === me.role));
      b.title = 'Act as ' + u.name + ': ' + (u.permissions || []).join(', ');
      b.addEventListener('click', () => switchUser(u.role));
      sw.append(b);
    }
  }

  function switchUser(role) {
    if (role === S.role) return;
    S.role = role;
    sessionStorage.setItem('footnote-playground-role', role);
    connect();
  }

  function renderSidebar() {
    const list = $('channel-list');
    list.replaceChildren();
    const item = (c, label, cls) => {
      const b = el('button', 'channel ' + cls);
      b.type = 'button';
      b.dataset.channel = c.id;
      b.append(el('span', 'channel-icon', cls === 'thread' ? '🧵' : '#'), el('span', 'channel-name', label));
      if (c.id === S.current) b.classList.add('active');
      b.addEventListener('click', () => openChannel(c.id));
      return b;
    };
    list.append(el('div', 'channel-group', 'Text channels'));
    for (const c of S.channels.values()) {
      if (c.thread) continue;
      list.append(item(c, c.name, 'text'));
      for (const t of S.channels.values()) {
        if (t.thread && t.parent_id === c.id) list.append(item(t, t.name, 'thread'));
      }
    }
  }

  function openChannel(id) {
    const c = S.channels.get(id);
    if (!c) return;
    S.current = id;
    $('chat-icon').textContent = c.thread ? '🧵' : '#';
    $('chat-title').textContent = c.name;
    const parent = $('chat-parent');
    if (c.thread && S.channels.get(c.parent_id)) {
      parent.hidden = false;
      parent.textContent = 'in #' + S.channels.get(c.parent_id).name;
      parent.onclick = () => openChannel(c.parent_id);
      $('chat-topic').textContent = 'Ask follow-ups here: footnote remembers the conversation.';
    } else {
      parent.hidden = true;
      $('chat-topic').textContent = 'Ask footnote about the news event; every claim is cited.';
    }
    $('composer-input').placeholder = 'Message ' + (c.thread ? '🧵 ' : '#') + c.name;
    document.body.dataset.channel = id;
    renderSidebar();
    renderMessages();
    renderPins();
  }

  function intro(c) {
    const box = el('div', 'channel-intro');
    box.append(el('div', 'intro-icon', c && c.thread ? '🧵' : '#'));
    if (c && c.thread) {
      box.append(el('h2', null, c.name));
      box.append(el('p', null, 'footnote opened this thread to answer a mention. Ask follow-ups here; it answers with the conversation in mind.'));
    } else {
      box.append(el('h2', null, 'Welcome to #' + (c ? c.name : 'general') + '!'));
      const p = el('p', null, 'This is a local Discord channel with the real footnote bot in it. Ask with /ask, get the key points with /summary or /timeline, list the articles with /sources, or mention @footnote to get a thread. Switch to the moderator (bottom left) to pin answers.');
      box.append(p);
    }
    return box;
  }

  function renderMessages() {
    const box = $('messages');
    box.replaceChildren();
    const c = S.channels.get(S.current);
    box.append(intro(c));
    if (c && c.thread) {
      const parentMsgs = S.messages.get(c.parent_id);
      const starter = parentMsgs && parentMsgs.get(c.id);
      if (starter) {
        const node = renderMessage(starter, { starter: true });
        node.classList.add('starter');
        box.append(node, el('div', 'divider', 'Thread started'));
      }
    }
    for (const m of sortedMessages(S.current)) {
      if (!S.dismissed.has(m.id)) box.append(renderMessage(m));
    }
    S.follow = true;
    box.scrollTop = box.scrollHeight;
  }

  // placeMessage draws one message where it belongs, replacing its old
  // drawing; the view follows new messages when it was at the bottom.
  function placeMessage(m) {
    if (S.dismissed.has(m.id)) return;
    const box = $('messages');
    const stick = S.follow || nearBottom(box);
    const node = renderMessage(m);
    const old = $('msg-' + m.id);
    if (old) {
      old.replaceWith(node);
    } else {
      let before = null;
      for (const child of box.querySelectorAll('article.msg:not(.starter)')) {
        if (cmpID(child.dataset.id, m.id) > 0) { before = child; break; }
      }
      box.insertBefore(node, before);
    }
    if (stick) box.scrollTop = box.scrollHeight;
  }

  function authorLine(m) {
    const head = el('div', 'msg-head');
    const name = el('span', 'msg-author', m.author.name);
    if (m.author.bot) name.classList.add('is-bot');
    head.append(name);
    if (m.author.bot) head.append(el('span', 'badge', 'APP'));
    const t = el('time', 'msg-time', formatTime(m.timestamp));
    t.dateTime = m.timestamp;
    head.append(t);
    return head;
  }

  function renderMessage(m, opts) {
    opts = opts || {};
    if (m.type === 6) return renderPinNotice(m);
    const art = el('article', 'msg');
    if (!opts.starter && !opts.compact) art.id = 'msg-' + m.id;
    art.dataset.id = m.id;
    if (m.ephemeral) art.classList.add('ephemeral');
    if (m.loading) art.classList.add('loading');
    if (m.pinned) art.classList.add('pinned');
    if (m.author.bot && (m.content || '').endsWith(STREAM_CURSOR)) art.classList.add('streaming');
    if (S.me && (m.mentions || []).some((u) => u.id === S.me.id)) art.classList.add('mentioned');

    if (m.interaction && !opts.compact) {
      const line = el('div', 'msg-interaction');
      line.append(el('span', 'spine'), avatar(m.interaction.user, 'avatar-mini'),
        el('span', 'who', m.interaction.user.name),
        el('span', 'used', 'used'),
        el('span', 'cmd', m.interaction.command_type === 1 ? '/' + m.interaction.name : m.interaction.name));
      art.append(line);
    }

    const row = el('div', 'msg-row');
    row.append(avatar(m.author));
    const main = el('div', 'msg-main');
    main.append(authorLine(m));

    if (m.loading) {
      const t = el('div', 'msg-thinking', m.author.name + ' is thinking');
      t.append(el('span', 'dots'));
      main.append(t);
    } else if (m.content) {
      const c = el('div', 'msg-content');
      c.append(md.render(m.content, ctx()));
      // a deferred reply completing is not an edit to the reader
      if (m.edited && !m.interaction && !m.ephemeral && !art.classList.contains('streaming')) {
        const last = c.lastElementChild;
        (last && last.classList.contains('md-p') ? last : c).append(el('span', 'msg-edited', ' (edited)'));
      }
      main.append(c);
    }
    for (const e of m.embeds || []) main.append(renderEmbed(e));
    if (!opts.compact && !opts.starter) {
      const comps = renderComponents(m);
      if (comps) main.append(comps);
    }
    if (m.thread && !opts.starter) {
      const t = el('button', 'msg-thread');
      t.type = 'button';
      t.dataset.thread = m.thread.id;
      t.append(el('span', null, '🧵 '), el('span', 'thread-name', m.thread.name), el('span', 'thread-go', ' — open thread ›'));
      t.addEventListener('click', () => openChannel(m.thread.id));
      main.append(t);
    }
    if (m.ephemeral && !opts.compact) {
      const note = el('div', 'ephemeral-note');
      note.append(el('span', 'eye', '👁'), document.createTextNode(' Only you can see this · '));
      const dismiss = el('button', 'link', 'Dismiss message');
      dismiss.type = 'button';
      dismiss.addEventListener('click', () => { S.dismissed.add(m.id); art.remove(); });
      note.append(dismiss);
      main.append(note);
    }
    row.append(main);
    if (!opts.compact && !opts.starter && !m.ephemeral && !m.loading) {
      const cmds = S.commands.filter((c) => c.type === 3);
      if (cmds.length) {
        const more = el('button', 'msg-more', '⋯');
        more.type = 'button';
        more.title = 'Apps';
        more.setAttribute('aria-label', 'Apps for this message');
        more.addEventListener('click', (ev) => { ev.stopPropagation(); openMenu(more, m, cmds); });
        row.append(more);
      }
    }
    art.append(row);
    return art;
  }

  function renderPinNotice(m) {
    const art = el('article', 'msg system');
    art.id = 'msg-' + m.id;
    art.dataset.id = m.id;
    const line = el('div', 'system-line');
    line.append(el('span', 'sys-icon', '📌'), el('span', 'msg-author', m.author.name), document.createTextNode(' pinned '));
    const jump = el('button', 'link', 'a message');
    jump.type = 'button';
    jump.addEventListener('click', () => {
      const target = m.reference && $('msg-' + m.reference.message_id);
      if (target) { target.scrollIntoView({ block: 'center' }); target.classList.add('flash'); }
    });
    line.append(jump, document.createTextNode(' to this channel. See all '));
    const all = el('button', 'link', 'pinned messages');
    all.type = 'button';
    all.addEventListener('click', () => togglePins(true));
    line.append(all, document.createTextNode('.'), el('time', 'msg-time', formatTime(m.timestamp)));
    art.append(line);
    return art;
  }

  function colour(n) {
    return '#' + (Number(n) >>> 0).toString(16).padStart(6, '0').slice(-6);
  }

  function renderEmbed(e) {
    const box = el('div', 'embed');
    if (e.color != null) box.style.borderLeftColor = colour(e.color);
    if (e.author && e.author.name) {
      const a = el('div', 'embed-author');
      const href = e.author.url && md.safeURL(e.author.url);
      if (href) { const l = el('a', 'md-link', e.author.name); l.href = href; l.target = '_blank'; l.rel = 'noopener noreferrer nofollow'; a.append(l); } else a.textContent = e.author.name;
      box.append(a);
    }
    if (e.title) {
      const t = el('div', 'embed-title');
      const href = e.url && md.safeURL(e.url);
      if (href) {
        const l = el('a', 'md-link');
        l.href = href; l.target = '_blank'; l.rel = 'noopener noreferrer nofollow';
        l.append(md.renderInline(e.title, ctx()));
        t.append(l);
      } else t.append(md.renderInline(e.title, ctx()));
      box.append(t);
    }
    if (e.description) {
      const d = el('div', 'embed-description');
      d.append(md.render(e.description, ctx()));
      box.append(d);
    }
    if (e.fields && e.fields.length) {
      const fields = el('div', 'embed-fields');
      for (const f of e.fields) {
        const fe = el('div', 'embed-field' + (f.inline ? ' inline' : ''));
        const n = el('div', 'embed-field-name');
        n.append(md.renderInline(f.name, ctx()));
        const v = el('div', 'embed-field-value');
        v.append(md.render(f.value, ctx()));
        fe.append(n, v);
        fields.append(fe);
      }
      box.append(fields);
    }
    if ((e.footer && e.footer.text) || e.timestamp) {
      const f = el('div', 'embed-footer');
      const parts = [];
      if (e.footer && e.footer.text) parts.push(e.footer.text);
      if (e.timestamp) parts.push(formatTime(e.timestamp));
      f.textContent = parts.join(' • ');
      box.append(f);
    }
    return box;
  }

  const BUTTON_STYLES = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'link' };

  function renderComponents(m) {
    const rows = (m.components || []).filter((r) => r.type === 1);
    if (!rows.length) return null;
    const wrap = el('div', 'msg-components');
    for (const r of rows) {
      const row = el('div', 'btn-row');
      for (const c of r.components || []) {
        if (c.type !== 2) continue;
        row.append(renderButton(m, c));
      }
      wrap.append(row);
    }
    return wrap;
  }

  function renderButton(m, c) {
    const style = BUTTON_STYLES[c.style] || 'secondary';
    const content = [];
    if (c.emoji && c.emoji.name) content.push(el('span', 'btn-emoji', c.emoji.name));
    if (c.label) content.push(el('span', 'btn-label', c.label));
    if (style === 'link') {
      const href = md.safeURL(c.url || '');
      const a = el(href ? 'a' : 'span', 'btn btn-link');
      if (href) { a.href = href; a.target = '_blank'; a.rel = 'noopener noreferrer nofollow'; }
      a.append(...content, el('span', 'btn-ext', ' ↗'));
      return a;
    }
    const b = el('button', 'btn btn-' + style);
    b.type = 'button';
    b.disabled = !!c.disabled;
    b.dataset.customId = c.custom_id;
    b.append(...content);
    b.addEventListener('click', () => press(m, c, b));
    return b;
  }

  function renderPins() {
    const pins = (S.pins.get(S.current) || []).slice().reverse(); // newest first, as Discord lists them
    $('pins-count').textContent = String(pins.length);
    const list = $('pins-list');
    list.replaceChildren();
    if (!pins.length) {
      list.append(el('p', 'empty', 'This channel doesn’t have any pinned messages… yet.'));
      return;
    }
    for (const m of pins) {
      const node = renderMessage(m, { compact: true });
      node.classList.add('pin-item');
      const jump = el('button', 'link jump', 'Jump');
      jump.type = 'button';
      jump.addEventListener('click', () => {
        const target = $('msg-' + m.id);
        if (target) { target.scrollIntoView({ block: 'center' }); target.classList.add('flash'); }
      });
      node.append(jump);
      list.append(node);
    }
  }

  function togglePins(open) {
    const panel = $('pins-panel');
    const show = open === undefined ? panel.hidden : open;
    panel.hidden = !show;
    $('pins-button').setAttribute('aria-expanded', String(show));
    if (show) renderPins();
  }

  // ---- actions ----------------------------------------------------------

  function showFailure(m, text) {
    const art = $('msg-' + m.id);
    if (!art) { showError(text); return; }
    let f = art.querySelector('.interaction-failed');
    if (!f) { f = el('div', 'interaction-failed'); art.querySelector('.msg-main').append(f); }
    f.textContent = '⚠ ' + text;
  }

  async function press(m, c, button) {
    button.disabled = true;
    button.classList.add('pending');
    const r = await api('/api/press', { message: m.id, custom_id: c.custom_id, user: S.me.id });
    try {
      if (!r.ok) throw new Error(r.error);
      await awaitAck(r.interaction.id);
    } catch (e) {
      showFailure(m, r.ok ? 'This interaction failed: footnote did not respond.' : r.error);
    } finally {
      button.disabled = !!c.disabled;
      button.classList.remove('pending');
    }
  }

  async function runMessageCommand(m, cmd) {
    const r = await api('/api/message-command', { name: cmd.name, target: m.id, user: S.me.id });
    if (!r.ok) { showFailure(m, r.error); return; }
    awaitAck(r.interaction.id).catch(() => showFailure(m, 'This interaction failed: footnote did not respond.'));
  }

  function openMenu(anchor, m, cmds) {
    const menu = $('menu');
    menu.replaceChildren(el('div', 'menu-title', 'Apps'));
    for (const c of cmds) {
      const item = el('button', 'menu-item', c.name);
      item.type = 'button';
      item.setAttribute('role', 'menuitem');
      item.addEventListener('click', () => { closeMenu(); runMessageCommand(m, c); });
      menu.append(item);
    }
    const r = anchor.getBoundingClientRect();
    menu.style.top = Math.round(r.bottom + 4) + 'px';
    menu.style.left = Math.round(Math.max(8, r.right - 220)) + 'px';
    menu.hidden = false;
  }

  function closeMenu() { $('menu').hidden = true; }

  function showError(text) {
    const e = $('composer-error');
    e.textContent = text;
    e.hidden = false;
  }

  function hideError() { $('composer-error').hidden = true; }

  // parseOptions reads a command's options the way Discord's box shows
  // them: "name:value" pairs; text before the first pair goes to the
  // first required text option (or the first text option).
  function parseOptions(cmd, rest) {
    const opts = cmd.options || [];
    const out = {};
    if (!opts.length) {
      if (rest.trim()) throw new Error('/' + cmd.name + ' takes no options.');
      return out;
    }
    const names = opts.map((o) => o.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const re = new RegExp('(?:^|\\s)(' + names.join('|') + '):', 'g');
    const marks = [];
    let mt;
    while ((mt = re.exec(rest)) !== null) marks.push({ name: mt[1], start: mt.index, value: re.lastIndex });
    const head = (marks.length ? rest.slice(0, marks[0].start) : rest).trim();
    if (head) {
      const first = opts.find((o) => o.required && o.type === 3) || opts.find((o) => o.type === 3);
      if (!first) throw new Error('Write the options of /' + cmd.name + ' as name:value.');
      out[first.name] = head;
    }
    marks.forEach((mk, i) => {
      const end = i + 1 < marks.length ? marks[i + 1].start : rest.length;
      out[mk.name] = rest.slice(mk.value, end).trim();
    });
    return out;
  }

  async function submit() {
    const input = $('composer-input');
    const text = input.value.trim();
    if (!text || !S.me) return;
    hideError();
    hideAutocomplete();
    S.follow = true; // what you send, you want to see answered
    if (text.startsWith('/')) {
      const mt = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
      const cmd = S.commands.find((c) => c.type === 1 && c.name === mt[1].toLowerCase());
      if (!cmd) {
        showError('Unknown command /' + mt[1] + '. Commands: ' + S.commands.filter((c) => c.type === 1).map((c) => '/' + c.name).join(', ') + '.');
        return;
      }
      let options;
      try { options = parseOptions(cmd, mt[2]); } catch (e) { showError(e.message); return; }
      input.value = '';
      autosize();
      const r = await api('/api/commands', { name: cmd.name, options, user: S.me.id, channel: S.current });
      if (!r.ok) { input.value = text; autosize(); showError(r.error); return; }
      awaitAck(r.interaction.id).catch(() => showError('The application did not respond to /' + cmd.name + '.'));
      return;
    }
    input.value = '';
    autosize();
    const r = await api('/api/messages', { channel: S.current, user: S.me.id, content: text });
    if (!r.ok) { input.value = text; autosize(); showError(r.error); return; }
    // The stream may have delivered the message, and newer versions of it
    // (a thread started from it), before this reply: only fill a gap.
    const known = S.messages.get(r.message.channel_id);
    if (!known || !known.has(r.message.id)) upsertMessage(r.message);
  }

  // ---- composer: autocomplete and size ----------------------------------

  function usage(c) {
    return (c.options || []).map((o) => (o.required ? o.name : '[' + o.name + ']')).join(' ');
  }

  function matches() {
    const v = $('composer-input').value;
    const mt = /^\/(\S*)$/.exec(v);
    if (!mt) return [];
    return S.commands.filter((c) => c.type === 1 && c.name.startsWith(mt[1].toLowerCase()));
  }

  function showAutocomplete() {
    const box = $('autocomplete');
    const found = matches();
    if (!found.length) { hideAutocomplete(); return; }
    box.replaceChildren(el('div', 'ac-title', 'Commands of footnote'));
    for (const c of found) {
      const item = el('button', 'ac-item');
      item.type = 'button';
      item.setAttribute('role', 'option');
      item.append(el('span', 'ac-name', '/' + c.name), el('span', 'ac-usage', usage(c)), el('span', 'ac-desc', c.description || ''));
      item.addEventListener('click', () => complete(c));
      box.append(item);
    }
    box.hidden = false;
  }

  function hideAutocomplete() { $('autocomplete').hidden = true; }

  function complete(c) {
    const input = $('composer-input');
    input.value = '/' + c.name + ' ';
    hideAutocomplete();
    input.focus();
    autosize();
  }

  function autosize() {
    const input = $('composer-input');
    input.style.height = '';
    if (input.value.includes('\n') || input.scrollHeight > input.clientHeight) {
      input.style.height = Math.min(input.scrollHeight, 200) + 'px';
    }
  }

  // ---- wiring -----------------------------------------------------------

  function init() {
    const input = $('composer-input');
    $('composer').addEventListener('submit', (e) => { e.preventDefault(); submit(); });
    let shiftEnter = false;
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') shiftEnter = e.shiftKey;
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
      else if (e.key === 'Tab' && !$('autocomplete').hidden) {
        const found = matches();
        if (found.length) { e.preventDefault(); complete(found[0]); }
      } else if (e.key === 'Escape') hideAutocomplete();
    });
    // Enter sends; only Shift+Enter breaks the line (a synthetic Enter may
    // insert its line break even when its keydown was handled).
    input.addEventListener('beforeinput', (e) => {
      if (e.inputType === 'insertLineBreak' && !shiftEnter) e.preventDefault();
    });
    input.addEventListener('input', () => { autosize(); showAutocomplete(); hideError(); });
    $('pins-button').addEventListener('click', () => togglePins());
    const box = $('messages');
    box.addEventListener('scroll', () => { S.follow = nearBottom(box); });
    // a narrower or shorter view (the pins panel, a resize) keeps the newest in sight
    new ResizeObserver(() => { if (S.follow) box.scrollTop = box.scrollHeight; }).observe(box);
    document.addEventListener('click', (e) => { if (!$('menu').contains(e.target)) closeMenu(); });
    connect();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
