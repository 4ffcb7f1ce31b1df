// Word documents made by an office (LibreOffice, from test/fixtures/word/*.fodt): the five seeds import to plans with their fixtures' findings, every paragraph is accounted for, and each office habit is read as Word shows it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { parsePlan } from '../../server/src/core/document/parse';
import { checkText } from '../../server/src/core/engine';
import { Finding, Mode } from '../../server/src/core/findings';
import { NATIONAL } from '../../server/src/core/export/official';
import { ImportResult } from '../../server/src/core/import/index';
import { PlanModel } from '../../server/src/core/model';
import { LineIndex } from '../../server/src/core/text/line-index';
import { withoutMarkup } from '../../server/src/core/text/inline-markup';
import { importDocx, importPlanFile, WordFileError } from '../../server/src/node/word';
import { runCliCaptured } from '../support/cli';
import { bundledKnowledge } from '../support/knowledge';
import { OFFICE_CONVERSION_TIMEOUT, officeDocuments, OfficeDocuments } from '../support/office';
import { PLAN_FIXTURES } from '../support/paths';
import { sarifErrors } from '../support/sarif';

const kb = (): ReturnType<typeof bundledKnowledge>['kb'] => bundledKnowledge().kb;

/** Letters and digits only: a text with its layout (spaces, markup, comments) set aside. */
const alnum = (s: string): string =>
  withoutMarkup(s.replace(/<!--[\s\S]*?-->/gu, ''))
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** Front-matter keys whose findings are compared by rule only: an office prints its own number and date. */
const ASIDE = /^(?:number|date|place):/u;

/**
 * A finding as the drafter sees it, independent of where the plan file puts it: rule, level, the
 * words of its line, the words it marks and its message. Findings on the number, date and place
 * are compared by rule and level only.
 */
function findingKeys(uri: string, text: string, mode: Mode): string[] {
  const lines = new LineIndex(text);
  return checkText(uri, text, kb(), { mode })
    .findings.map((f: Finding) => {
      const line = lines.lineText(lines.positionAt(f.start).line).replace(/\s+#.*$/u, '');
      if (ASIDE.test(line.trimStart())) return `${f.ruleId} ${f.severity} ${line.trimStart().split(':')[0]}`;
      return [f.ruleId, f.severity, alnum(line).slice(0, 60), alnum(text.slice(f.start, f.end)), f.message].join(' | ');
    })
    .sort();
}

/**
 * The paragraphs of a .docx that have text, read straight from its XML (tracked deletions are not
 * text), each as its pieces between tabs and line breaks (the columns of a layout with tab stops,
 * the lines of a signature typed in one cell).
 */
async function paragraphTexts(file: string): Promise<string[][]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  const out: string[][] = [];
  for (const m of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)) {
    const text = [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/gu)].map((t) => t[1] ?? '\t').join('');
    if (text.trim() === '') continue;
    out.push(text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').split('\t').filter((x) => x.trim() !== ''));
  }
  return out;
}

function model(result: ImportResult): PlanModel {
  const plan = parsePlan('imported.md', result.markdown);
  assert.ok(plan.isPlan);
  assert.deepEqual(plan.problems, []);
  return plan;
}

const SEEDS = [
  { name: 'seed-000', fixture: 'seed-000-hau-giang.md' },
  { name: 'seed-001', fixture: 'seed-001-lang-son.md' },
  { name: 'seed-002', fixture: 'seed-002-ha-tinh.md' },
  { name: 'seed-003', fixture: 'seed-003-kien-giang.md' },
  { name: 'seed-004', fixture: 'seed-004-can-tho.md' },
];

describe('import: Word documents made by an office', function () {
  let docs: OfficeDocuments;
  const imported = new Map<string, ImportResult>();
  const importOf = async (name: string): Promise<ImportResult> => {
    if (!imported.has(name)) imported.set(name, await importDocx(fs.readFileSync(docs[name].docx), kb(), `${name}.docx`));
    return imported.get(name)!;
  };

  before(function () {
    this.timeout(OFFICE_CONVERSION_TIMEOUT);
    docs = officeDocuments();
  });

  for (const seed of SEEDS) {
    describe(`${seed.name}.docx (LibreOffice) → ${seed.fixture}`, () => {
      const fixtureText = (): string => fs.readFileSync(path.join(PLAN_FIXTURES, seed.fixture), 'utf8');

      for (const mode of ['drafting', 'submission'] as const) {
        it(`gives exactly the fixture's findings (${mode}; rule, line, marked words, message; number and date by rule)`, async () => {
          const r = await importOf(seed.name);
          assert.equal(r.source, 'word');
          const mine = findingKeys('imported.md', r.markdown, mode);
          const theirs = findingKeys(seed.fixture, fixtureText(), mode);
          assert.ok(theirs.length > 0);
          assert.deepEqual(mine, theirs);
        });
      }

      it('finds the fixture\'s headings, recipients and signer', async () => {
        const mine = model(await importOf(seed.name));
        const theirs = parsePlan(seed.fixture, fixtureText());
        const headings = (p: PlanModel): string[] => p.headings.map((h) => `${h.level} ${alnum(h.raw.text)}`);
        assert.deepEqual(headings(mine), headings(theirs));
        const meta = (p: PlanModel): unknown[] => [
          p.meta.variant?.value,
          alnum(p.meta.kind?.value ?? ''),
          (p.meta.recipients?.value ?? []).map((x) => alnum(x.value)),
          ...(['authority', 'acting', 'title', 'name'] as const).map((k) => alnum(p.meta.signer?.[k]?.value ?? '')),
          (p.meta.implements?.value ?? []).map((x) => x.symbol).sort(),
        ];
        assert.deepEqual(meta(mine), meta(theirs));
      });

      it('accounts for every paragraph with text: kept in the plan, read as the header\'s layout, or listed with its reason', async () => {
        const r = await importOf(seed.name);
        const paragraphs = await paragraphTexts(docs[seed.name].docx);
        assert.equal(r.account.unit, 'paragraph');
        assert.equal(r.account.total, paragraphs.length, 'every paragraph with text is counted');
        assert.equal(r.account.front + r.account.body + r.account.dropped, r.account.total);
        const listed = new Set(r.repairs.filter((x) => x.source).map((x) => x.source!.paragraph));
        const output = alnum(r.markdown);
        // The national lines and the star are read as the variant; "Nơi nhận:" as the key "recipients".
        const layout = new Set([NATIONAL.party.title, NATIONAL.state.title, NATIONAL.state.motto, '*', 'Nơi nhận:'].map(alnum));
        paragraphs.forEach((parts, i) => {
          if (listed.has(i + 1)) return;
          for (const text of parts) {
            if (layout.has(alnum(text))) continue;
            assert.ok(output.includes(alnum(text)), `paragraph ${i + 1} is in the plan: ${text.slice(0, 60)}`);
          }
        });
        for (const x of r.repairs) if (x.line > 0) assert.ok(x.source && x.source.quote !== '', `${x.id} names its paragraph`);
      });
    });
  }

  describe('office habits', () => {
    it('clean-party.docx: numbered by Heading styles, wrapped headings, footnotes, emphasis and tracked changes give a plan without findings', async () => {
      const r = await importOf('clean-party');
      for (const mode of ['drafting', 'submission'] as const) {
        assert.deepEqual(checkText('imported.md', r.markdown, kb(), { mode }).findings.map((f) => `${f.ruleId} ${f.message}`), [], mode);
      }
      const plan = model(r);
      assert.deepEqual(
        plan.sections.map((s) => s.heading.raw.text),
        ['I. MỤC ĐÍCH, YÊU CẦU', 'II. MỤC TIÊU', 'III. NHIỆM VỤ, GIẢI PHÁP', 'IV. TỔ CHỨC THỰC HIỆN'],
        'a Roman heading wrapped with Shift+Enter stays one heading',
      );
      assert.match(plan.sections[2].children[0].heading.raw.text, /^1\. Nâng cao nhận thức, trách nhiệm .* Nhân dân về vị trí,/u, 'so does a task group');
      assert.equal(plan.meta.number?.value, 'Số 60-CTr/TU');
      assert.equal(plan.meta.date?.value, 'ngày 15 tháng 3 năm 2024');
      assert.deepEqual(
        plan.footnotes.map((f) => [f.label, f.text.text]),
        [
          ['1', 'Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII.'],
          ['2', 'Theo *Luật Thực hiện dân chủ ở cơ sở* năm 2022.'],
        ],
      );
      assert.match(r.markdown, /ngày 24\/11\/2023\[\^1\] của Ban Chấp hành/u);
      assert.match(r.markdown, /quán triệt \*Nghị quyết số 43-NQ\/TW\* và \*\*Chương trình này\*\* đến/u);
      assert.match(r.markdown, /Giữ gìn đoàn kết, thống nhất trong Đảng bộ tỉnh;/u, 'the tracked insertion is kept');
      assert.doesNotMatch(r.markdown, /bảo đảm an ninh trật tự/u, 'the tracked deletion is dropped');
      const tracked = r.repairs.find((x) => x.id === 'tracked-change');
      assert.ok(tracked?.source);
      assert.match(tracked.message.vi, /giữ phần chèn thêm "thống nhất"; bỏ phần đã xóa "và bảo đảm an ninh trật tự"/u);
      assert.match(tracked.source.quote, /^Giữ gìn đoàn kết/u);
      // Two bullets typed in one paragraph with Shift+Enter: two items.
      const purpose = plan.sections[0].children[0].blocks.map((b) => [b.kind, b.text.text.slice(0, 20)]);
      assert.deepEqual(purpose, [
        ['list-item', 'Quán triệt sâu sắc v'],
        ['list-item', 'Củng cố niềm tin của'],
      ]);
      assert.ok(r.repairs.some((x) => x.id === 'soft-break' && /Tách đoạn/u.test(x.message.vi)));
      assert.equal(r.account.footnotes, 2);
      assert.equal(plan.meta.signer?.name?.value, 'Lương Minh Tuấn', 'the signature typed in one cell with line breaks');
      assert.equal(plan.meta.recipients?.value.length, 9, 'recipients typed "-⟨Tab⟩text"');
    });

    it('clean-state.docx: a header and a signature laid out with tab stops, Word\'s hyphen and no-break spaces give a plan without findings', async () => {
      const r = await importOf('clean-state');
      for (const mode of ['drafting', 'submission'] as const) {
        assert.deepEqual(checkText('imported.md', r.markdown, kb(), { mode }).findings.map((f) => `${f.ruleId} ${f.message}`), [], mode);
      }
      const m = model(r).meta;
      assert.deepEqual(
        [m.number?.value, m.place?.value, m.date?.value, m.variant?.value],
        ['Số: 74/KH-UBND', 'Hà Tĩnh', 'ngày 05 tháng 6 năm 2024', 'state'],
        'number and date read from the tab-stop layout',
      );
      assert.deepEqual(
        [m.signer?.authority?.value, m.signer?.acting?.value, m.signer?.title?.value, m.signer?.name?.value],
        ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Phạm Văn Hiếu'],
      );
      assert.equal(m.recipients?.value.length, 9);
      assert.equal(m.recipients?.value[0].value, 'Bộ Nội vụ (b/c);', 'the first recipient is a recipient, not the signer');
      assert.match(r.markdown, /Nghị quyết số 43-NQ\/TW, ngày 24\/11\/2023/u);
      assert.doesNotMatch(r.markdown, /[\u2010\u2011\u00AD]|(?:số|ngày)\u00A0/u);
      const typography = r.repairs.filter((x) => x.id === 'typography').map((x) => x.message.en);
      assert.ok(typography.some((t) => /1 non-breaking hyphen.*2 no-break space/u.test(t)), typography.join('\n'));
      assert.ok(typography.some((t) => /soft hyphen/u.test(t)));
      assert.ok(typography.some((t) => /tab\(s\) inside the paragraph/u.test(t)), 'bullets typed "-⟨Tab⟩text"');
    });

    it('seed-003.docx: the blank number and day of the header table stay blank; the tracked deletion is dropped', async () => {
      const r = await importOf('seed-003');
      const m = model(r).meta;
      assert.equal(m.number?.value, 'Số: /KH-UBND');
      assert.equal(m.date?.value.replace(/\s+/gu, ' '), 'ngày tháng 6 năm 2024');
      assert.doesNotMatch(r.markdown, /Sở Tư pháp/u);
      assert.ok(r.repairs.some((x) => x.id === 'tracked-change' && x.source?.quote.startsWith('2. Giao Sở Nội vụ')));
    });

    it('seed-004.docx: sections numbered "I-" by a list linked to Heading 1 keep "I-"', async () => {
      const plan = model(await importOf('seed-004'));
      assert.deepEqual(
        plan.sections.map((s) => s.heading.numeral?.text),
        ['I-', 'II-', 'III-', 'IV-'],
      );
      assert.deepEqual(
        plan.sections[2].children.map((c) => c.heading.numeral?.text),
        ['1.', '2.', '3.', '4.', '5.', '6.', '7.'],
      );
    });

    it('seed-000.docx: subsections numbered automatically restart in each typed Roman section', async () => {
      const plan = model(await importOf('seed-000'));
      assert.deepEqual(
        plan.sections.map((s) => [s.heading.numeral?.text, s.children.map((c) => c.heading.numeral?.text).join(' ')]),
        [
          ['I.', '1. 2.'],
          ['II.', '1. 2.'],
          ['III.', '1. 2. 3. 4. 5. 6. 7. 8.'],
          ['III.', ''],
        ],
      );
    });
  });

  describe('files that are not .docx', () => {
    const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-word-'));

    it('a Word 97–2003 .doc renamed .docx gets the message of a .doc, in both languages, never a library\'s', async () => {
      const dir = tempDir();
      const renamed = path.join(dir, 'ke-hoach.docx');
      const real = path.join(dir, 'ke-hoach.doc');
      fs.copyFileSync(docs['clean-party'].doc!, renamed);
      fs.copyFileSync(docs['clean-party'].doc!, real);
      const messages: string[] = [];
      for (const file of [renamed, real]) {
        await assert.rejects(importPlanFile(file, kb()), (err: unknown) => {
          assert.ok(err instanceof WordFileError);
          assert.equal(err.problem, 'old-word');
          assert.match(err.localized.vi, /Word 97–2003 \(\.doc\).*lưu lại thành \.docx/u);
          assert.match(err.localized.en, /Word 97–2003 file \(\.doc\).*save it as \.docx/u);
          messages.push(err.localized.vi.replace(path.basename(file), 'TỆP'));
          return true;
        });
      }
      assert.equal(messages[0], messages[1], 'the same message as a real .doc');
      const r = await runCliCaptured(['import', 'ke-hoach.docx'], dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /^plan43: import: Tệp ke-hoach\.docx là tệp Word 97–2003 .* \/ ke-hoach\.docx is a Word 97–2003 file/u);
      assert.doesNotMatch(r.err, /zip|central directory|end of data|jszip/iu);
    });

    it('a text file, a zip without a Word body and a damaged .docx are refused with a message for the drafter', async () => {
      const dir = tempDir();
      const text = path.join(dir, 'ghi-chu.docx');
      fs.writeFileSync(text, 'Không phải tệp Word.\n');
      const zip = new JSZip();
      zip.file('content.xml', '<office:document/>');
      const archive = path.join(dir, 'luu-tru.docx');
      fs.writeFileSync(archive, await zip.generateAsync({ type: 'nodebuffer' }));
      const whole = fs.readFileSync(docs['seed-000'].docx);
      const damaged = path.join(dir, 'hong.docx');
      fs.writeFileSync(damaged, whole.subarray(0, Math.floor(whole.length / 2)));
      for (const [file, problem] of [
        [text, 'not-word'],
        [archive, 'not-word'],
        [damaged, 'damaged'],
      ] as const) {
        await assert.rejects(importPlanFile(file, kb()), (err: unknown) => {
          assert.ok(err instanceof WordFileError, file);
          assert.equal(err.problem, problem, file);
          assert.match(err.localized.vi, /hãy mở trong Word/u);
          assert.match(err.localized.en, /open it in Word/u);
          return true;
        });
      }
    });
  });

  describe('the import report of a .docx', () => {
    it('names paragraphs and quotes their start, not lines of the extracted text; JSON and SARIF say the same', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-word-'));
      fs.copyFileSync(docs['clean-party'].docx, path.join(dir, 'ke-hoach.docx'));
      const text = await runCliCaptured(['import', 'ke-hoach.docx', '-o', 'ke-hoach.md'], dir);
      assert.equal(text.code, 0, text.err);
      assert.match(text.out, /^ke-hoach\.docx \(đoạn \d+: “Giữ gìn đoàn kết, thống nhất trong Đảng…”\): info import\.tracked-change /mu);
      assert.doesNotMatch(text.out, /ke-hoach\.docx:\d+:\d+:/u);
      assert.match(text.out, /^Đã đọc \d+ đoạn \(tệp Word\): \d+ vào thông tin đầu văn bản, \d+ vào nội dung, 0 bỏ ra/mu);
      const english = await runCliCaptured(['import', 'ke-hoach.docx', '-o', 'ke-hoach.md', '--lang', 'en'], dir);
      assert.match(english.out, /^ke-hoach\.docx \(paragraph \d+: “Giữ gìn đoàn kết/mu);

      const json = await runCliCaptured(['import', 'ke-hoach.docx', '-o', 'ke-hoach.md', '--format', 'json'], dir);
      const data = JSON.parse(json.out) as { source: string; account: { total: number }; repairs: Array<{ id: string; paragraph?: number; quote?: string }> };
      assert.equal(data.source, 'word');
      const tracked = data.repairs.find((x) => x.id === 'tracked-change');
      assert.ok(tracked?.paragraph && tracked.quote?.startsWith('Giữ gìn đoàn kết'));

      const sarif = await runCliCaptured(['import', 'ke-hoach.docx', '-o', 'ke-hoach.md', '--format', 'sarif'], dir);
      const log = JSON.parse(sarif.out) as {
        runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region?: unknown }; logicalLocations?: Array<{ name: string; kind: string }> }>; properties?: { paragraph: number; quote: string } }> }>;
      };
      assert.deepEqual(sarifErrors(log).slice(0, 5), []);
      const result = log.runs[0].results.find((x) => x.ruleId === 'import.tracked-change')!;
      assert.equal(result.locations[0].physicalLocation.region, undefined, 'no region in a zip archive');
      assert.deepEqual(result.locations[0].logicalLocations, [{ name: `đoạn ${tracked.paragraph}`, kind: 'element' }]);
      assert.equal(result.properties?.paragraph, tracked.paragraph);

      const usage = await runCliCaptured(['import', 'ke-hoach.docx', '--format', 'report'], dir);
      assert.equal(usage.code, 2);
    });
  });
});
