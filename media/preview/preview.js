// The preview page's script: lays the plan's blocks out on A4 pages as Word does (keep with next, keep lines together, no single line alone at the foot or head of a page, footnotes at the foot of their page) and keeps the preview in step with the editor.
(function () {
  'use strict';

  /** The messaging of a VS Code webview; absent in a page opened from a file. */
  const host = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const PX_PER_MM = 96 / 25.4;
  const PX_PER_PT = 96 / 72;
  /** The rule above a page's footnotes and the space around it (see .page-notes in preview.css). */
  const NOTE_SEPARATOR_PT = 9;
  /** Lines of a paragraph that may stand alone at the foot or the head of a page: none, as Word's widow and orphan control. */
  const MIN_LINES = 2;

  const source = document.getElementById('plan43-source');
  const pagesEl = document.getElementById('plan43-pages');
  let data = { findings: [], ui: {}, page: undefined };
  /** Elements with the source lines they show, in page order, for scrolling in step. */
  let lineElements = [];
  let ignoreScrollUntil = 0;
  /** The plan shown, remembered with the scroll position so that VS Code can restore the preview. */
  let shownUri;
  /** The classes a page shares with the galley ("doc v-party"). */
  let pageClasses = 'doc';

  function readData() {
    const el = document.getElementById('plan43-data');
    try {
      data = el ? JSON.parse(el.textContent) : data;
    } catch (err) {
      data = { findings: [], ui: {}, page: undefined };
    }
  }

  function keeps(el, what) {
    return (el.getAttribute('data-keep') || '').split(' ').indexOf(what) >= 0;
  }

  /** What pagination needs to know of a block, measured where it is drawn at the width of the text. */
  function measure(el) {
    const style = getComputedStyle(el);
    const block = {
      el: el,
      height: el.getBoundingClientRect().height,
      keepNext: keeps(el, 'next'),
      keepLines: keeps(el, 'lines') || keeps(el, 'together') || el.tagName !== 'P',
      lines: 1,
      lineHeight: 0,
      padTop: parseFloat(style.paddingTop) || 0,
      padBottom: parseFloat(style.paddingBottom) || 0,
      refs: [],
    };
    if (el.tagName === 'P') {
      block.lineHeight = parseFloat(style.lineHeight) || block.height;
      block.lines = Math.max(1, Math.round((block.height - block.padTop - block.padBottom) / block.lineHeight));
    }
    const top = el.getBoundingClientRect().top;
    el.querySelectorAll('.fnref').forEach(function (ref) {
      block.refs.push({ n: ref.getAttribute('data-n'), y: ref.getBoundingClientRect().top - top });
    });
    return block;
  }

  function newPage(number) {
    const page = document.createElement('div');
    // The page takes the galley's classes: the document's font and measures.
    page.className = 'page ' + pageClasses;
    page.setAttribute('aria-label', (data.ui.page || 'Page {0}').replace('{0}', String(number)));
    const body = document.createElement('div');
    body.className = 'page-body';
    const notes = document.createElement('div');
    notes.className = 'page-notes';
    page.appendChild(body);
    page.appendChild(notes);
    if (data.page && number >= data.page.fromPage) {
      const n = document.createElement('div');
      n.className = 'page-number';
      n.textContent = String(number);
      page.appendChild(n);
    }
    pagesEl.appendChild(page);
    return { page: page, body: body, notes: notes, used: 0, notesUsed: 0, noteSet: {}, placed: [] };
  }

  /** A piece of a paragraph: the lines [first, last) of a copy of it, cut out with a clipping box. */
  function piece(block, first, last) {
    const box = document.createElement('div');
    box.className = 'cut';
    const copy = block.el.cloneNode(true);
    const top = first === 0 ? 0 : block.padTop + first * block.lineHeight;
    const bottom = last === block.lines ? block.height : block.padTop + last * block.lineHeight;
    copy.style.marginTop = -top + 'px';
    box.style.height = bottom - top + 'px';
    box.appendChild(copy);
    return { box: box, height: bottom - top, top: top, bottom: bottom };
  }

  /** Runs once the page content has changed: the blocks of the galley onto pages. */
  function paginate() {
    readData();
    const galley = document.getElementById('plan43-galley');
    const notesSource = document.getElementById('plan43-notes');
    pagesEl.textContent = '';
    document.body.classList.remove('paged');
    if (!galley || !data.page) return;
    pageClasses = galley.className.replace(/\bgalley\b/, '').trim();
    const page = data.page;
    const capacity = (page.height - page.margins.top - page.margins.bottom) * PX_PER_MM;
    const separator = NOTE_SEPARATOR_PT * PX_PER_PT;
    const notes = {};
    Array.prototype.forEach.call(notesSource ? notesSource.children : [], function (el) {
      notes[el.getAttribute('data-n')] = { el: el, height: el.getBoundingClientRect().height };
    });
    const blocks = Array.prototype.map.call(galley.children, measure);

    const pages = [];
    let cur = newPage(1);
    pages.push(cur);
    /** Height the footnotes of these references add to a page. */
    const notesFor = function (p, refs) {
      let h = 0;
      refs.forEach(function (r) {
        if (notes[r.n] && !p.noteSet[r.n]) h += notes[r.n].height;
      });
      return h > 0 && p.notesUsed === 0 ? h + separator : h;
    };
    const addNotes = function (p, refs) {
      p.notesUsed += notesFor(p, refs);
      refs.forEach(function (r) {
        if (!notes[r.n] || p.noteSet[r.n]) return;
        p.noteSet[r.n] = true;
        p.notes.appendChild(notes[r.n].el.cloneNode(true));
      });
    };
    const place = function (p, el, height, refs, block, whole) {
      p.body.appendChild(el);
      p.used += height;
      addNotes(p, refs);
      p.placed.push({ block: block, el: el, height: height, refs: refs, whole: whole });
    };
    const fits = function (p, height, refs) {
      return p.used + height + p.notesUsed + notesFor(p, refs) <= capacity + 0.5;
    };
    const next = function () {
      cur = newPage(pages.length + 1);
      pages.push(cur);
    };

    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (fits(cur, b.height, b.refs)) {
        place(cur, b.el.cloneNode(true), b.height, b.refs, b, true);
        continue;
      }
      // A paragraph that may break: as many lines as fit here, at least two on each page.
      if (!b.keepLines && b.lines >= 2 * MIN_LINES && cur.used > 0) {
        let k = b.lines - MIN_LINES;
        for (; k >= MIN_LINES; k--) {
          const cut = b.padTop + k * b.lineHeight;
          const refs = b.refs.filter(function (r) {
            return r.y < cut;
          });
          if (fits(cur, cut, refs)) break;
        }
        if (k >= MIN_LINES) {
          const first = piece(b, 0, k);
          const rest = piece(b, k, b.lines);
          place(cur, first.box, first.height, b.refs.filter(function (r) {
            return r.y < first.bottom;
          }), b, false);
          next();
          place(cur, rest.box, rest.height, b.refs.filter(function (r) {
            return r.y >= first.bottom;
          }), b, false);
          continue;
        }
      }
      // The block goes to the next page with the blocks before it that must stay with it
      // (a heading, "Trên đây là …"), unless they are all this page has.
      const moving = [];
      for (let j = cur.placed.length - 1; j >= 0 && cur.placed[j].whole && cur.placed[j].block.keepNext; j--) moving.unshift(cur.placed[j]);
      if (moving.length > 0 && moving.length < cur.placed.length) {
        moving.forEach(function (m) {
          cur.body.removeChild(m.el);
          cur.used -= m.height;
        });
        cur.placed.length -= moving.length;
        // Footnotes of the moved blocks go with them.
        cur.notes.textContent = '';
        cur.notesUsed = 0;
        cur.noteSet = {};
        cur.placed.forEach(function (m) {
          addNotes(cur, m.refs);
        });
      } else {
        moving.length = 0;
      }
      if (cur.placed.length > 0) next();
      moving.forEach(function (m) {
        place(cur, m.el, m.height, m.refs, m.block, true);
      });
      // Taller than a page (a very long list of recipients): it overflows its page, as it would in Word.
      place(cur, b.el.cloneNode(true), b.height, b.refs, b, true);
      if (!fits(cur, 0, [])) cur.page.classList.add('overflow');
    }

    document.body.classList.add('paged');
    fitToWidth();
    // Scrolling in step follows the text in its order: the recipients and the signature are
    // written in the front matter but printed at the end, so they take no part in it.
    lineElements = Array.prototype.filter.call(pagesEl.querySelectorAll('[data-line]'), function (el) {
      return !el.closest('.t-closing');
    });
  }

  /** Pages narrower than A4 when the view is narrower (a preview beside the editor); printed at their size. */
  function fitToWidth() {
    if (!data.page) return;
    const available = document.documentElement.clientWidth - 24;
    const zoom = Math.min(1, available / (data.page.width * PX_PER_MM));
    pagesEl.style.zoom = zoom > 0 ? String(zoom) : '1';
  }

  window.addEventListener('resize', function () {
    const anchor = lineAtTop();
    fitToWidth();
    if (anchor !== undefined) scrollToLine(anchor);
  });

  // -------------------------------------------------------------------------------------------
  // In step with the editor
  // -------------------------------------------------------------------------------------------

  function bannerHeight() {
    const banner = document.querySelector('.banner');
    return banner ? banner.getBoundingClientRect().height : 0;
  }

  /** The source line at the top of the view. */
  function lineAtTop() {
    const top = bannerHeight() + 1;
    for (let i = 0; i < lineElements.length; i++) {
      const el = lineElements[i];
      const r = el.getBoundingClientRect();
      if (r.bottom <= top || r.height === 0) continue;
      const first = Number(el.getAttribute('data-line'));
      const last = Number(el.getAttribute('data-line-end'));
      const share = Math.min(1, Math.max(0, (top - r.top) / r.height));
      return Math.floor(first + share * (last - first + 1));
    }
    return undefined;
  }

  function scrollToLine(line) {
    let best;
    // Above the body (the front matter): the top of the first page.
    const firstBody = lineElements.filter(function (el) {
      return !el.closest('.t-header');
    })[0];
    if (firstBody && line < Number(firstBody.getAttribute('data-line')) && !lineElements.some(function (el) {
      return el.closest('.t-header') && Number(el.getAttribute('data-line')) <= line && line <= Number(el.getAttribute('data-line-end'));
    })) {
      ignoreScrollUntil = Date.now() + 150;
      window.scrollTo(0, 0);
      return;
    }
    for (let i = 0; i < lineElements.length; i++) {
      const el = lineElements[i];
      const first = Number(el.getAttribute('data-line'));
      const last = Number(el.getAttribute('data-line-end'));
      if (first <= line && line <= last) {
        best = { el: el, share: (line - first) / (last - first + 1) };
        break;
      }
      if (first <= line && (!best || Number(best.el.getAttribute('data-line')) <= first)) best = { el: el, share: 0 };
    }
    if (!best) {
      window.scrollTo(0, 0);
      return;
    }
    const r = best.el.getBoundingClientRect();
    ignoreScrollUntil = Date.now() + 150;
    window.scrollTo(0, window.scrollY + r.top + best.share * r.height - bannerHeight() - 8);
  }

  let scrollPending = false;
  window.addEventListener('scroll', function () {
    if (!host || scrollPending) return;
    scrollPending = true;
    requestAnimationFrame(function () {
      scrollPending = false;
      if (Date.now() < ignoreScrollUntil) return;
      const line = lineAtTop();
      if (line !== undefined) {
        host.setState({ uri: shownUri, line: line });
        host.postMessage({ type: 'revealLine', line: line });
      }
    });
  });

  function findingRange(id) {
    const f = data.findings.filter(function (x) {
      return String(x.id) === String(id);
    })[0];
    return f && f.range;
  }

  document.addEventListener('click', function (e) {
    const target = e.target instanceof Element ? e.target.closest('[data-f]') : null;
    if (!target) return;
    e.preventDefault();
    const id = target.getAttribute('data-f').split(' ')[0];
    const range = findingRange(id);
    if (host && range) host.postMessage({ type: 'reveal', range: range });
  });

  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter') return;
    const target = e.target instanceof Element ? e.target.closest('mark[data-f]') : null;
    if (target) target.click();
  });

  document.addEventListener('dblclick', function (e) {
    const target = e.target instanceof Element ? e.target.closest('[data-line]') : null;
    if (host && target) host.postMessage({ type: 'openLine', line: Number(target.getAttribute('data-line')) });
  });

  window.addEventListener('message', function (e) {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'state') {
      shownUri = m.uri;
      host.setState({ uri: shownUri, line: lineAtTop() });
    } else if (m.type === 'update') {
      shownUri = m.uri;
      const anchor = lineAtTop();
      const formats = document.getElementById('plan43-formats');
      if (formats && typeof m.css === 'string') formats.textContent = m.css;
      source.innerHTML = m.body;
      paginate();
      if (anchor !== undefined) scrollToLine(anchor);
      setUnsaved(!!m.unsaved);
      if (host) host.postMessage({ type: 'rendered', version: m.version, pages: pagesEl.children.length });
    } else if (m.type === 'scrollToLine') {
      scrollToLine(m.line);
    } else if (m.type === 'unsaved') {
      setUnsaved(!!m.unsaved);
    }
  });

  function setUnsaved(on) {
    document.querySelectorAll('.banner .unsaved').forEach(function (el) {
      el.hidden = !on;
    });
  }

  function start() {
    paginate();
    const state = host && host.getState();
    if (state && typeof state.line === 'number') scrollToLine(state.line);
    if (host) host.postMessage({ type: 'ready', pages: pagesEl.children.length });
  }

  // Pages are measured with the page's fonts: wait for them, then lay out.
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(start, start);
  else start();
})();
