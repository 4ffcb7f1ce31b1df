// Helpers that read and drive the VS Code workbench page through Playwright, shared by the user scenario and the .vsix check.
'use strict';

const STEP_MS = Number(process.env.PLAN43_E2E_WAIT_MS) > 0 ? Number(process.env.PLAN43_E2E_WAIT_MS) : 20_000;

/**
 * Runs in the page: the number on the Problems tab's badge (0 without a badge, -1 without the
 * tab), as { n }; with a condition, false until the number satisfies it.
 */
function problemBadge(cond) {
  let n = -1;
  for (const el of document.querySelectorAll('.part.panel .composite-bar .action-item')) {
    const label = el.querySelector('.action-label')?.getAttribute('aria-label') ?? el.textContent ?? '';
    if (!/problems/i.test(label)) continue;
    const badge = el.querySelector('.badge .badge-content');
    n = badge && badge.textContent ? Number(badge.textContent.replace(/\D/g, '')) || 0 : 0;
    break;
  }
  if (!cond) return { n };
  return (cond.op === '==' ? n === cond.value : n >= cond.value) ? { n } : false;
}

/** Text of the visible rows of the Problems panel. */
async function problemRows(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => (r.textContent || '').replace(/\u00a0/g, ' ')));
}

module.exports = { STEP_MS, problemBadge, problemRows };
