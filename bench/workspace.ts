// A province's folder of commune plans, each citing the provincial programme: the set checked by the command line and by the server, their memory, a keystroke with the folder loaded, and what one changed plan costs to index and to propagate.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceDiagnosticReport } from 'vscode-languageserver/node';
import { KnowledgeBase } from '../server/src/core/data/types';
import { PlanModel } from '../server/src/core/model';
import { parsePlan } from '../server/src/core/document/parse';
import { WorkspacePlans } from '../server/src/lsp/workspace-plans';
import { ReviewReportResult } from '../server/src/lsp/protocol';
import { TestClient } from '../test/protocol/client';
import { Tool, ToolRun } from './cli';
import { stripBookkeeping } from './generate';
import { EditedDocument, residentBytes, TYPED, typingOffset } from './lsp';
import { now, Summary, summarize } from './stats';

/** Communes of An Giang after 1/7/2025, for names; past the list, a number is added. */
const COMMUNES = [
  'An Phú', 'Vĩnh Hậu', 'Nhơn Hội', 'Khánh Bình', 'Phú Hữu', 'Tân An', 'Châu Phong', 'Vĩnh Xương', 'Phú Tân', 'Phú An',
  'Bình Thạnh Đông', 'Chợ Vàm', 'Hòa Lạc', 'Phú Lâm', 'Châu Phú', 'Mỹ Đức', 'Vĩnh Thạnh Trung', 'Mỹ Hòa Hưng', 'Bình Giang', 'Bình Sơn',
];

/** Words that make more commune names past the list ("An Phú Đông"): place names take no digits. */
const MORE = [
  'Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ', 'Mới', 'Hòa', 'Bình', 'Long', 'Thạnh', 'Hưng', 'Lợi', 'Lộc', 'Phước', 'Thới', 'Thuận', 'Hiệp', 'Hội',
  'Khánh', 'Lạc', 'Mỹ', 'Nhơn', 'Phong', 'Quới', 'Sơn', 'Thành', 'Thắng', 'Tiến', 'Trạch', 'Trường', 'Tường', 'Văn', 'Xuân', 'Yên', 'Đức', 'Điền', 'Định', 'Đạt',
  'Hảo', 'Hậu', 'Kiến', 'Lập', 'Nghĩa', 'Ninh', 'Phát', 'Quang', 'Tài', 'Toàn',
];

/** Slow sizes must not trip the test client's default timeout. */
const LONG = 1_200_000;

export interface Province {
  dir: string;
  /** Plan files written: the provincial programme, the provincial People's Committee's plan, two per commune. */
  files: number;
  bytes: number;
  /** The provincial programme, which every commune plan cites. */
  programme: string;
  /** A commune People's Committee plan, which cites its Party committee's plan and the programme. */
  commune: string;
  /** The Party committee plan that commune plan cites. */
  communeParty: string;
}

function read(fixtures: string, name: string): string {
  return stripBookkeeping(fs.readFileSync(path.join(fixtures, name), 'utf8'));
}

/**
 * Writes a province folder: the programme and the provincial plan of `test/fixtures/province/`,
 * then, per commune, its Party committee's plan and its People's Committee's plan (the fixtures of
 * Mỹ Hòa Hưng with another name, number and date), `plans` commune plans in all.
 */
export function writeProvince(fixtures: string, dir: string, plans: number): Province {
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, 'utf8');
    bytes += Buffer.byteLength(text, 'utf8');
    return file;
  };
  const programme = write('tinh-uy-chuong-trinh.md', read(fixtures, 'tinh-uy-chuong-trinh.md'));
  write('ubnd-tinh-ke-hoach.md', read(fixtures, 'ubnd-tinh-ke-hoach.md'));
  const party = read(fixtures, 'dang-uy-xa-my-hoa-hung.md');
  const state = read(fixtures, 'ubnd-xa-my-hoa-hung.md');
  const communes = Math.ceil(plans / 2);
  let commune = '';
  let communeParty = '';
  for (let i = 0; i < communes; i++) {
    const round = Math.floor(i / COMMUNES.length);
    const name = round === 0 ? COMMUNES[i] : `${COMMUNES[i % COMMUNES.length]} ${MORE[(round - 1) % MORE.length]}${round > MORE.length ? ` ${MORE[Math.floor((round - 1) / MORE.length) % MORE.length]}` : ''}`;
    const number = String((i % 90) + 1).padStart(2, '0');
    const day = (i % 20) + 1;
    const dayText = String(day).padStart(2, '0');
    const folder = `xa-${String(i).padStart(4, '0')}`;
    const p = party
      .replace(/Mỹ Hòa Hưng/g, name)
      .replace('Số 08-KH/ĐU', `Số ${number}-KH/ĐU`)
      .replace('ngày 20 tháng 10 năm 2025', `ngày ${dayText} tháng 10 năm 2025`);
    const partyFile = write(`${folder}/dang-uy.md`, p);
    if (2 * i + 1 >= plans) break;
    const s = state
      .replace(/Mỹ Hòa Hưng/g, name)
      .replace(/08-KH\/ĐU, ngày 20\/10\/2025/g, `${number}-KH/ĐU, ngày ${day}/10/2025`)
      .replace('implements: [08-KH/ĐU', `implements: [${number}-KH/ĐU`)
      .replace('Số: 95/KH-UBND', `Số: ${95 + (i % 200)}/KH-UBND`);
    const stateFile = write(`${folder}/ubnd.md`, s);
    if (i === 0) {
      commune = stateFile;
      communeParty = partyFile;
    }
  }
  return { dir, files: 2 + Math.min(plans, communes * 2), bytes, programme, commune, communeParty };
}

/** `plan43 check` on the folder: the review page, and the plain lines for comparison. */
export function provinceTools(repoRoot: string, outFile: string, plans: number): Tool[] {
  const bin = path.join(repoRoot, 'bin', 'plan43.js');
  return [
    {
      name: 'plan43 check --submission (text)',
      argv: [process.execPath, bin, 'check', '.', '--submission'],
      okCodes: [0, 1],
      verify(stdout) {
        const line = stdout.trim().split('\n').pop() ?? '';
        if (!new RegExp(`^${plans} kế hoạch`).test(line)) throw new Error(`unexpected summary: ${line}`);
        return line;
      },
    },
    {
      name: 'plan43 check --submission --format html -o review.html',
      argv: [process.execPath, bin, 'check', '.', '--submission', '--format', 'html', '-o', outFile],
      okCodes: [0, 1],
      verify() {
        const html = fs.readFileSync(outFile, 'utf8');
        const rows = (html.match(/<tr(?: class="blocked")?>\n<td class="n"><a href="#plan-/g) ?? []).length;
        if (rows !== plans) throw new Error(`the review lists ${rows} plans, not ${plans}`);
        return `${rows} rows, ${(html.length / 1024 / 1024).toFixed(1)} MB page`;
      },
    },
  ];
}

export interface ServerSet {
  /** initialize → the workspace diagnostics of every plan (the folder read, then each plan checked). */
  workspaceCheck: number;
  /** Plans with findings in that report. */
  withFindings: number;
  /** Resident memory of the server after it. */
  rss?: number;
  /** The Plans view's list (after the check). */
  list: number;
  /** The review report request: every plan checked for submission and summed up in one page. */
  review: number;
  reviewBytes: number;
  /** Keystroke → diagnostics in the commune plan, with the folder loaded. */
  keystroke: Summary;
  /** Edit of the programme's date in the editor → the server asks to pull again → the commune plan's date-mismatch. */
  propagate: Summary;
}

/** The server with the folder as its workspace: the workspace check, the list, the review, typing, and a cited plan changed. */
export async function serverOnProvince(province: Province, keystrokes: number, changes: number): Promise<ServerSet> {
  const client = await TestClient.start({ workspaceFolders: [province.dir], settings: { language: 'vi' }, initializationOptions: { workspacePlansChanged: true } });
  try {
    const t0 = now();
    const report = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { identifier: 'plan43', previousResultIds: [] }, LONG);
    const workspaceCheck = now() - t0;
    const withFindings = report.items.filter((i) => i.kind === 'full' && i.items.length > 0).length;
    const rss = residentBytes(client.process.pid!);
    const t1 = now();
    await client.request('plan43/workspacePlans', {}, LONG);
    const list = now() - t1;
    const t2 = now();
    const review = await client.request<ReviewReportResult>('plan43/reviewReport', {}, LONG);
    const reviewMs = now() - t2;

    // Typing in a commune plan: one keystroke at a time, each followed by a pull.
    const text = fs.readFileSync(province.commune, 'utf8');
    const doc = new EditedDocument(client, pathToFileURL(province.commune).href, text);
    await doc.pull();
    let offset = typingOffset(text);
    const typing: number[] = [];
    for (let i = 0; i < keystrokes; i++) {
      const ch = TYPED[i % TYPED.length];
      const start = now();
      doc.insert(offset, ch);
      const r = await doc.pull();
      typing.push(now() - start);
      if (r.kind !== 'full') throw new Error('expected a full report after a keystroke');
      offset += ch.length;
    }

    // The commune Party committee's plan, open, gets another date and back: the commune plan citing it follows.
    const partyUri = pathToFileURL(province.communeParty).href;
    const partyText = fs.readFileSync(province.communeParty, 'utf8');
    const party = new EditedDocument(client, partyUri, partyText);
    await party.pull();
    const dateLine = /ngày (\d\d) tháng 10 năm 2025/.exec(partyText)!;
    const propagate: number[] = [];
    for (let i = 0; i < changes; i++) {
      const wrong = i % 2 === 0;
      const start = now();
      const refreshed = client.waitFor('workspace/diagnostic/refresh', () => true, 'refresh', LONG);
      const current = party.doc.getText();
      const at = current.indexOf(wrong ? dateLine[0] : 'ngày 28 tháng 10 năm 2025');
      const replaced = wrong ? 'ngày 28 tháng 10 năm 2025' : dateLine[0];
      const range = { start: party.position(at), end: party.position(at + dateLine[0].length) };
      const version = party.version + 1;
      party.doc = TextDocument.update(party.doc, [{ range, text: replaced }], version);
      client.notify('textDocument/didChange', { textDocument: { uri: partyUri, version }, contentChanges: [{ range, text: replaced }] });
      await party.pull();
      await refreshed;
      const after = await doc.pull();
      propagate.push(now() - start);
      const mismatch = after.kind === 'full' && after.items.some((d) => d.code === 'citation.date-mismatch');
      if (mismatch !== wrong) throw new Error(`after the cited plan's date changed, the commune plan ${wrong ? 'lacks' : 'still has'} citation.date-mismatch`);
    }
    return {
      workspaceCheck,
      withFindings,
      ...(rss !== undefined ? { rss } : {}),
      list,
      review: reviewMs,
      reviewBytes: review.html.length,
      keystroke: summarize(typing),
      propagate: summarize(propagate),
    };
  } finally {
    await client.dispose();
  }
}

export interface IndexCost {
  /** Reading the folder into the index (every file's metadata and the symbols it names). */
  scan: number;
  entries: number;
  /** One open plan whose date changed, indexed again (its entry, what it cites; not its parse, which its check makes anyway). */
  reindex: Summary;
  /** The registry entries of the workspace and the dependency key of one plan, rebuilt after that change. */
  entriesAndKey: Summary;
  /** An edit elsewhere in the same plan (no metadata changed): indexed again, median. */
  bodyEdit: Summary;
}

/** The server's index of the folder, in process: the first reading, and one plan changing. */
export async function indexCost(province: Province, kb: KnowledgeBase, runs: number): Promise<IndexCost> {
  const open = new Map<string, TextDocument>();
  // The server parses each version of an open document once, for its check; the index reads that parse.
  const parsed = new WeakMap<TextDocument, PlanModel>();
  const planOf = (doc: TextDocument): PlanModel => {
    let plan = parsed.get(doc);
    if (!plan) {
      plan = parsePlan(doc.uri, doc.getText());
      parsed.set(doc, plan);
    }
    return plan;
  };
  const index = new WorkspacePlans({
    folders: () => [province.dir],
    openDocument: (uri) => open.get(uri),
    planOf,
    knowledge: () => kb,
    log: () => undefined,
    changed: () => undefined,
  });
  const t0 = now();
  await index.scan();
  const scan = now() - t0;
  const entries = index.entries().length;
  const uri = pathToFileURL(province.communeParty).href;
  const text = fs.readFileSync(province.communeParty, 'utf8');
  const date = /ngày (\d\d) tháng 10 năm 2025/.exec(text)![0];
  let doc = TextDocument.create(uri, 'markdown', 1, text);
  open.set(uri, doc);
  index.documentChanged(doc);
  const commune = index.get(pathToFileURL(province.commune).href)!;
  const reindex: number[] = [];
  const rebuild: number[] = [];
  const body: number[] = [];
  for (let i = 0; i < runs; i++) {
    const changed = i % 2 === 0 ? text.replace(date, 'ngày 28 tháng 10 năm 2025') : text;
    doc = TextDocument.create(uri, 'markdown', doc.version + 1, changed);
    open.set(uri, doc);
    planOf(doc);
    const a = now();
    index.documentChanged(doc);
    const b = now();
    index.entries();
    index.keyFor(commune.cites);
    const c = now();
    reindex.push(b - a);
    rebuild.push(c - b);
    // A keystroke in the body: nothing the others see changes.
    doc = TextDocument.create(uri, 'markdown', doc.version + 1, `${doc.getText()} `);
    open.set(uri, doc);
    planOf(doc);
    const d = now();
    index.documentChanged(doc);
    body.push(now() - d);
  }
  return { scan, entries, reindex: summarize(reindex), entriesAndKey: summarize(rebuild), bodyEdit: summarize(body) };
}

export interface ProvinceResult {
  plans: number;
  files: number;
  bytes: number;
  cli: ToolRun[];
  server: ServerSet;
  index: IndexCost;
}
