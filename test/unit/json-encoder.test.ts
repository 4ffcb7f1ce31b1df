// The server's JSON encoder for the stream transports gives the bytes of the LSP library's own: random texts (Vietnamese, surrogate pairs and lone surrogates, quotes, control characters, long and short), a real report, and a message writer made once it is installed.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { RAL, StreamMessageWriter } from 'vscode-languageserver/node';
import { checkPlan } from '../../server/src/core/engine';
import { parsePlan } from '../../server/src/core/document/parse';
import { LineIndex } from '../../server/src/core/text/line-index';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { currentJsonEncoder, encodeJson, listParts, useFastJsonEncoder, writeHeaderWithBody } from '../../server/src/lsp/json-encoder';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { REPO_ROOT } from '../support/paths';
import { seededRandom } from '../support/random';

const REPO = REPO_ROOT;

/** Bits of text: Vietnamese letters (two bytes a character in V8), Latin-1 only, ASCII, astral, lone surrogates, what JSON escapes. */
const BITS = ['a', 'ệ', 'Điều 1. ', 'é', 'ÿ', '😀', '\ud83d', '\ude00', '"', '\\', '\n', '\u0000', '\u001f', '\u2028', '\ufeff', 'Nghị quyết số 43-NQ/TW', ' ', '{}', ''];

function libraryBytes(msg: unknown, charset = 'utf-8'): Buffer {
  return Buffer.from(JSON.stringify(msg, undefined, 0), charset as BufferEncoding);
}

/** A text of `parts` pieces of BITS drawn by `next`. */
function randomText(next: () => number, parts: number): string {
  let s = '';
  for (let i = 0; i < parts; i++) s += BITS[Math.floor(next() * BITS.length)];
  return s;
}

describe('JSON encoder of the stream transports', () => {
  it('gives the bytes of the library encoder for random texts, short and long', () => {
    const next = seededRandom(43);
    const text = (parts: number): string => randomText(next, parts);
    for (let round = 0; round < 300; round++) {
      // Up to about 20,000 characters: past the 4 KB under which Buffer takes from its pool.
      const s = text(round % 10 === 0 ? 4000 : Math.floor(next() * 60));
      const msg = { jsonrpc: '2.0', id: round, result: { items: [{ message: s, range: { start: { line: round, character: 1 } } }], text: s.slice(0, 7) } };
      assert.deepEqual(Buffer.from(encodeJson(msg, 'utf-8')), libraryBytes(msg), `round ${round}`);
      assert.deepEqual(Buffer.from(encodeJson(msg, 'utf8')), libraryBytes(msg), `round ${round} (utf8)`);
    }
  });

  it('writes a long list apart and gives the same bytes: elements of every kind, both kinds of message', () => {
    const next = seededRandom(14);
    const text = (parts: number): string => randomText(next, parts);
    /** Elements as a report holds them, and what JSON writes otherwise in a list (null for undefined, a function, a symbol). */
    const element = (i: number): unknown => {
      const r = next();
      if (r < 0.03) return undefined;
      if (r < 0.05) return () => i;
      if (r < 0.06) return Symbol('x');
      if (r < 0.08) return null;
      if (r < 0.1) return i * 1.5;
      if (r < 0.12) return [text(3), { a: undefined, b: text(2) }];
      if (r < 0.13) return '\u0000plan43 list\u0000';
      return { range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } }, severity: 2, code: 'text.tone-style', message: text(20 + Math.floor(next() * 200)), skipped: undefined };
    };
    let apart = 0;
    for (let round = 0; round < 40; round++) {
      const count = Math.floor(next() * 600);
      const list = Array.from({ length: count }, (_, i) => element(i));
      const msg =
        round % 3 === 0
          ? { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: `file:///a/${text(4)}.md`, version: round, diagnostics: list } }
          : { jsonrpc: '2.0', id: round, result: { kind: 'full', resultId: `${round}:${text(3)}`, items: list, after: round % 2 === 0 ? text(5) : undefined } };
      const parts = listParts(msg);
      if (parts) {
        apart++;
        assert.equal(parts.join(''), JSON.stringify(msg), `round ${round}: the parts`);
      }
      assert.deepEqual(Buffer.from(encodeJson(msg, 'utf-8')), libraryBytes(msg), `round ${round}`);
    }
    assert.ok(apart >= 10, `lists written apart: ${apart}`);
  });

  it('writes the list whole when apart it could differ or would not pay', () => {
    const long = Array.from({ length: 400 }, (_, i) => ({ message: `Kế hoạch số ${i} `.repeat(20) }));
    assert.ok(listParts({ id: 1, result: { items: long } }), 'a long list');
    // An element with toJSON: in a list it is called with the element's index as its key.
    const withToJson = [...long, { toJSON: (key: string) => `key ${key}` }];
    assert.equal(listParts({ id: 1, result: { items: withToJson } }), undefined);
    assert.deepEqual(Buffer.from(encodeJson({ id: 1, result: { items: withToJson } }, 'utf-8')), libraryBytes({ id: 1, result: { items: withToJson } }));
    // The mark written elsewhere in the message.
    const marked = { id: 1, result: { note: '\u0000plan43 list\u0000', items: long } };
    assert.equal(listParts(marked), undefined);
    assert.deepEqual(Buffer.from(encodeJson(marked, 'utf-8')), libraryBytes(marked));
    // A short list, or a short text.
    assert.equal(listParts({ id: 1, result: { items: long.slice(0, 63) } }), undefined);
    assert.equal(listParts({ id: 1, result: { items: Array.from({ length: 400 }, (_, i) => i) } }), undefined);
  });

  it('gives the bytes of the library encoder for a real report', () => {
    const { kb } = loadKnowledge({ schemasDir: path.join(REPO, 'schemas') });
    const dir = path.join(REPO, 'test', 'fixtures', 'plans');
    const all: unknown[] = [];
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const uri = `file:///plans/${name}`;
      const findings = checkPlan(parsePlan(uri, text), kb, { mode: 'drafting', lang: 'vi' });
      const lines = new LineIndex(text);
      const items = findings.map((f) => toDiagnostic(f, lines, uri, (id) => `https://example.org/rules#${id}`));
      const msg = { jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: '3:a:1', items } };
      assert.deepEqual(Buffer.from(encodeJson(msg, 'utf-8')), libraryBytes(msg), name);
      all.push(...items);
    }
    // Every fixture's diagnostics in one report: a list long enough to be written apart.
    const msg = { jsonrpc: '2.0', id: 8, result: { kind: 'full', resultId: '4:b:2', items: all } };
    assert.ok(listParts(msg), `written apart (${all.length} diagnostics)`);
    assert.deepEqual(Buffer.from(encodeJson(msg, 'utf-8')), libraryBytes(msg), 'all the fixtures');
  });

  it('leaves another charset to Buffer', () => {
    // In ASCII, Buffer keeps each character's low byte: not the UTF-8 bytes.
    const msg = { text: 'Kế hoạch, "quoted"' };
    assert.notDeepEqual(libraryBytes(msg, 'ascii'), libraryBytes(msg));
    assert.deepEqual(Buffer.from(encodeJson(msg, 'ascii')), libraryBytes(msg, 'ascii'));
    const long = { id: 2, result: { items: Array.from({ length: 400 }, (_, i) => ({ message: `Kế hoạch số ${i} `.repeat(20) })) } };
    assert.deepEqual(Buffer.from(encodeJson(long, 'ascii')), libraryBytes(long, 'ascii'), 'a long list');
  });

  it('is the encoder of a message writer made once it is installed, which writes what the library would', async () => {
    const original = RAL();
    const msg = { jsonrpc: '2.0' as const, id: 1, result: { message: 'Ký tự "Ƣ" không phải chữ tiếng Việt 😀 \ud800'.repeat(300) } };
    const written = async (): Promise<Buffer> => {
      const stream = new PassThrough();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      const writer = new StreamMessageWriter(stream);
      await writer.write(msg);
      writer.dispose();
      return Buffer.concat(chunks);
    };
    const before = await written();
    try {
      useFastJsonEncoder();
      assert.notEqual(currentJsonEncoder(), original.applicationJson.encoder, 'installed');
      useFastJsonEncoder();
      const after = await written();
      assert.deepEqual(after, before);
      const body = libraryBytes(msg);
      assert.deepEqual(after, Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    } finally {
      RAL.install(original);
    }
  });

  it("writes a message's header and body in one write of the stream, the same bytes as the library", async () => {
    /** A stream that writes as a pipe does (one `writev` of what was corked), recording each write's bytes. */
    const recording = (): { stream: Writable; writes: Buffer[] } => {
      const writes: Buffer[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          writes.push(Buffer.from(chunk));
          callback();
        },
        writev(chunks, callback) {
          writes.push(Buffer.concat(chunks.map((c) => c.chunk as Buffer)));
          callback();
        },
      });
      return { stream, writes };
    };
    const messages = [
      { jsonrpc: '2.0' as const, id: 1, result: { items: [{ message: 'Ký tự "Ƣ" không phải chữ tiếng Việt 😀' }] } },
      { jsonrpc: '2.0' as const, method: 'window/logMessage', params: { type: 3, message: 'x'.repeat(70_000) } },
      { jsonrpc: '2.0' as const, id: 2, result: null },
    ];
    const plain = recording();
    const plainWriter = new StreamMessageWriter(plain.stream);
    for (const m of messages) await plainWriter.write(m);
    plainWriter.dispose();
    assert.equal(plain.writes.length, 2 * messages.length, "the library's writer: a header, then a body");

    const held = recording();
    writeHeaderWithBody(held.stream);
    const writer = new StreamMessageWriter(held.stream);
    // Written without waiting, as the connection writes them (the writer's queue orders them).
    await Promise.all(messages.map((m) => writer.write(m)));
    writer.dispose();
    assert.equal(held.writes.length, messages.length, 'one write a message');
    assert.deepEqual(Buffer.concat(held.writes), Buffer.concat(plain.writes));
    for (let i = 0; i < messages.length; i++) {
      const body = libraryBytes(messages[i]);
      assert.deepEqual(held.writes[i], Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    }
    // What is not a header goes as it comes.
    held.stream.write('Content-Length: 3\r\n', 'ascii');
    held.stream.write(Buffer.from('abc'));
    await new Promise<void>((resolve) => held.stream.end(resolve));
    assert.deepEqual(held.writes.slice(messages.length).map(String), ['Content-Length: 3\r\n', 'abc']);
  });
});
