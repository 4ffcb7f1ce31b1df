// Helpers that read and drive the VS Code workbench page through Playwright, shared by the user scenario and the .vsix check.
'use strict';

const STEP_MS = Number(process.env.PLAN43_E2E_WAIT_MS) > 0 ? Number(process.env.PLAN43_E2E_WAIT_MS) : 20_000;
/**
 * The bound of a wait that includes a cold start: VS Code activating the extension beside its
 * built-in ones, then the server starting and checking the first plan. On two busy cores that
 * alone took 14 s, so the one wait that follows the opening of the first plan gets three steps.
 */
const START_MS = Number(process.env.PLAN43_E2E_START_MS) > 0 ? Number(process.env.PLAN43_E2E_START_MS) : 3 * STEP_MS;

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

/**
 * A runner of named steps that records each one in `steps` and logs it; a failed step is
 * screenshot (when a page is there) and, unless `keepGoing`, stops the run by throwing.
 */
function stepRunner({ steps, log, page = () => undefined, shot = undefined, keepGoing = false }) {
  return async (name, fn) => {
    const t = Date.now();
    try {
      const detail = await fn();
      steps.push({ name, ok: true, ms: Date.now() - t });
      log(`  ✓ ${name}${detail ? ` — ${detail}` : ''} (${Date.now() - t} ms)`);
    } catch (err) {
      steps.push({ name, ok: false, ms: Date.now() - t, error: err.message });
      log(`  ✗ ${name}\n      ${String(err.message).split('\n').slice(0, 6).join('\n      ')}`);
      const current = page();
      if (current && shot) await current.screenshot({ path: shot(`failed-${steps.length}`) }).catch(() => undefined);
      if (!keepGoing) throw err;
    }
  };
}

module.exports = { START_MS, STEP_MS, problemBadge, problemRows, stepRunner };
