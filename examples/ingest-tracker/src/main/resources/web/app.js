'use strict';
// The tracker's page: plain DOM, no library, nothing fetched but this app's own API.
// Live: every view on screen is refreshed by short polling (every 2 s) while the tab is visible.
(function () {
  const POLL_MS = 2000;
  const state = { query: '', instance: null, selectedId: null };
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined) return;
      if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
    });
    children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return e;
  }

  const pad = (n) => String(n).padStart(2, '0');
  // In the browser's own time zone, in one unambiguous format.
  function time(ms) {
    if (ms === null || ms === undefined) return '—';
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
  function duration(ms) {
    if (ms === null || ms === undefined) return '';
    const s = Math.round(ms / 1000);
    if (s < 60) return `${s}s`;
    const m = Math.floor(s / 60), h = Math.floor(m / 60), d = Math.floor(h / 24);
    if (d > 0) return `${d}d ${h % 24}h`;
    if (h > 0) return `${h}h ${m % 60}m`;
    return `${m}m ${s % 60}s`;
  }
  const badge = (status, stuck) => el('span', { class: 'badge ' + status + (stuck ? ' stuck' : ''), title: stuck ? 'stuck' : status }, status);

  async function api(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.message || r.statusText);
    return body;
  }

  // Replaces a table's rows; a row that had the keyboard focus keeps it across the live refresh.
  function fill(tbody, rows, emptyText, columns) {
    const focused = tbody.contains(document.activeElement) ? document.activeElement : null;
    const key = focused && (focused.getAttribute('data-id') || focused.getAttribute('data-instance'));
    tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colSpan: columns, class: 'muted' }, emptyText))]));
    if (key) {
      const again = rows.find((r) => r.getAttribute('data-id') === key || r.getAttribute('data-instance') === key);
      if (again) again.focus();
    }
  }

  async function refreshInstances() {
    const data = await api('api/instances');
    const rows = data.instances.map((i) => {
      const inQueue = Object.entries(i.byStatus).map(([s, n]) => `${s} ${n}`).join(' · ') || '—';
      const tr = el('tr', { tabIndex: 0, 'data-instance': i.instance, class: i.instance === state.instance ? 'selected' : '' },
        el('td', {}, i.instance), el('td', {}, inQueue), el('td', {}, i.completed), el('td', {}, i.errored),
        el('td', {}, i.errorRate === null ? '—' : (100 * i.errorRate).toFixed(1) + '%'),
        el('td', {}, i.p50RequestToDoneMs === null ? '—' : `${duration(i.p50RequestToDoneMs)} / ${duration(i.p95RequestToDoneMs)}`),
        el('td', {}, i.stuckEntries));
      const open = () => { state.instance = i.instance; state.query = ''; $('search').value = ''; refreshResults(); refreshInstances(); };
      tr.addEventListener('click', open);
      tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
      return tr;
    });
    fill($('instances').tBodies[0], rows, 'No instance seen yet.', 7);
  }

  function ingestRow(i) {
    const file = el('td', {}, el('div', { class: 'path' }, i.label));
    if (i.statusError) file.append(el('div', { class: 'error' }, i.statusError));
    const tr = el('tr', { tabIndex: 0, 'data-id': i.id, class: i.id === state.selectedId ? 'selected' : '' },
      el('td', {}, badge(i.status, i.stuckForMs !== null)), file, el('td', {}, i.instance),
      el('td', {}, time(i.requestTimeMs)), el('td', {}, time(i.updatedAtMs)));
    const open = () => { state.selectedId = i.id; refreshTimeline(); refreshResults(); };
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    return tr;
  }

  async function refreshResults() {
    let items = [];
    if (state.query) {
      $('results-title').textContent = `Ingests matching “${state.query}”`;
      items = (await api('api/search?limit=100&q=' + encodeURIComponent(state.query))).items;
    } else if (state.instance) {
      $('results-title').textContent = `Ingests of ${state.instance}`;
      items = (await api(`api/instances/${encodeURIComponent(state.instance)}/ingests?limit=100`)).items;
    } else {
      return;
    }
    $('results-hint').hidden = true;
    fill($('results').tBodies[0], items.map(ingestRow), 'Nothing found.', 5);
  }

  async function refreshTimeline() {
    if (!state.selectedId) return;
    const i = await api('api/ingests/' + encodeURIComponent(state.selectedId));
    $('timeline-section').hidden = false;
    $('timeline-file').textContent = `${i.label} (${i.instance}, requested ${time(i.requestTimeMs)})`;
    $('timeline').replaceChildren(...i.timeline.map((s) => el('li', { 'data-status': s.status },
      badge(s.status, s.current && i.stuckForMs !== null),
      el('span', { class: 'when' }, 'entered ' + time(s.enteredAtMs)),
      el('span', { class: 'spent' }, s.spentMs === null ? (s.current ? 'final status' : '')
        : (s.current ? 'for ' : 'spent ') + duration(s.spentMs)))));
    if (i.statusError) $('timeline').append(el('li', { class: 'error' }, i.statusError));
    if (!i.inQueue) $('timeline').append(el('li', { class: 'muted' }, 'left the queue ' + time(i.leftQueueAtMs)));
  }

  async function refreshAttention() {
    const a = await api('api/attention?limit=20');
    const stuck = a.stuck.map((s) => el('li', { 'data-id': s.id }, badge(s.status, true), ' ',
      el('span', { class: 'path' }, s.label), ` on ${s.instance}, for ${duration(s.stuckForMs)}`));
    $('attention-stuck').replaceChildren(...(stuck.length ? stuck : [el('li', { class: 'muted' }, `Nothing stuck for more than ${duration(a.stuckThresholdMs)}.`)]));
    const errored = a.errored.map((i) => el('li', { 'data-id': i.id }, badge('ERRORED'), ' ',
      el('span', { class: 'path' }, i.label), ` on ${i.instance}`, el('div', { class: 'error' }, i.statusError || '(no message)')));
    $('attention-errored').replaceChildren(...(errored.length ? errored : [el('li', { class: 'muted' }, 'No ERRORED ingest.')]));
  }

  async function refreshAll() {
    try {
      await Promise.all([refreshInstances(), refreshResults(), refreshTimeline(), refreshAttention()]);
      $('live').textContent = 'live, updated ' + time(Date.now());
    } catch (e) {
      $('live').textContent = 'cannot reach the tracker: ' + e.message;
    }
  }

  $('tz').textContent = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.query = $('search').value.trim();
    state.instance = null;
    refreshAll();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === '/' && document.activeElement !== $('search')) { e.preventDefault(); $('search').focus(); }
  });
  refreshAll();
  setInterval(() => { if (!document.hidden) refreshAll(); }, POLL_MS);
})();
