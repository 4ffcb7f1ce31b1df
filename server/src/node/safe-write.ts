// Writes the files the command line and the Word export are told to write without losing one: a temporary file beside the target renamed over it (mode kept, a link's target written), never one of the run's own inputs, never a file that changed since it was read.

import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lang, Localized } from '../core/findings';
import { FilePath, failureReason } from './files';

/** Why a write was refused, in the drafter's words; nothing was written. */
export class WriteRefused extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }

  say(lang: Lang): string {
    return this.reason[lang];
  }
}

/** What a file was when it was read: a later write checks that it is still that. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** SHA-256 of the bytes read. */
  hash: string;
}

/** Node's `crypto`, loaded when a file is first written, not with the server's code. */
const crypto = (): typeof Crypto => require('node:crypto') as typeof Crypto;

function hashOf(bytes: Uint8Array): string {
  return crypto().createHash('sha256').update(bytes).digest('hex');
}

/** Reads a whole file and notes its stamp. */
export function readWithStamp(file: FilePath): { bytes: Buffer; stamp: FileStamp } {
  const fd = fs.openSync(file, 'r');
  try {
    const st = fs.fstatSync(fd);
    const bytes = fs.readFileSync(fd);
    return { bytes, stamp: { size: st.size, mtimeMs: st.mtimeMs, hash: hashOf(bytes) } };
  } finally {
    fs.closeSync(fd);
  }
}

/** True when the file is not what it was when `stamp` was taken: size, time of change or content. */
export function changedSince(file: FilePath, stamp: FileStamp): boolean {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return true;
  }
  if (st.size !== stamp.size || st.mtimeMs !== stamp.mtimeMs) return true;
  // A save within the same clock tick with the same length: only the content tells.
  return hashOf(fs.readFileSync(file)) !== stamp.hash;
}

/** Device and inode of an existing file (links followed): two names of one file have the same. */
function identity(file: FilePath): string | undefined {
  try {
    const st = fs.statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Path operations on a path kept as bytes: latin1 maps each byte to one character and back, and
 * the separators are ASCII, so dirname, basename and join work on it unchanged.
 */
function onBytes(p: FilePath, op: (text: string) => string): FilePath {
  return typeof p === 'string' ? op(p) : Buffer.from(op(p.toString('latin1')), 'latin1');
}

function textOf(p: FilePath): string {
  return typeof p === 'string' ? p : p.toString('latin1');
}

/** The real path of a file (links followed), or of its nearest existing folder joined with the rest. */
export function realTarget(file: FilePath): FilePath {
  try {
    return typeof file === 'string' ? fs.realpathSync.native(file) : fs.realpathSync.native(file, { encoding: 'buffer' });
  } catch {
    const absolute = onBytes(file, (t) => path.resolve(t));
    const parent = onBytes(absolute, (t) => path.dirname(t));
    if (textOf(parent) === textOf(absolute)) return absolute;
    const base = path.basename(textOf(absolute));
    return onBytes(realTarget(parent), (t) => path.join(t, base));
  }
}

/**
 * The inputs of a run, by identity: an output that is one of them (the same real path, or the
 * same inode through a symbolic or a hard link) is refused.
 */
export class InputSet {
  private readonly ids = new Set<string>();
  private readonly real = new Set<string>();

  add(file: FilePath): void {
    const id = identity(file);
    if (id) this.ids.add(id);
    const real = realTarget(file);
    this.real.add(textOf(real));
  }

  has(file: FilePath): boolean {
    const id = identity(file);
    if (id && this.ids.has(id)) return true;
    const real = realTarget(file);
    return this.real.has(textOf(real));
  }
}

const REFUSALS = {
  input: (shown: string): Localized => ({
    vi: `không ghi vào ${shown}: đó là một tệp đầu vào của lệnh này (cùng tệp, kể cả qua liên kết); hãy chọn tệp khác`,
    en: `not writing ${shown}: it is one of this command's own input files (the same file, links included); choose another file`,
  }),
  readOnly: (shown: string): Localized => ({
    vi: `không ghi vào ${shown}: tệp chỉ được đọc (không có quyền ghi)`,
    en: `not writing ${shown}: the file is read-only`,
  }),
  changed: (shown: string): Localized => ({
    vi: `không ghi các sửa tự động vào ${shown}: tệp đã thay đổi sau khi được đọc (có người vừa lưu?); hãy chạy lại lệnh`,
    en: `fixes not written to ${shown}: the file changed after it was read (saved meanwhile?); run the command again`,
  }),
  noFolder: (shown: string): Localized => ({
    vi: `không ghi được ${shown}: thư mục chứa tệp không tồn tại`,
    en: `cannot write ${shown}: its folder does not exist`,
  }),
  folder: (shown: string): Localized => ({
    vi: `không ghi được ${shown}: đó là một thư mục`,
    en: `cannot write ${shown}: it is a folder`,
  }),
  failed: (shown: string, reason: string): Localized => ({
    vi: `không ghi được ${shown}: ${reason}`,
    en: `cannot write ${shown}: ${reason}`,
  }),
};

export interface AtomicWriteOptions {
  /** How the file is named to the user in a refusal. */
  shown: string;
  /** The run's inputs: writing one of them is refused. */
  inputs?: InputSet;
  /** The file must still be what it was when read (`--fix`). */
  unchangedSince?: FileStamp;
}

/**
 * A file written in one piece: the text goes to a temporary file in the target's folder, which
 * then replaces the target by a rename. A full disk or a killed process leaves the target as it
 * was; the target keeps its permissions; a symbolic link keeps pointing where it pointed, its
 * target is written. Another name of the same file made with a hard link keeps the old content
 * (the command line asks for `--allow-links` before writing such a file).
 */
export class AtomicFile {
  private fd: number | undefined;
  private readonly temp: FilePath;
  private readonly target: FilePath;
  private readonly mode: number | undefined;

  constructor(
    file: FilePath,
    private readonly options: AtomicWriteOptions,
  ) {
    const shown = options.shown;
    if (options.inputs?.has(file)) throw new WriteRefused(REFUSALS.input(shown));
    this.target = realTarget(file);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(this.target);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) throw new WriteRefused(REFUSALS.folder(shown));
    if (st) {
      // A rename would replace a read-only file all the same: the permission is honoured, and a
      // file marked read-only for everyone (chmod a-w) is not written even by the superuser.
      let writable = (st.mode & 0o222) !== 0;
      try {
        fs.accessSync(this.target, fs.constants.W_OK);
      } catch {
        writable = false;
      }
      if (!writable) throw new WriteRefused(REFUSALS.readOnly(shown));
      this.mode = st.mode & 0o7777;
    }
    if (options.unchangedSince && changedSince(this.target, options.unchangedSince)) throw new WriteRefused(REFUSALS.changed(shown));
    const dir = onBytes(this.target, (t) => path.dirname(t));
    if (!fs.existsSync(dir)) throw new WriteRefused(REFUSALS.noFolder(shown));
    const base = path.basename(textOf(this.target));
    this.temp = onBytes(dir, (t) => path.join(t, `.${base}.${process.pid}-${crypto().randomBytes(4).toString('hex')}.tmp`));
    try {
      this.fd = fs.openSync(this.temp, 'wx', 0o600);
      // The mode of the file replaced, or what a new file would get (the umask applied).
      fs.fchmodSync(this.fd, this.mode ?? 0o666 & ~process.umask());
    } catch (err) {
      this.abort();
      throw new WriteRefused(REFUSALS.failed(shown, failureReason(err)));
    }
  }

  write(data: string | Uint8Array): void {
    if (this.fd === undefined) return;
    try {
      if (typeof data === 'string') fs.writeSync(this.fd, data, null, 'utf8');
      else {
        let written = 0;
        while (written < data.length) written += fs.writeSync(this.fd, data, written, data.length - written);
      }
    } catch (err) {
      this.abort();
      throw new WriteRefused(REFUSALS.failed(this.options.shown, failureReason(err)));
    }
  }

  /** Puts the file in place; until then the target is untouched. */
  commit(): void {
    if (this.fd === undefined) return;
    try {
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      this.fd = undefined;
      // Checked again at the last moment: a save made while the fixes were computed is not lost.
      if (this.options.unchangedSince && changedSince(this.target, this.options.unchangedSince)) {
        this.abort();
        throw new WriteRefused(REFUSALS.changed(this.options.shown));
      }
      fs.renameSync(this.temp, this.target);
    } catch (err) {
      this.abort();
      if (err instanceof WriteRefused) throw err;
      throw new WriteRefused(REFUSALS.failed(this.options.shown, failureReason(err)));
    }
  }

  /** Gives up: the temporary file is removed, the target stays as it was. */
  abort(): void {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Already closed.
      }
      this.fd = undefined;
    }
    try {
      fs.unlinkSync(this.temp);
    } catch {
      // Never created, or already renamed.
    }
  }
}

/** Writes a whole file at once, in one piece (see AtomicFile). */
export function writeFileAtomic(file: FilePath, data: string | Uint8Array, options: AtomicWriteOptions): void {
  const out = new AtomicFile(file, options);
  out.write(data);
  out.commit();
}
