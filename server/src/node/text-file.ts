// Reads text files whatever their encoding says: UTF-8 (with or without BOM), UTF-16 with a BOM; notes bytes that are not valid text, and caps how much is read.

import { isUtf8, transcode } from 'node:buffer';
import * as fs from 'node:fs';

export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be';

export interface DecodedText {
  /** The text; a byte order mark stays as U+FEFF at its start, so that writing it back keeps it. */
  text: string;
  encoding: TextEncodingName;
  /**
   * True when some bytes were not valid in the encoding and became U+FFFD (text.lookalike reports
   * them): writing this text back would destroy the original bytes.
   */
  lossy: boolean;
  /** True when the file was longer than the cap and only its head was read. */
  truncated: boolean;
}

/** Decodes file bytes: a UTF-16 byte order mark selects UTF-16, anything else is read as UTF-8. */
export function decodeText(bytes: Buffer, truncated = false): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    const even = bytes.length - (bytes.length % 2);
    return { text: bytes.subarray(0, even).toString('utf16le'), encoding: 'utf16le', lossy: even !== bytes.length, truncated };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const even = bytes.length - (bytes.length % 2);
    const swapped = Buffer.from(bytes.subarray(0, even)).swap16();
    return { text: swapped.toString('utf16le'), encoding: 'utf16be', lossy: even !== bytes.length, truncated };
  }
  // Validating is much quicker than decoding a second time with a strict decoder (it was a tenth
  // of the command line's time on a folder of plans), and accepts exactly the same bytes.
  const lossy = !isUtf8(bytes);
  return { text: lossy ? bytes.toString('utf8') : validUtf8Text(bytes), encoding: 'utf8', lossy, truncated };
}

/** Whether `transcode` may be asked: Node without ICU has none, and a first failure (never seen on valid bytes) stops its use. */
let transcodes = typeof transcode === 'function';

/**
 * The text of bytes that are valid UTF-8 (`isUtf8`), the same string `bytes.toString('utf8')`
 * gives (a BOM kept as U+FEFF). Text with a letter past U+00FF — every Vietnamese text, by its
 * "đ", "ơ", "ư" or a letter of U+1Exx, whose first bytes are looked for — is transcoded to UTF-16
 * by ICU and read as UTF-16: about a quarter of the time of V8's own decoding on Vietnamese plans,
 * which was some 4 % of the command line's samples. V8 makes its string of such a text two bytes a
 * character too; a text of ASCII or Latin-1 letters alone, which it keeps one byte a character, is
 * left to it. Only for valid bytes: the transcoding refuses any other (it throws), where V8 puts a
 * U+FFFD for each bad sequence.
 */
export function validUtf8Text(bytes: Buffer): string {
  if (transcodes && (bytes.indexOf(0xe1) >= 0 || bytes.indexOf(0xc6) >= 0 || bytes.indexOf(0xc4) >= 0)) {
    try {
      return transcode(bytes, 'utf8', 'ucs2').toString('ucs2');
    } catch {
      transcodes = false;
    }
  }
  return bytes.toString('utf8');
}

/** The bytes of a text in an encoding a file was read in. */
export function encodeText(text: string, encoding: TextEncodingName): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  const le = Buffer.from(text, 'utf16le');
  return encoding === 'utf16le' ? le : le.swap16();
}

/**
 * Reads a regular text file; with `maxBytes`, a longer file is read only up to that many bytes and
 * marked truncated. Throws like fs.readFileSync when the file cannot be read.
 */
export function readText(file: fs.PathLike, options: { maxBytes?: number } = {}): DecodedText {
  const max = options.maxBytes;
  if (max === undefined) {
    // A pipe or a device (a FIFO named plan.md, /dev/zero) would block or never end: regular files only.
    if (!fs.statSync(file).isFile()) throw new Error(NOT_REGULAR);
    return decodeText(fs.readFileSync(file));
  }
  const { fd, size } = openRegular(file);
  try {
    return decodeText(readStart(fd, Math.min(size, max)), size > max);
  } finally {
    fs.closeSync(fd);
  }
}

const NOT_REGULAR = 'không phải tệp thông thường / not a regular file';

/**
 * Opening without waiting: a FIFO opened for reading waits for a writer unless so opened, and a
 * terminal is not made the process's own. Where Node has no such flags (Windows), none is needed.
 */
const OPEN_NOW = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/**
 * A file opened for reading and its size, when it is a regular file; else it throws what a look at the path
 * before opening it threw (its error, or "not a regular file"). The look is made only when the file
 * cannot be opened or is not regular: before every read, it was a third of the reading's own time
 * on the command line (a path's stat and its Stats, twice a plan with the registry's look at its
 * head).
 */
export function openRegular(file: fs.PathLike): { fd: number; size: number } {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_NOW);
  } catch (err) {
    // A socket cannot be opened (ENXIO) but was said not to be a regular file, as any other.
    if (!fs.statSync(file).isFile()) throw new Error(NOT_REGULAR);
    throw err;
  }
  let size = -1;
  try {
    const st = fs.fstatSync(fd);
    if (st.isFile()) size = st.size;
  } finally {
    if (size < 0) fs.closeSync(fd);
  }
  if (size < 0) throw new Error(NOT_REGULAR);
  return { fd, size };
}

/** The first `length` bytes of an open file, or fewer where it ends sooner. */
export function readStart(fd: number, length: number): Buffer {
  // Not filled first: only the bytes read are given out.
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const n = fs.readSync(fd, buffer, read, length - read, read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

/**
 * A byte cap that still shows a text over `maxChars` as over the limit when only its head is read:
 * every UTF-16 code unit of the text takes at most 3 bytes of UTF-8 (or 2 of UTF-16).
 */
export function byteCapFor(maxChars: number): number {
  return maxChars * 3 + 4;
}
