// Discord-flavoured markdown, rendered by building DOM nodes. Text is
// untrusted (it comes from articles, models and people), so nothing here
// ever parses HTML: every character that is not markdown becomes a text
// node, and links are made only to http(s) URLs.
//
// window.footnoteMarkdown.render(text, ctx) returns a DocumentFragment;
// renderInline does the same without block syntax (embed titles, field
// names); toHTML serialises render's output (for tests). ctx may carry
// users (Map id -> display name) and channels (Map id -> name) to show
// <@id> and <#id> mentions.
(function () {
  'use strict';

  // Discord lets a backslash escape any ASCII punctuation.
  const ESCAPABLE = /[!-\/:-@\[-`{-~]/;

  // Inline delimiters, longest first, and the element each makes.
  const DELIMS = [
    ['**', 'strong'],
    ['__', 'u'],
    ['~~', 's'],
    ['||', 'span.md-spoiler'],
    ['*', 'em'],
    ['_', 'em'],
  ];

  function el(spec, cls) {
    const [tag, klass] = spec.split('.');
    const e = document.createElement(tag);
    if (klass || cls) e.className = klass || cls;
    return e;
  }

  // safeURL returns the URL if it is absolute http(s), else null.
  function safeURL(raw) {
    try {
      const u = new URL(raw);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '') return u.href;
    } catch (e) { /* not a URL */ }
    return null;
  }

  function link(href, children) {
    const a = el('a', 'md-link');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer nofollow';
    a.title = href;
    a.append(...children);
    return a;
  }

  function escaped(text, i) {
    let n = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) n++;
    return n % 2 === 1;
  }

  const isWordChar = (c) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

  // findClose finds the closing delimiter for one opened at from, or -1.
  function findClose(text, delim, from) {
    let i = from;
    for (;;) {
      i = text.indexOf(delim, i);
      if (i < 0) return -1;
      if (escaped(text, i)) { i += 1; continue; }
      if (delim.length === 1 && text[i + 1] === delim) {
        // "**" inside "*...*": skip the pair
        i += 2;
        continue;
      }
      if (delim === '_' && isWordChar(text[i + 1])) { i += 1; continue; }
      if (delim.length === 1 && /\s/.test(text[i - 1] || '')) { i += 1; continue; }
      return i;
    }
  }

  const URL_BARE = /^https?:\/\/[^\s<]*[^\s<.,:;"')\]!?*_~|]/;
  const LINK_MASKED = /^\[((?:\\.|[^\[\]\\])+)\]\(\s*<?(https?:\/\/[^\s<>()]+)>?\s*\)/;

  // inline renders text without block syntax into nodes.
  function inline(text, ctx, depth) {
    const out = [];
    let buf = '';
    const flush = () => {
      if (buf) { out.push(document.createTextNode(buf)); buf = ''; }
    };
    if (depth > 8) return [document.createTextNode(text)];
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      const rest = text.slice(i);

      if (c === '\\' && i + 1 < text.length && ESCAPABLE.test(text[i + 1])) {
        buf += text[i + 1];
        i += 2;
        continue;
      }

      if (c === '`') {
        let n = 1;
        while (text[i + n] === '`') n++;
        const fence = '`'.repeat(n);
        const close = text.indexOf(fence, i + n);
        if (close > i + n) {
          flush();
          const code = el('code', 'md-code');
          let body = text.slice(i + n, close);
          if (n > 1 && body.startsWith(' ') && body.endsWith(' ')) body = body.slice(1, -1);
          code.textContent = body;
          out.push(code);
          i = close + n;
          continue;
        }
        buf += fence;
        i += n;
        continue;
      }

      let matched = false;
      for (const [delim, tag] of DELIMS) {
        if (!text.startsWith(delim, i)) continue;
        const inner = i + delim.length;
        if (delim.length === 1 && /\s/.test(text[inner] || ' ')) break; // "* item", "_ "
        if (delim === '_' && isWordChar(text[i - 1])) break;             // snake_case
        const close = findClose(text, delim, inner);
        if (close > inner) {
          flush();
          const e = el(tag);
          e.append(...inline(text.slice(inner, close), ctx, depth + 1));
          out.push(e);
          i = close + delim.length;
          matched = true;
        }
        break;
      }
      if (matched) continue;

      if (c === '[') {
        const m = LINK_MASKED.exec(rest);
        const href = m && safeURL(m[2]);
        if (href) {
          flush();
          out.push(link(href, inline(m[1], ctx, depth + 1)));
          i += m[0].length;
          continue;
        }
      }

      if (c === '<') {
        let m = /^<(https?:\/\/[^\s<>]+)>/.exec(rest);
        const href = m && safeURL(m[1]);
        if (href) {
          flush();
          out.push(link(href, [document.createTextNode(m[1])]));
          i += m[0].length;
          continue;
        }
        m = /^<@!?(\d+)>/.exec(rest);
        if (m) {
          flush();
          const span = el('span', 'md-mention');
          const name = ctx.users && ctx.users.get(m[1]);
          span.textContent = '@' + (name || 'unknown-user');
          out.push(span);
          i += m[0].length;
          continue;
        }
        m = /^<#(\d+)>/.exec(rest);
        if (m) {
          flush();
          const span = el('span', 'md-mention');
          const name = ctx.channels && ctx.channels.get(m[1]);
          span.textContent = '#' + (name || 'unknown');
          out.push(span);
          i += m[0].length;
          continue;
        }
        m = /^<t:(-?\d+)(?::[tTdDfFR])?>/.exec(rest);
        if (m) {
          flush();
          const t = el('time', 'md-time');
          const d = new Date(Number(m[1]) * 1000);
          t.textContent = isNaN(d) ? m[0] : d.toLocaleString();
          out.push(t);
          i += m[0].length;
          continue;
        }
      }

      if (c === 'h' && (i === 0 || /[\s(]/.test(text[i - 1]))) {
        const m = URL_BARE.exec(rest);
        const href = m && safeURL(m[0]);
        if (href) {
          flush();
          out.push(link(href, [document.createTextNode(m[0])]));
          i += m[0].length;
          continue;
        }
      }

      buf += c;
      i++;
    }
    flush();
    return out;
  }

  // render renders text with Discord's block syntax: ``` fences, > and >>>
  // quotes, -# small text, # headings and - lists; other lines keep their
  // line breaks.
  function render(text, ctx, depth) {
    ctx = ctx || {};
    depth = depth || 0;
    const frag = document.createDocumentFragment();
    const lines = String(text == null ? '' : text).split('\n');
    let para = null;
    const addLine = (nodes) => {
      if (!para) {
        para = el('div', 'md-p');
        frag.append(para);
      } else {
        para.append(document.createElement('br'));
      }
      para.append(...nodes);
    };
    const block = (node) => {
      para = null;
      frag.append(node);
    };

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];

      if (line.startsWith('```')) {
        let end = -1;
        for (let j = i; j < lines.length; j++) {
          const from = j === i ? 3 : 0;
          if (lines[j].indexOf('```', from) >= 0) { end = j; break; }
        }
        if (end >= 0) {
          const pre = el('pre', 'md-codeblock');
          const code = document.createElement('code');
          let body;
          if (end === i) {
            body = line.slice(3, line.indexOf('```', 3));
          } else {
            const first = line.slice(3).trim();
            const inner = lines.slice(i + 1, end);
            const last = lines[end].slice(0, lines[end].indexOf('```'));
            if (last.trim() !== '') inner.push(last);
            // a word after the fence names the language; anything else is code
            if (first !== '' && !/^[\w+#.-]+$/.test(first)) inner.unshift(first);
            body = inner.join('\n');
          }
          code.textContent = body;
          pre.append(code);
          block(pre);
          i = end;
          continue;
        }
      }

      if (line.startsWith('>>> ') && depth === 0) {
        const q = el('blockquote', 'md-quote');
        q.append(render([line.slice(4)].concat(lines.slice(i + 1)).join('\n'), ctx, depth + 1));
        block(q);
        break;
      }

      if ((line.startsWith('> ') || line === '>') && depth === 0) {
        const quoted = [];
        while (i < lines.length && (lines[i].startsWith('> ') || lines[i] === '>')) {
          quoted.push(lines[i].slice(2));
          i++;
        }
        i--;
        const q = el('blockquote', 'md-quote');
        q.append(render(quoted.join('\n'), ctx, depth + 1));
        block(q);
        continue;
      }

      let m = /^-# (.*)$/.exec(line);
      if (m) {
        const small = el('div', 'md-subtext');
        small.append(...inline(m[1], ctx, 0));
        block(small);
        continue;
      }

      m = /^(#{1,3}) (.+)$/.exec(line);
      if (m) {
        const h = el('div', 'md-h' + m[1].length);
        h.append(...inline(m[2], ctx, 0));
        block(h);
        continue;
      }

      m = /^(\s*)([-*]|\d{1,9}\.) (.+)$/.exec(line);
      if (m) {
        const ordered = /\d/.test(m[2]);
        const list = el(ordered ? 'ol' : 'ul', 'md-list');
        if (ordered) list.start = parseInt(m[2], 10);
        while (i < lines.length) {
          const lm = /^(\s*)([-*]|\d{1,9}\.) (.+)$/.exec(lines[i]);
          if (!lm || /\d/.test(lm[2]) !== ordered) break;
          const li = document.createElement('li');
          li.append(...inline(lm[3], ctx, 0));
          list.append(li);
          i++;
        }
        i--;
        block(list);
        continue;
      }

      addLine(inline(line, ctx, 0));
    }
    return frag;
  }

  function renderInline(text, ctx) {
    const frag = document.createDocumentFragment();
    frag.append(...inline(String(text == null ? '' : text), ctx || {}, 0));
    return frag;
  }

  function toHTML(text, ctx) {
    const d = document.createElement('div');
    d.append(render(text, ctx));
    return d.innerHTML;
  }

  window.footnoteMarkdown = Object.freeze({ render, renderInline, toHTML, safeURL });
})();
