// A file read with a byte cap is opened before it is looked at: what is read, and what is said of a file that cannot be read or is not a regular file, is what a look at its path first gave.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { failureReason } from '../../server/src/node/files';
import { decodeText, openRegular, readText, validUtf8Text } from '../../server/src/node/text-file';
import { entryHead } from '../../server/src/node/workspace';

/** What readText with a cap said of a file, as the command line shows it. */
function said(file: string, maxBytes = 1 << 20): string {
  try {
    const d = readText(file, { maxBytes });
    return `text ${JSON.stringify(d.text)} ${d.encoding} ${d.lossy} ${d.truncated}`;
  } catch (err) {
    return `error ${failureReason(err)}`;
  }
}

/** The same read as it was made before, the path looked at before it was opened. */
function saidBefore(file: string, maxBytes = 1 << 20): string {
  try {
    if (!fs.statSync(file).isFile()) throw new Error('không phải tệp thông thường / not a regular file');
    const fd = fs.openSync(file, 'r');
    let d;
    try {
      const size = fs.fstatSync(fd).size;
      const bytes = Buffer.alloc(Math.min(size, maxBytes));
      const n = fs.readSync(fd, bytes, 0, bytes.length, 0);
      d = decodeText(bytes.subarray(0, n), size > maxBytes);
    } finally {
      fs.closeSync(fd);
    }
    return `text ${JSON.stringify(d.text)} ${d.encoding} ${d.lossy} ${d.truncated}`;
  } catch (err) {
    return `error ${failureReason(err)}`;
  }
}

/** How many files the process has open, where the system tells. */
function openFiles(): number | undefined {
  return fs.existsSync('/proc/self/fd') ? fs.readdirSync('/proc/self/fd').length : undefined;
}

describe('reading a file opened before it is looked at', () => {
  let dir: string;
  let fifo: string | undefined;
  let socket: net.Server | undefined;
  let socketPath: string | undefined;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-open-'));
    fs.writeFileSync(path.join(dir, 'plan.md'), '---\ntitle: Kế hoạch\n---\n\n# I. MỤC ĐÍCH\n');
    fs.writeFileSync(path.join(dir, 'empty.md'), '');
    fs.writeFileSync(path.join(dir, 'bad.md'), Buffer.from([0x61, 0xff, 0x62]));
    fs.writeFileSync(path.join(dir, 'utf16.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kế hoạch', 'utf16le')]));
    fs.mkdirSync(path.join(dir, 'folder.md'));
    fs.symlinkSync(path.join(dir, 'plan.md'), path.join(dir, 'link.md'));
    fs.symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'dangling.md'));
    if (spawnSync('mkfifo', [path.join(dir, 'pipe.md')]).status === 0) fifo = path.join(dir, 'pipe.md');
    if (process.platform !== 'win32') {
      socketPath = path.join(dir, 'socket.md');
      socket = net.createServer();
      await new Promise<void>((resolve) => socket!.listen(socketPath, resolve));
    }
  });
  after(() => {
    socket?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads regular files, follows links, and says of the others what a look at the path said', () => {
    // The FIFO in a child, below: a read that waited would hang this process.
    const names = ['plan.md', 'empty.md', 'bad.md', 'utf16.md', 'folder.md', 'link.md', 'dangling.md', 'missing.md', 'plan.md/below.md'];
    if (socketPath) names.push('socket.md');
    for (const name of names) {
      const file = path.join(dir, name);
      for (const cap of [1 << 20, 5]) assert.equal(said(file, cap), saidBefore(file, cap), `${name}, cap ${cap}`);
    }
    assert.match(said(path.join(dir, 'folder.md')), /not a regular file/);
    assert.match(said(path.join(dir, 'missing.md')), /^error ENOENT: no such file or directory$/);
    if (socketPath) assert.match(said(socketPath), /not a regular file/);
  });

  it('opens a FIFO without waiting for a writer, says it is not a regular file and gives no head', function () {
    // Windows has no FIFO in its file system; elsewhere one that cannot be made fails the test rather than passing it by.
    if (process.platform === 'win32') this.skip();
    assert.ok(fifo, 'mkfifo could not make the FIFO');
    // In a child, so that a read that waits fails the test by its time limit rather than hanging it.
    const script = `const t=require(${JSON.stringify(require.resolve('../../server/src/node/text-file'))});` +
      `const w=require(${JSON.stringify(require.resolve('../../server/src/node/workspace'))});` +
      `let m;try{t.readText(${JSON.stringify(fifo)},{maxBytes:100});}catch(e){m=e.message}` +
      `process.stdout.write(JSON.stringify([m,w.entryHead(${JSON.stringify(fifo)})===undefined]));`;
    const run = spawnSync(process.execPath, ['-e', script], { timeout: 20_000, encoding: 'utf8' });
    assert.equal(run.signal, null, 'the read waited for a writer');
    assert.deepEqual(JSON.parse(run.stdout), ['không phải tệp thông thường / not a regular file', true]);
  });

  it('gives an open file and its size only for a regular file, closing what it opened otherwise', () => {
    const plan = path.join(dir, 'plan.md');
    const opened = openRegular(plan);
    try {
      assert.equal(opened.size, fs.statSync(plan).size);
    } finally {
      fs.closeSync(opened.fd);
    }
    const before = openFiles();
    for (let i = 0; i < 20; i++) assert.throws(() => openRegular(path.join(dir, 'folder.md')), /not a regular file/);
    assert.equal(openFiles(), before);
    assert.throws(() => openRegular(path.join(dir, 'missing.md')), { code: 'ENOENT', syscall: 'stat' });
    assert.ok(entryHead(path.join(dir, 'folder.md')) === undefined);
  });
  it('decodes valid UTF-8 to the string V8 gives: a BOM kept, ASCII, Vietnamese, astral letters, controls, a head cut after a line break', () => {
    const texts = ['', 'a', '\ufeff', '\ufeff---\ntemplate: nq43-v1\n', 'plain ASCII\n', 'café', 'Kế hoạch thực hiện Nghị quyết 43-NQ/TW\n', 'Ủy ban 😀 \u0000\u0007\u2028 cuối', 'x'.repeat(70000) + 'ư'];
    for (const t of texts) {
      const bytes = Buffer.from(t, 'utf8');
      assert.equal(validUtf8Text(bytes), t, JSON.stringify(t.slice(0, 40)));
      assert.deepEqual(decodeText(bytes), { text: t, encoding: 'utf8', lossy: false, truncated: false });
    }
    // Bytes that are not UTF-8 are read as V8 reads them (U+FFFD for each bad sequence), not as ICU would.
    for (const bad of [Buffer.from([0x61, 0xc3]), Buffer.from([0xed, 0xa0, 0x80, 0x61]), Buffer.from([0xe1, 0xba, 0x41, 0xff])]) {
      assert.deepEqual(decodeText(bad), { text: bad.toString('utf8'), encoding: 'utf8', lossy: true, truncated: false });
    }
  });
});
