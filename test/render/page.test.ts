// The preview page in Chromium as a webview shows it: plan text never runs (injection), nothing is fetched, the page stays white in dark and high-contrast themes, and the page talks to the editor (reveal a finding, scroll in step, live updates).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parsePlan } from '../../server/src/core/document/parse';
import { checkText } from '../../server/src/core/engine';
import { layoutPlan } from '../../server/src/core/export/index';
import { previewPage } from '../../server/src/node/preview';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';
import { launch, openPage, resultsDir } from './support';

const kb = (): ReturnType<typeof bundledKnowledge>['kb'] => bundledKnowledge().kb;

/** A page as the language server draws it for the preview: findings marked, banner, data for the script. */
function servedPage(text: string, name: string): ReturnType<typeof previewPage> {
  const plan = parsePlan(name, text);
  const findings = checkText(name, text, kb(), { lang: 'vi' }).findings;
  const blocking = checkText(name, text, kb(), { lang: 'vi', mode: 'submission' }).findings.filter((f) => f.severity === 'error').length;
  return previewPage(layoutPlan(plan, kb()), plan, { lang: 'vi', findings, blocking, title: name });
}

const ATTACKS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"></svg>',
  '<iframe src="javascript:parent.__pwned = \'iframe\'"></iframe>',
  '</p></div><script>window.__pwned = "closed"</script>',
  '<style>body { display: none }</style>',
  '<a href="javascript:window.__pwned = \'link\'">bấm</a>',
  '"><script>window.__pwned = "attribute"</script>',
  '</script><script>window.__pwned = "data"</script>',
];

function hostilePlan(): string {
  const attack = ATTACKS.join(' ');
  const q = (s: string): string => JSON.stringify(s);
  return [
    '---',
    'template: nq43',
    'variant: party',
    `kind: ${q(`KẾ HOẠCH ${ATTACKS[0]}`)}`,
    `issuer: ${q(`Ban Thường vụ Tỉnh ủy ${ATTACKS[1]}`)}`,
    `number: ${q(`Số 12-KH/TU ${ATTACKS[2]}`)}`,
    `place: ${q(ATTACKS[3])}`,
    `date: ${q(`ngày 05 tháng 6 năm 2024 ${ATTACKS[4]}`)}`,
    `subject: ${q(attack)}`,
    'recipients:',
    ...ATTACKS.map((a) => `  - ${q(a)}`),
    'signer:',
    `  authority: ${q(`T/M BAN THƯỜNG VỤ ${ATTACKS[5]}`)}`,
    `  title: ${q(ATTACKS[6])}`,
    `  name: ${q(ATTACKS[7])}`,
    '---',
    '',
    ...ATTACKS.flatMap((a) => [a, '']),
    `## I. MỤC ĐÍCH, YÊU CẦU ${ATTACKS[8]}`,
    '',
    `Nội dung *${ATTACKS[0]}* **${ATTACKS[1]}**[^1] ${'`'}${ATTACKS[2]}${'`'}`,
    '',
    `- ${attack}`,
    '',
    `[^1]: ${attack}`,
    '',
  ].join('\n');
}

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

describe('render: the preview page in Chromium', function () {
  let browser: Browser;
  const dir = resultsDir('page');

  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('plan text that looks like HTML or script shows as text and never runs, in every place of the page', async () => {
    const file = path.join(dir, 'hostile.html');
    const served = servedPage(hostilePlan(), 'hostile.md');
    fs.writeFileSync(file, served.document);
    const requests: string[] = [];
    const { page, errors } = await openPage(browser, file, { host: true });
    try {
      page.on('request', (r) => requests.push(r.url()));
      assert.equal(await pwned(page), undefined, 'no plan text ran');
      // Nothing the plan brought became an element: no image, frame, SVG, link or style of its own.
      const counts = await page.evaluate(() => ({
        img: document.querySelectorAll('img').length,
        iframe: document.querySelectorAll('iframe').length,
        svg: document.querySelectorAll('svg').length,
        link: document.querySelectorAll('a[href^="javascript"]').length,
        style: document.querySelectorAll('style').length,
        scripts: document.querySelectorAll('script').length,
      }));
      assert.deepEqual(counts, { img: 0, iframe: 0, svg: 0, link: 0, style: 2, scripts: 2 });
      // Every attack is on the pages, as the drafter typed it.
      const text = await page.locator('#plan43-pages').innerText();
      for (const a of ATTACKS) assert.ok(text.replace(/\s+/gu, ' ').includes(a.replace(/\s+/gu, ' ')), `shown as text: ${a}`);
      // An update through the webview's messaging is drawn by the same escaping.
      await page.evaluate((body) => window.postMessage({ type: 'update', uri: 'file:///hostile.md', version: 2, body, css: '' }, '*'), served.body);
      await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'rendered'));
      assert.equal(await pwned(page), undefined, 'no plan text ran after an update');
      // Clicking what a plan calls a link does nothing.
      await page.locator('#plan43-pages').getByText('bấm').first().click();
      assert.equal(await pwned(page), undefined);
      await page.screenshot({ path: path.join(dir, 'hostile.png') });
      assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'nothing fetched from the network');
      // The policy itself: a script without the nonce is refused.
      const refused = await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__pwned = "injected"';
        document.body.appendChild(s);
        return (window as unknown as { __pwned?: unknown }).__pwned;
      });
      assert.equal(refused, undefined, 'the Content-Security-Policy refuses a script without the nonce');
      assert.ok(errors.every((e) => /Content Security Policy|Content-Security-Policy/u.test(e)), errors.join('\n'));
    } finally {
      await page.close();
    }
  });

  it('the page stays white with black text in light, dark and high-contrast themes, the editor\'s colours around it', async () => {
    const file = path.join(dir, 'themes.html');
    fs.writeFileSync(file, servedPage(fs.readFileSync(path.join(PLAN_FIXTURES, 'clean-party.md'), 'utf8'), 'clean-party.md').document);
    const seen: Record<string, unknown> = {};
    for (const theme of ['vscode-light', 'vscode-dark', 'vscode-high-contrast']) {
      const { page } = await openPage(browser, file, { bodyClass: theme });
      try {
        const dark = theme !== 'vscode-light';
        if (dark) await page.addStyleTag({ content: 'body { --vscode-editor-background: #1e1e1e; --vscode-foreground: #cccccc; --vscode-contrastBorder: #6fc3df; }' }).catch(() => undefined);
        seen[theme] = await page.evaluate(() => {
          const pageEl = document.querySelector('#plan43-pages > .page')!;
          const p = pageEl.querySelector('p[data-role="body"]')!;
          return {
            paper: getComputedStyle(pageEl).backgroundColor,
            ink: getComputedStyle(p).color,
            outline: getComputedStyle(pageEl).outlineStyle,
          };
        });
        await page.screenshot({ path: path.join(dir, `theme-${theme}.png`) });
      } finally {
        await page.close();
      }
    }
    for (const theme of Object.keys(seen)) {
      const s = seen[theme] as { paper: string; ink: string; outline: string };
      assert.equal(s.paper, 'rgb(255, 255, 255)', `${theme}: white paper`);
      assert.equal(s.ink, 'rgb(0, 0, 0)', `${theme}: black ink`);
    }
    assert.equal((seen['vscode-high-contrast'] as { outline: string }).outline, 'solid', 'high contrast draws the page\'s edge');
  });

  it('talks to the editor: a click on a finding reveals its range, scrolling says the line at the top, the editor\'s line scrolls the page', async () => {
    const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-003-kien-giang.md'), 'utf8');
    const served = servedPage(text, 'seed-003-kien-giang.md');
    const file = path.join(dir, 'seed-003.html');
    fs.writeFileSync(file, served.document);
    const { page, errors } = await openPage(browser, file, { host: true, viewport: { width: 1000, height: 900 } });
    try {
      const posted = (): Promise<Array<Record<string, unknown>>> => page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted.slice());
      assert.ok((await posted()).some((m) => m.type === 'ready' && Number(m.pages) > 5), 'the page says it is ready, with its pages');
      // The "khóa XVII" defect on line 33 is marked; a click asks the editor to reveal its range.
      const mark = page.locator('#plan43-pages mark.finding', { hasText: 'XVII' }).first();
      assert.match((await mark.getAttribute('title')) ?? '', /citation\.term-mismatch[\s\S]*Sửa nhanh: Sửa thành khóa XIII/u);
      await mark.click();
      const reveal = (await posted()).find((m) => m.type === 'reveal') as { range: { start: { line: number; character: number }; end: { line: number; character: number } } };
      assert.ok(reveal, 'a reveal message');
      const line = text.split('\n')[reveal.range.start.line];
      assert.equal(line.slice(reveal.range.start.character, reveal.range.end.character), 'XVII');
      // Scrolling the page by hand tells the editor which line is at the top.
      await page.evaluate(() => window.scrollBy(0, 1500));
      await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'revealLine'), undefined, { timeout: 10_000 });
      const revealLine = (await posted()).filter((m) => m.type === 'revealLine').pop() as { line: number };
      const scrolledTo = await page.evaluate(() => window.scrollY);
      assert.ok(revealLine.line > 20, `the editor is asked for line ${revealLine.line}`);
      // The editor scrolled to line 100: the page shows the block of that line at its top.
      const target = 100;
      await page.evaluate((l) => window.postMessage({ type: 'scrollToLine', line: l }, '*'), target);
      await page.waitForFunction((y) => Math.abs(window.scrollY - y) > 10, scrolledTo);
      const top = await page.evaluate(() => {
        const banner = document.querySelector('.banner')!.getBoundingClientRect().height;
        const els = Array.from(document.querySelectorAll('#plan43-pages [data-line]'));
        const el = els.find((e) => e.getBoundingClientRect().bottom > banner + 2)!;
        return [Number(el.getAttribute('data-line')), Number(el.getAttribute('data-line-end'))];
      });
      assert.ok(top[0] <= target + 1 && top[1] >= target - 3, `block at the top: lines ${top.join('–')}`);
      // A double click opens the line of the block.
      await page.locator('#plan43-pages p[data-role="heading-1"]').first().dblclick();
      const open = (await posted()).find((m) => m.type === 'openLine') as { line: number };
      assert.ok(open && text.split('\n')[open.line].startsWith('## '), 'the heading\'s line');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('a live update replaces the page in place, keeps the place in the text, and shows the unsaved state', async () => {
    const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'clean-state.md'), 'utf8');
    const file = path.join(dir, 'live.html');
    fs.writeFileSync(file, servedPage(text, 'clean-state.md').document);
    const { page, errors } = await openPage(browser, file, { host: true });
    try {
      assert.equal(await page.locator('mark.finding').count(), 0);
      await page.evaluate(() => window.postMessage({ type: 'scrollToLine', line: 60 }, '*'));
      await page.waitForFunction(() => window.scrollY > 0);
      const before = await page.evaluate(() => window.scrollY);
      const edited = servedPage(text.replace('Đảng khóa XIII về tiếp tục', 'Đảng khóa XVII về tiếp tục'), 'clean-state.md');
      await page.evaluate((m) => window.postMessage({ type: 'update', uri: 'file:///clean-state.md', version: 2, body: m.body, css: m.css, unsaved: true }, '*'), edited);
      await page.waitForFunction(() => document.querySelectorAll('#plan43-pages mark.finding').length > 0);
      assert.equal(await page.locator('#plan43-pages mark.finding', { hasText: 'XVII' }).count(), 1);
      assert.equal(await page.locator('.banner .unsaved').isVisible(), true);
      const after = await page.evaluate(() => window.scrollY);
      assert.ok(Math.abs(after - before) < 200, `the view stays at the same place (${before} → ${after})`);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
