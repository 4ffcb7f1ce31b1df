// Word and text import on hostile files: pictures never unpacked, what is read and unpacked capped, long joined paragraphs and many line breaks read in one pass.

import assert from 'node:assert/strict';
import { Document, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import { MAX_IMPORT_UNPACKED_BYTES } from '../../server/src/core/limits';
import { importPlanText } from '../../server/src/core/import/index';
import { importPlanBytes, readDocx } from '../../server/src/node/word';
import { zipEntries } from '../../server/src/node/zip-size';
import { bundledKnowledge } from '../support/knowledge';

/** A 1×1 PNG followed by padding: a picture of 200 KB. */
const PICTURE = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex'),
  Buffer.alloc(200_000, 7),
]);

/** Calls `edit` on the local header of each zip entry whose name matches: offset of its data, its name, its compressed size. */
function eachEntry(zip: Buffer, name: RegExp, edit: (dataStart: number, compressed: number, header: number) => void): number {
  let found = 0;
  for (let p = 0; p + 30 <= zip.length; p++) {
    if (zip.readUInt32LE(p) !== 0x04034b50) continue;
    const nameLength = zip.readUInt16LE(p + 26);
    const extraLength = zip.readUInt16LE(p + 28);
    if (!name.test(zip.toString('utf8', p + 30, p + 30 + nameLength))) continue;
    edit(p + 30 + nameLength + extraLength, zip.readUInt32LE(p + 18), p);
    found++;
  }
  return found;
}

describe('robustness: import bounds', () => {
  it('a picture used many times is never unpacked: a damaged one does not even show', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('KẾ HOẠCH')] }),
            new Paragraph({ children: Array.from({ length: 200 }, () => new ImageRun({ type: 'png', data: PICTURE, transformation: { width: 10, height: 10 } })) }),
            new Paragraph({ children: [new TextRun('I. MỤC ĐÍCH, YÊU CẦU')] }),
          ],
        },
      ],
    });
    const zip = Buffer.from(await Packer.toBuffer(doc));
    // The picture's compressed bytes replaced by bytes no inflater accepts: reading it would fail.
    assert.equal(
      eachEntry(zip, /^word\/media\//, (start, compressed) => zip.fill(0xff, start, start + compressed)),
      1,
    );
    const result = await readDocx(zip);
    assert.deepEqual(
      result.paragraphs.map((p) => p.plain),
      ['KẾ HOẠCH', 'I. MỤC ĐÍCH, YÊU CẦU'],
    );
  });

  it('a .docx whose text parts would unpack past the limit is refused before it is unpacked', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('KẾ HOẠCH')] })] }] });
    const zip = Buffer.from(await Packer.toBuffer(doc));
    // The central directory says word/document.xml unpacks to 2 GB (a zip bomb says as much).
    let patched = 0;
    for (let p = 0; p + 46 <= zip.length; p++) {
      if (zip.readUInt32LE(p) !== 0x02014b50) continue;
      const nameLength = zip.readUInt16LE(p + 28);
      if (zip.toString('utf8', p + 46, p + 46 + nameLength) === 'word/document.xml') {
        zip.writeUInt32LE(0x7fffffff, p + 24);
        patched++;
      }
    }
    assert.equal(patched, 1);
    assert.ok(zipEntries(zip)!.some((e) => e.name === 'word/document.xml' && e.size > MAX_IMPORT_UNPACKED_BYTES));
    await assert.rejects(importPlanBytes('bomb.docx', zip, bundledKnowledge().kb), /the text of the Word file exceeds 64 MB once unpacked/);
  });

  it('150,000 line breaks in one paragraph are read (no stack overflow)', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun({ text: 'x', break: 150_000 })] })] }] });
    const result = await readDocx(Buffer.from(await Packer.toBuffer(doc)));
    assert.equal(result.paragraphs.length, 1);
    assert.equal(result.paragraphs[0].segments.join('\n').split('\n').length, 150_001);
  });

  it('hard-wrapped text and lines joined into one paragraph: each line is looked at by the start and end of its paragraph only', () => {
    const kb = bundledKnowledge().kb;
    const wrapped = `KẾ HOẠCH\n\nI. MỤC ĐÍCH, YÊU CẦU\n${Array.from({ length: 8000 }, () => 'tăng cường công tác tuyên truyền vận động nhân dân tham gia xây dựng').join('\n')}\n`;
    const hard = importPlanText(wrapped, kb, { sourceName: 'wrapped.txt' });
    assert.equal(hard.layout, 'hard-wrapped');
    assert.ok(hard.markdown.includes('xây dựng tăng cường'), 'the lines are joined');
    const pieces = ['tăng', 'cường công tác', 'tuyên truyền vận động nhân dân tham gia xây dựng khối đại đoàn kết toàn dân tộc vững mạnh', 'x'];
    const lines = `KẾ HOẠCH\n\nI. MỤC ĐÍCH, YÊU CẦU\n${Array.from({ length: 8000 }, (_, i) => pieces[i % 4]).join('\n')}\n`;
    const joined = importPlanText(lines, kb, { sourceName: 'lines.txt' });
    assert.equal(joined.layout, 'paragraphs');
    assert.ok(joined.markdown.includes('tăng cường công tác tuyên truyền'), 'the lines are joined');
  });
});
