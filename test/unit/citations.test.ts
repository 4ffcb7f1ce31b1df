// Citation extraction and resolution on sentences taken from the seed plans: type word, symbol, date, issuer, term, title, short forms, first mentions, lists, broken symbols and ambiguity.

import assert from 'node:assert/strict';
import { analyzeCitations, Citation, citationAt, CitedPart, sourceSpan } from '../../server/src/core/citations/analysis';
import { knowledgeAsOf } from '../../server/src/core/data/as-of';
import { extractCitations, RawCitation } from '../../server/src/core/citations/extract';
import { entriesFor, entryDateIs, entryDateText, issuerMatches, parseRegistryDate, registryDateOf, resolveCitation, titleAgrees } from '../../server/src/core/citations/registry';
import { classifySymbol, findSymbols } from '../../server/src/core/citations/symbol';
import { preferredTypeWord, typeAgrees, typeWordSpec } from '../../server/src/core/citations/type-codes';
import { RegistryEntry } from '../../server/src/core/data/types';
import { parsePlan } from '../../server/src/core/document/parse';
import { bundledKnowledge } from '../support/knowledge';

function one(text: string, symbol?: string): RawCitation {
  const all = extractCitations(text);
  const found = symbol ? all.filter((c) => c.symbol.symbol === symbol) : all;
  assert.equal(found.length, 1, `one citation${symbol ? ` of ${symbol}` : ''} in: ${text}\n${JSON.stringify(all.map((c) => c.symbol.symbol))}`);
  return found[0];
}

function partText(text: string, part: { start: number; end: number } | undefined): string | undefined {
  return part ? text.slice(part.start, part.end) : undefined;
}

function entry(symbol: string, date?: string): RegistryEntry {
  const { kb } = bundledKnowledge();
  const e = kb.registry.documents.find((d) => d.symbol === symbol && (!date || d.date === date));
  assert.ok(e, `registry entry ${symbol} ${date ?? ''}`);
  return e;
}

function planText(subject: string, preamble: string, body: string[], closing?: string): string {
  return [
    '---',
    'template: nq43',
    'variant: party',
    'kind: CHƯƠNG TRÌNH',
    'issuer: Ban Thường vụ Tỉnh ủy Hà Tĩnh',
    `subject: "${subject}"`,
    '---',
    '',
    preamble,
    '',
    '## I. MỤC ĐÍCH, YÊU CẦU',
    '',
    ...body.flatMap((p) => [p, '']),
    ...(closing ? [closing, ''] : []),
  ].join('\n');
}

function analyze(text: string): { citations: Citation[]; text: string } {
  const plan = parsePlan('plan.md', text);
  return { citations: analyzeCitations(plan, knowledgeAsOf(bundledKnowledge().kb, '2024-06-30')).citations, text };
}

describe('citations: symbols', () => {
  it('tells the Party, State, normative and law grammars apart', () => {
    assert.deepEqual(
      ['43-NQ/TW', '51-CTr/TU', '74/KH-UBND', '236/QĐ-TTg', '140/2017/NĐ-CP', '34/2007/PL-UBTVQH11', '10/2022/QH15'].map((s) => classifySymbol(s).family),
      ['party', 'party', 'state', 'state', 'normative', 'normative', 'law'],
    );
    assert.equal(classifySymbol('88/NQLT/CP-ĐCTUBTWMTTQVN').malformed, 'grammar');
  });

  it('knows central symbols from local ones', () => {
    assert.deepEqual(
      ['43-NQ/TW', '94/NQ-CP', '236/QĐ-TTg', '10/2022/QH15', '34/2007/PL-UBTVQH11', '51-CTr/TU', '74/KH-UBND', '46/2021/NQ-HĐND'].map((s) => classifySymbol(s).central),
      [true, true, true, true, true, false, false, false],
    );
  });

  it('does not read dates, number ranges or words as symbols', () => {
    const text = 'ngày 24/11/2023, giai đoạn 2021 - 2025, năm 2030 - Tầm nhìn, quý II/2024, 10/12 hằng năm, Số: /KH-UBND';
    assert.deepEqual(findSymbols(text), []);
  });

  it('gives each symbol found its own object: the grammar, then the defect, place and text as written', () => {
    const text = 'Nghị quyết số 43-NQ/TW, Kế hoạch 74/KH–UBND, Nghị định 140/2017/NĐ-CP, Luật 10/2022/QH15, số 88/NQLT/CP- ĐCTUBTWMTTQVN, lại 43-NQ/TW.';
    const found = findSymbols(text);
    assert.deepEqual(
      found.map((s) => [s.symbol, s.malformed, text.slice(s.start, s.end) === s.written]),
      [['43-NQ/TW', undefined, true], ['74/KH-UBND', 'dash', true], ['140/2017/NĐ-CP', undefined, true], ['10/2022/QH15', undefined, true], ['88/NQLT/CP-ĐCTUBTWMTTQVN', 'grammar', true], ['43-NQ/TW', undefined, true]],
    );
    for (const s of found) {
      // What the symbol's grammar says, as classifySymbol says it, then the reader's own fields in this order.
      const grammar = classifySymbol(s.symbol);
      const grammarKeys = Object.keys(grammar);
      assert.deepEqual(Object.keys(s), [...grammarKeys, ...(grammarKeys.includes('malformed') ? [] : ['malformed']), 'start', 'end', 'written'], s.symbol);
      for (const key of Object.keys(grammar)) if (key !== 'malformed') assert.deepEqual(s[key as keyof typeof s], grammar[key as keyof typeof grammar], `${s.symbol}: ${key}`);
    }
    // Two readings of the same text share no object: a caller may keep or change what it was given.
    const again = findSymbols(text);
    assert.deepEqual(again, found);
    for (let i = 0; i < found.length; i++) assert.notEqual(again[i], found[i]);
    assert.notEqual(classifySymbol('43-NQ/TW'), classifySymbol('43-NQ/TW'));
  });

  it('recognises a symbol with a space inside as a malformed one of the intended symbol (seed 000 l.128)', () => {
    const text = 'Nghị quyết liên tịch số 88/NQLT/CP- ĐCTUBTWMTTQVN về thực hiện giảm nghèo bền vững';
    const c = one(text);
    assert.equal(c.symbol.symbol, '88/NQLT/CP-ĐCTUBTWMTTQVN');
    assert.equal(c.symbol.malformed, 'grammar');
    assert.equal(partText(text, c.typeWord), 'Nghị quyết liên tịch');
    const spaced = one('thực hiện Nghị quyết số 43- NQ/TW của Ban Chấp hành Trung ương');
    assert.equal(spaced.symbol.symbol, '43-NQ/TW');
    assert.equal(spaced.symbol.malformed, 'space');
  });

  it('joins a symbol broken across lines (seed 002 l.68–70, l.282–284)', () => {
    const text = 'các nội dung của Nghị quyết số 43-NQ/TW, Kế hoạch số 21-\nKH/TW; thường xuyên đôn đốc';
    const c = one(text, '21-KH/TW');
    assert.equal(c.symbol.malformed, 'linebreak');
    assert.equal(partText(text, { start: c.symbolStart, end: c.symbolEnd }), '21-\nKH/TW');
    const other = one(text, '43-NQ/TW');
    assert.equal(other.symbol.malformed, undefined);
  });

  it('does not join a symbol with the prose that follows it', () => {
    const text = 'Chương trình hành động số 51-CTr/TU - Ban Chấp hành Đảng bộ tỉnh';
    const c = one(text);
    assert.equal(c.symbol.symbol, '51-CTr/TU');
    assert.equal(c.symbol.malformed, undefined);
  });
});

describe('citations: type words', () => {
  it('agree with the symbol type codes', () => {
    assert.ok(typeAgrees(typeWordSpec('Kế hoạch')!, 'KH'));
    assert.ok(typeAgrees(typeWordSpec('Chương trình hành động')!, 'CTr'));
    assert.ok(typeAgrees(typeWordSpec('Quy định')!, 'QĐ'));
    assert.ok(typeAgrees(typeWordSpec('Luật')!, undefined));
    assert.ok(typeAgrees(typeWordSpec('Thông báo (kết luận)')!, 'TB'));
    assert.ok(!typeAgrees(typeWordSpec('Nghị quyết')!, 'KH'));
    assert.ok(!typeAgrees(typeWordSpec('Chỉ thị')!, 'KL'));
    assert.equal(preferredTypeWord('KL'), 'Kết luận');
  });
});

describe('citations: extraction from seed sentences', () => {
  it('reads type, symbol, date, issuer, term and title of a full citation (seed 001 l.5)', () => {
    const text =
      'Thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khoá XIII về tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc, xây dựng đất nước ta ngày càng phồn vinh, hạnh phúc';
    const c = one(text);
    assert.equal(partText(text, c.typeWord), 'Nghị quyết');
    assert.ok(c.hasSo);
    assert.equal(c.symbol.symbol, '43-NQ/TW');
    assert.deepEqual([c.date?.day, c.date?.month, c.date?.year, c.date?.comma], [24, 11, 2023, true]);
    assert.equal(partText(text, c.date), '24/11/2023');
    assert.equal(partText(text, c.issuer), 'Ban Chấp hành Trung ương Đảng');
    assert.equal(partText(text, c.term), 'XIII');
    assert.equal(c.title?.quoted, false);
    assert.ok(c.title?.text.startsWith('tiếp tục phát huy truyền thống'));
    assert.ok(c.title?.text.endsWith('phồn vinh, hạnh phúc'));
  });

  it('reads a date without a comma and a quoted title starting with "Về" (seed 004 l.75)', () => {
    const text = 'Thực hiện Kết luận số 58-KL/TW ngày 23/6/2023 của Ban Bí thư “Về tổ chức và hoạt động của Hội Người cao tuổi Việt Nam”.';
    const c = one(text);
    assert.equal(c.date?.comma, false);
    assert.equal(partText(text, c.issuer), 'Ban Bí thư');
    assert.equal(c.title?.quoted, true);
    assert.equal(c.title?.text, 'Về tổ chức và hoạt động của Hội Người cao tuổi Việt Nam');
  });

  it('reads a straight quote as a title before a capital only, and ends an unquoted title where a capital starts the next sentence', () => {
    const head = 'Thực hiện Kết luận số 58-KL/TW ngày 23/6/2023 của Ban Bí thư ';
    const quoted = one(`${head}"Đẩy mạnh công tác dân tộc".`);
    assert.equal(quoted.title?.quoted, true);
    // Before a small letter a straight quote may close an outer quotation: no quoted title.
    assert.equal(one(`${head}"đẩy mạnh công tác dân tộc".`).title, undefined);
    const capital = `${head}về công tác dân tộc. Ủy ban nhân dân tỉnh giao`;
    assert.equal(partText(capital, one(capital).title), 'công tác dân tộc');
    const small = `${head}về công tác dân tộc. ủy ban nhân dân tỉnh giao`;
    assert.equal(partText(small, one(small).title), 'công tác dân tộc. ủy ban nhân dân tỉnh giao');
  });

  it('reads a long date "ngày dd tháng mm năm yyyy"', () => {
    const text = 'Nghị quyết số 11-NQ/TW ngày 10 tháng 02 năm 2022 của Bộ Chính trị';
    const c = one(text);
    assert.deepEqual([c.date?.day, c.date?.month, c.date?.year, c.date?.long], [10, 2, 2022, true]);
  });

  it('reads the plenum form without "của" as the issuer (seed 004 l.11)', () => {
    const text =
      'Thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII “Về tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc”';
    const c = one(text);
    assert.equal(partText(text, c.issuer), 'Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng');
    assert.equal(c.issuer?.linked, false);
    assert.equal(partText(text, c.term), 'XIII');
  });

  it('does not take the next clause for an issuer without "của"', () => {
    const text = '(viết tắt là Nghị quyết số 43-NQ/TW), Ban Chấp hành Đảng bộ tỉnh đề ra Chương trình thực hiện như sau:';
    const c = one(text);
    assert.equal(c.issuer, undefined);
  });

  it('reads a term in brackets and the old tone style "khoá" (seed 002 l.183, seed 000 l.80)', () => {
    const a = 'Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa X) về tiếp tục xây dựng giai cấp công nhân Việt Nam';
    const ca = one(a);
    assert.equal(partText(a, ca.issuer), 'Ban Chấp hành Trung ương Đảng');
    assert.equal(partText(a, ca.term), 'X');
    assert.ok(ca.title?.text.startsWith('tiếp tục xây dựng giai cấp công nhân'));
    const b = 'theo các Nghị quyết Trung ương 4 khoá XI, khoá XII và Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng khoá XIII. Đẩy mạnh';
    const cb = one(b);
    assert.equal(partText(b, cb.term), 'XIII');
    assert.equal(cb.date, undefined);
  });

  it('ends the issuer at a verb that starts the title (seed 001 l.35)', () => {
    const text = 'Quyết định số 236/QĐ-TTg, ngày 19/3/2024 của Thủ tướng chính phủ phê duyệt quy hoạch tỉnh Lạng Sơn thời kỳ 2021 - 2030';
    assert.equal(partText(text, one(text).issuer), 'Thủ tướng chính phủ');
  });

  it('reads "giữa … với …" as the issuers of a joint programme (seed 000 l.128)', () => {
    const text = 'Chương trình phối hợp số 04/CtrPH-UBND-UBMTTQ ngày 01/6/2017 giữa Ủy ban nhân dân với Ủy ban MTTQ Việt Nam tỉnh về việc thực hiện';
    const c = one(text, '04/CtrPH-UBND-UBMTTQ');
    assert.equal(partText(text, c.typeWord), 'Chương trình phối hợp');
    assert.equal(partText(text, c.issuer), 'Ủy ban nhân dân với Ủy ban MTTQ Việt Nam tỉnh');
  });

  it('reads a citation without "số" (seed 000 l.90, seed 002 l.234)', () => {
    const text = 'Quy định 977-QĐ/TU, ngày 15/3/2022 của Ban Thường vụ Tỉnh ủy về công tác quy hoạch cán bộ';
    const c = one(text);
    assert.equal(partText(text, c.typeWord), 'Quy định');
    assert.equal(c.hasSo, false);
  });

  it('reads "Thông báo kết luận" as one type word (seed 002 l.772)', () => {
    const text = 'Thông báo kết luận số 160-TB/TW của Bộ Chính trị (khóa XII) về tiếp tục thực hiện Kết luận số 62-KL/TW của Bộ Chính trị (khóa X) về tiếp tục đổi mới';
    const tb = one(text, '160-TB/TW');
    assert.equal(partText(text, tb.typeWord), 'Thông báo kết luận');
    assert.equal(partText(text, tb.term), 'XII');
    const kl = one(text, '62-KL/TW');
    assert.equal(partText(text, kl.term), 'X');
  });

  it('gives a compressed list two citations sharing the date and issuer (seed 001 l.155)', () => {
    const text = 'thực hiện có hiệu quả Quyết định số 217, 218-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị (khóa XI) về thực hiện nhiệm vụ giám sát và phản biện xã hội';
    const all = extractCitations(text);
    assert.deepEqual(all.map((c) => c.symbol.symbol), ['217-QĐ/TW', '218-QĐ/TW']);
    assert.deepEqual(all.map((c) => partText(text, { start: c.symbolStart, end: c.symbolEnd })), ['217', '218-QĐ/TW']);
    for (const c of all) {
      assert.equal(partText(text, c.typeWord), 'Quyết định');
      assert.equal(partText(text, c.date), '12/12/2013');
      assert.equal(partText(text, c.issuer), 'Bộ Chính trị');
      assert.equal(partText(text, c.term), 'XI');
    }
  });

  it('gives a list written in full a citation per symbol, the type word inherited (seed 000 l.106)', () => {
    const text =
      'Quyết định số 217-QĐ/TW, 218-QĐ/TW và Quy định số 124-QĐ/TW, về giám sát và phản biện xã hội, tham gia góp ý xây dựng đảng; Chỉ thị số 18-CT/TW, ngày 26/10/2022 của Ban Bí thư';
    const all = extractCitations(text);
    assert.deepEqual(all.map((c) => c.symbol.symbol), ['217-QĐ/TW', '218-QĐ/TW', '124-QĐ/TW', '18-CT/TW']);
    assert.deepEqual(all.map((c) => partText(text, c.typeWord)), ['Quyết định', 'Quyết định', 'Quy định', 'Chỉ thị']);
    assert.deepEqual(all.map((c) => c.typeInherited), [false, true, false, false]);
    assert.equal(all[0].date, undefined);
    assert.equal(all[1].date, undefined);
    assert.ok(all[2].title?.text.startsWith('giám sát và phản biện xã hội'));
  });

  it('reads a short-form definition and the citation inside it (seed 001 l.7)', () => {
    const text =
      'Kế hoạch số 21-KH/TW, ngày 28/11/2023 của Bộ Chính trị về thực hiện Nghị quyết số 43-NQ/TW (sau đây viết tắt là Kế hoạch 21-KH/TW), Ban Thường vụ Tỉnh uỷ Lạng Sơn xây dựng Kế hoạch';
    const all = extractCitations(text);
    assert.deepEqual(all.map((c) => c.symbol.symbol), ['21-KH/TW', '43-NQ/TW', '21-KH/TW']);
    assert.equal(all[0].title?.text, 'thực hiện Nghị quyết số 43-NQ/TW');
    assert.equal(all[0].shortForm?.text, 'Kế hoạch 21-KH/TW');
  });

  it('reads "(viết tắt là …)" after a quoted title (seed 000 l.12)', () => {
    const text =
      'Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương về “Tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc” (viết tắt là Nghị quyết số 43-NQ/TW), Ban Chấp hành Đảng bộ tỉnh';
    const first = extractCitations(text)[0];
    assert.equal(first.title?.quoted, true);
    assert.equal(first.title?.text, 'Tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc');
    assert.equal(first.shortForm?.text, 'Nghị quyết số 43-NQ/TW');
  });

  it('keeps a title that quotes another document to the end of its sentence (seed 004 l.77)', () => {
    const text =
      'Kết luận số 65-KL/TW ngày 30/10/2019 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 24-NQ/TW của Ban Chấp hành Trung ương khóa IX “Về công tác dân tộc trong tình hình mới”. Quan tâm chăm lo';
    const kl = one(text, '65-KL/TW');
    assert.ok(kl.title?.text.includes('công tác dân tộc'));
    assert.ok(!kl.title?.text.includes('Quan tâm'));
    const nq = one(text, '24-NQ/TW');
    assert.equal(partText(text, nq.term), 'IX');
    assert.equal(nq.title?.text, 'Về công tác dân tộc trong tình hình mới');
  });
});

describe('citations: registry resolution', () => {
  it('gives each resolution a list of candidates of its own, never the index of the registry', () => {
    const kb = knowledgeAsOf(bundledKnowledge().kb, '2024-06-30');
    const listed = entriesFor(kb.kb, '20-NQ/TW').length;
    for (const input of [{ symbol: '20-NQ/TW', central: true }, { symbol: '20-NQ/TW', central: true, date: { day: 16, month: 6, year: 2022 } }, { symbol: '43-NQ/TW', central: true }]) {
      const first = resolveCitation(kb, input);
      assert.ok(first.status !== 'unchecked', input.symbol);
      // A caller may sort or change the list it was given: the next resolution is as it was.
      first.candidates.length = 0;
      const again = resolveCitation(kb, input);
      assert.ok(again.status !== 'unchecked' && again.candidates.length > 0, input.symbol);
      assert.notEqual(again.candidates, first.candidates);
    }
    assert.equal(entriesFor(kb.kb, '20-NQ/TW').length, listed);
    assert.ok(listed > 1);
  });

  const kb = knowledgeAsOf(bundledKnowledge().kb, '2024-06-30');

  it('resolves a symbol naming two documents by date, then by term, then by issuer', () => {
    const byDate = resolveCitation(kb, { symbol: '20-NQ/TW', central: true, date: { day: 16, month: 6, year: 2022 } });
    assert.equal(byDate.status === 'resolved' && byDate.entry.date, '16/06/2022');
    const byTerm = resolveCitation(kb, { symbol: '20-NQ/TW', central: true, term: 'X' });
    assert.equal(byTerm.status === 'resolved' && byTerm.entry.date, '28/01/2008');
    const byIssuer = resolveCitation(kb, { symbol: '18-CT/TW', central: true, issuer: 'Ban Bí thư' });
    assert.equal(byIssuer.status === 'resolved' && byIssuer.entry.date, '26/10/2022');
    const ambiguous = resolveCitation(kb, { symbol: '20-NQ/TW', central: true, issuer: 'Ban Chấp hành Trung ương Đảng' });
    assert.equal(ambiguous.status, 'ambiguous');
  });

  it('a date that matches one of two documents is right; one that matches neither is a conflict', () => {
    const right = resolveCitation(kb, { symbol: '18-CT/TW', central: true, date: { day: 10, month: 1, year: 2018 } });
    assert.equal(right.status === 'resolved' && right.entry.issuer, 'Bộ Chính trị');
    const wrong = resolveCitation(kb, { symbol: '18-CT/TW', central: true, date: { day: 1, month: 1, year: 2019 } });
    assert.equal(wrong.status, 'conflict');
  });

  it('an unknown central symbol is unknown, an unknown local one is not checked', () => {
    assert.equal(resolveCitation(kb, { symbol: '160-TB/TW', central: true }).status, 'unknown');
    assert.equal(resolveCitation(kb, { symbol: '51-CTr/TU', central: false }).status, 'unchecked');
    // Party numbers restart every term: a term the registry does not have names another document.
    assert.equal(resolveCitation(kb, { symbol: '21-KL/TW', central: true, term: 'IX' }).status, 'unknown');
  });

  it('accepts short, long and plenum forms of the same issuer and tells bodies apart', () => {
    assert.ok(issuerMatches('Ban Chấp hành Trung ương', entry('43-NQ/TW')));
    assert.ok(issuerMatches('Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng', entry('43-NQ/TW')));
    assert.ok(issuerMatches('Ban Bí thư Trung ương Đảng', entry('58-KL/TW')));
    assert.ok(issuerMatches('Thủ tướng chính phủ', entry('236/QĐ-TTg')));
    assert.ok(!issuerMatches('Ban Chấp hành Trung ương Đảng', entry('21-KH/TW')));
    assert.ok(!issuerMatches('Bộ Chính trị', entry('58-KL/TW')));
    assert.ok(!issuerMatches('Chính phủ', entry('236/QĐ-TTg')));
    assert.ok(!issuerMatches('Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng', entry('43-NQ/TW')));
    // A shorter or longer form ends at a word's end: a name that only begins with another's letters is another.
    assert.ok(!issuerMatches('Ban Chấp hành Trung ươngg', entry('43-NQ/TW')));
    assert.ok(!issuerMatches('Ban Bí thư Trung ương Đảng', entry('43-NQ/TW')));
  });

  it('a type word agrees with each of the codes it may be written with, and with no other', () => {
    const spec = (word: string) => typeWordSpec(word)!;
    assert.ok(typeAgrees(spec('Chương trình'), 'CTr'));
    assert.ok(typeAgrees(spec('Chương trình'), 'CTHĐ'));
    assert.ok(typeAgrees(spec('Chương trình'), 'CTPH'));
    assert.ok(typeAgrees(spec('Quy định'), 'QĐi'));
    assert.ok(typeAgrees(spec('Nghị quyết'), 'NQLT'));
    assert.ok(!typeAgrees(spec('Nghị quyết'), 'KH'));
    assert.ok(!typeAgrees(spec('Chương trình'), 'QĐ'));
  });

  it('compares an issuer with the names an entry has when asked, whichever were asked about before', () => {
    // The names of an entry are read once and kept: an entry given other names is read again.
    const made: RegistryEntry = { symbol: '99-KH/TW', type: 'Kế hoạch', date: '01/02/2024', issuer: 'Bộ Chính trị', scope: 'central' };
    assert.ok(!issuerMatches('Ban Bí thư', made));
    made.issuerAliases = ['Ban Bí thư Trung ương Đảng'];
    assert.ok(issuerMatches('Ban Bí thư', made));
    made.issuer = 'Ban Chấp hành Trung ương Đảng';
    assert.ok(!issuerMatches('Bộ Chính trị', made));
    assert.ok(issuerMatches('Hội nghị lần thứ tám Ban Chấp hành Trung ương', made), 'a plenum of the body');
    // A plenum written as one of the names: the written plenum must then be that one.
    made.issuerAliases = ['Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng'];
    assert.ok(!issuerMatches('Hội nghị lần thứ năm Ban Chấp hành Trung ương', made));
    assert.ok(issuerMatches('Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng', made));
    // The entry's date is read as often as it is asked about, under any form of it.
    assert.ok(entryDateIs(made, { day: 1, month: 2, year: 2024 }));
    assert.ok(!entryDateIs(made, { day: 2, month: 1, year: 2024 }));
    made.date = ' 2/1/2024 ';
    assert.ok(entryDateIs(made, { day: 2, month: 1, year: 2024 }));
    made.date = '2024-01-02';
    assert.ok(!entryDateIs(made, { day: 2, month: 1, year: 2024 }));
  });

  it("reads a registry date once, the date given the same object at every reading, and writes an entry's date from it", () => {
    for (const written of ['01/02/2024', ' 2/1/2024 ', '24/11/2023', '9/12/2020', '2024-01-02', '', '31/13']) {
      const once = registryDateOf(written);
      assert.deepEqual(once, parseRegistryDate(written), written);
      // Read again: the date read the first time, not a new one.
      assert.equal(registryDateOf(written), once, written);
    }
    const made: RegistryEntry = { symbol: '98-KH/TW', type: 'Kế hoạch', date: ' 2/1/2024 ', issuer: 'Bộ Chính trị', scope: 'central' };
    assert.equal(entryDateText(made), '02/01/2024');
    made.date = '24/11/2023';
    assert.equal(entryDateText(made), '24/11/2023');
    made.date = '9/3/2020';
    assert.equal(entryDateText(made), '09/3/2020');
    made.date = ' 2024-01-02 ';
    assert.equal(entryDateText(made), '2024-01-02');
  });

  it('checks titles by their key phrases, accepting a title cut short', () => {
    const nq43 = entry('43-NQ/TW');
    assert.ok(titleAgrees('Tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc, xây dựng đất nước ta ngày càng phồn vinh, hạnh phúc', nq43));
    assert.ok(!titleAgrees('Tiếp tục phát huy truyền thống đại đoàn kết dân tộc, xây dựng đất nước ta ngày càng giàu mạnh, phồn vinh, văn minh, hạnh phúc', nq43));
    assert.ok(titleAgrees('giám sát của Mặt trận Tổ quốc', entry('124-QĐ/TW')));
  });

  it('agrees a title with an entry only when it holds every key phrase of the keys or of one set, and with an entry with neither a title nor keys', () => {
    const base = { symbol: '01-KH/TU', type: 'Kế hoạch', date: '01/01/2024', issuer: 'Tỉnh ủy', scope: 'local' as const };
    const keyed = { ...base, titleKeys: ['chuyển đổi số', 'cải cách hành chính'] };
    assert.ok(titleAgrees('Về đẩy mạnh cải cách hành chính gắn với chuyển đổi số', keyed));
    assert.ok(!titleAgrees('Về đẩy mạnh chuyển đổi số', keyed), 'the first key alone');
    assert.ok(!titleAgrees('Về đẩy mạnh cải cách hành chính', keyed), 'the second key alone');
    const sets = { ...base, title: 'Về một nội dung khác hẳn', titleAnyOf: [[], ['an ninh mạng', 'dữ liệu'], ['biển đảo']] };
    assert.ok(titleAgrees('Về bảo đảm an ninh mạng và dữ liệu', sets), 'every phrase of one set');
    assert.ok(titleAgrees('Về chủ quyền biển đảo', sets), 'every phrase of the last set');
    assert.ok(!titleAgrees('Về bảo đảm an ninh mạng', sets), 'one phrase of a set');
    assert.ok(!titleAgrees('Về một việc khác', sets), 'the empty set agrees with nothing');
    assert.ok(titleAgrees('Về một việc bất kỳ', base), 'no title and no keys: nothing to compare');
    assert.ok(titleAgrees('Về một việc bất kỳ', { ...base, titleKeys: [] }), 'no title and an empty list of keys');
    assert.ok(!titleAgrees('Về một việc bất kỳ', { ...base, titleKeys: ['biển đảo'] }), 'no title, a key not held');
  });
});

describe('citations: analysis of a plan', () => {
  it('reads the subject line of the metadata and no other metadata value, whatever symbols they hold', () => {
    const text = planText('thực hiện Nghị quyết số 43-NQ/TW', 'Thực hiện Kết luận số 21-KL/TW.', ['Quán triệt Chỉ thị số 35-CT/TW.']).replace(
      'issuer: Ban Thường vụ Tỉnh ủy Hà Tĩnh',
      'issuer: Ban Thường vụ Tỉnh ủy Hà Tĩnh theo Quy định số 66-QĐ/TW',
    );
    const plan = parsePlan('plan.md', text);
    assert.ok(
      plan.blocks.some((b) => b.region === 'front' && b.metaKey !== 'subject' && b.text.text.includes('66-QĐ/TW')),
      'the issuer is a block of the metadata',
    );
    assert.deepEqual(
      analyze(text).citations.map((c) => [c.symbol.symbol, c.inSubject, c.index]),
      [
        ['43-NQ/TW', true, 0],
        ['21-KL/TW', false, 1],
        ['35-CT/TW', false, 2],
      ],
    );
  });

  it('maps every part to source offsets and marks the first mention of each document', () => {
    const { citations, text } = analyze(
      planText(
        'thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII',
        'Thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII (sau đây gọi tắt là Nghị quyết số 43-NQ/TW), Ban Thường vụ Tỉnh ủy ban hành Chương trình như sau:',
        ['Quán triệt Nghị quyết số 43-NQ/TW; thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng khóa XIII và Kết luận số 21-KL/TW.'],
      ),
    );
    // Where the part is written: its place in the block moved by the block's start.
    const at = (c: Citation, part: Pick<CitedPart, 'at'> | undefined): string | undefined => {
      if (!part) return undefined;
      const span = sourceSpan(c, part);
      return text.slice(span.start, span.end);
    };
    assert.deepEqual(
      citations.map((c) => [c.symbol.symbol, c.inSubject, c.first]),
      [
        ['43-NQ/TW', true, false],
        ['43-NQ/TW', false, true],
        ['43-NQ/TW', false, false],
        ['43-NQ/TW', false, false],
        ['21-KL/TW', false, true],
        ['21-KL/TW', false, false],
      ],
    );
    const preamble = citations[1];
    assert.equal(at(preamble, preamble.symbol), '43-NQ/TW');
    assert.equal(at(preamble, preamble.date), '24/11/2023');
    assert.equal(at(preamble, preamble.issuer), 'Ban Chấp hành Trung ương Đảng');
    assert.equal(at(preamble, preamble.term), 'XIII');
    assert.equal(citations[2].definesShortFormOf, 1);
    assert.equal(citations[3].firstIndex, 1);
    // An undated later mention refers back to the dated one.
    assert.equal(citations[3].resolution.status === 'resolved' && citations[3].resolution.by, 'earlier');
    assert.equal(citations[4].resolution.status === 'resolved' && citations[4].resolution.entry.date, '25/10/2021');
    assert.equal(citationAt({ citations, dateComma: true }, sourceSpan(citations[4], citations[4].symbol).start + 2)?.index, 4);
  });

  it('places parts that end or start at emphasis on the characters written, not on the marks', () => {
    const { citations, text } = analyze(
      planText('thực hiện Nghị quyết số 43-NQ/TW', 'Thực hiện Nghị quyết số **43-NQ/TW**, ngày **24/11/2023** của **Ban Chấp hành Trung ương Đảng** khóa XIII.', [
        'Quán triệt Kế hoạch số **21-KH/TW** về “**Tăng cường sự lãnh đạo**”.',
      ]),
    );
    const at = (c: Citation, part: Pick<CitedPart, 'at'> | undefined): string | undefined => {
      if (!part) return undefined;
      const span = sourceSpan(c, part);
      return text.slice(span.start, span.end);
    };
    const [, preamble, body] = citations;
    assert.equal(at(preamble, preamble.symbol), '43-NQ/TW');
    assert.equal(at(preamble, preamble.date), '24/11/2023');
    assert.equal(at(preamble, preamble.issuer), 'Ban Chấp hành Trung ương Đảng');
    assert.equal(at(preamble, preamble.term), 'XIII');
    assert.equal(at(body, body.symbol), '21-KH/TW');
    assert.equal(at(body, body.title), 'Tăng cường sự lãnh đạo');
  });

  it('keeps two documents with one symbol apart by their dates (seed 002 l.187 and l.242)', () => {
    const { citations } = analyze(
      planText('thực hiện Nghị quyết số 43-NQ/TW', 'Thực hiện Nghị quyết số 43-NQ/TW.', [
        'Nghị quyết số 06-NQ/TU, ngày 24/9/2013 của Ban Chấp hành Đảng bộ tỉnh về công nhân.',
        'Nghị quyết số 06-NQ/TU, ngày 18/11/2021 của Ban Chấp hành Đảng bộ tỉnh về ruộng đất.',
      ]),
    );
    const local = citations.filter((c) => c.symbol.symbol === '06-NQ/TU');
    assert.deepEqual(local.map((c) => c.first), [true, true]);
    assert.notEqual(local[0].documentKey, local[1].documentKey);
  });

  it('does not tie an undated mention to the dated one when its issuer names the other document of the symbol', () => {
    const { citations } = analyze(
      planText('thực hiện Nghị quyết số 43-NQ/TW', 'Thực hiện Nghị quyết số 43-NQ/TW.', [
        'Chỉ thị số 18-CT/TW, ngày 26/10/2022 của Ban Bí thư về giám sát, phản biện xã hội.',
        'Chỉ thị số 18-CT/TW của Ban Bí thư; Chỉ thị số 18-CT/TW của Bộ Chính trị về công tác tôn giáo.',
      ]),
    );
    const ct = citations.filter((c) => c.symbol.symbol === '18-CT/TW');
    assert.deepEqual(ct.map((c) => c.first), [true, false, true]);
    assert.equal(ct[1].resolution.status === 'resolved' && ct[1].resolution.by, 'earlier');
    assert.equal(ct[2].resolution.status === 'resolved' && ct[2].resolution.entry.date, '10/01/2018');
  });

  it('reads citations from a YAML plan with offsets in the YAML source', () => {
    const text = [
      'template: nq43',
      'variant: state',
      'preamble: |',
      '  Thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XVII về tiếp tục phát huy truyền thống.',
      'sections:',
      '  - heading: I. MỤC ĐÍCH, YÊU CẦU',
      '    text: |',
      '      Thực hiện Kết luận số 21-KL/TW.',
      '',
    ].join('\n');
    const plan = parsePlan('plan.yaml', text);
    const citations = analyzeCitations(plan, knowledgeAsOf(bundledKnowledge().kb, '2024-06-30')).citations;
    const written = (c: Citation, part: Pick<CitedPart, 'at'>): string => {
      const span = sourceSpan(c, part);
      return text.slice(span.start, span.end);
    };
    assert.deepEqual(citations.map((c) => written(c, c.symbol)), ['43-NQ/TW', '21-KL/TW']);
    assert.equal(written(citations[0], citations[0].term!), 'XVII');
  });
});
