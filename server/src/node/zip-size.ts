// How large the parts of a .docx are once unpacked, read from the zip's central directory without unpacking anything: an import refuses a file whose text parts would not fit in memory.

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  /** Size once unpacked, in bytes, as the directory declares it. */
  size: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;

/** The entries of a zip archive, or undefined when the bytes are not a zip the reader understands. */
export function zipEntries(zip: Buffer): ZipEntry[] | undefined {
  // The end record is in the last 64 KiB + 22 bytes (after an archive comment of at most 64 KiB).
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  let count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && zip.readUInt32LE(end - 20) === ZIP64_LOCATOR) {
    const record = Number(zip.readBigUInt64LE(end - 20 + 8));
    if (record + 56 > zip.length || zip.readUInt32LE(record) !== ZIP64_EOCD) return undefined;
    count = Number(zip.readBigUInt64LE(record + 32));
    offset = Number(zip.readBigUInt64LE(record + 48));
  }
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL) return undefined;
    let size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    if (size === 0xffffffff) {
      // The real size is the first field of the ZIP64 extra block.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = zip.readUInt16LE(e);
        const length = zip.readUInt16LE(e + 2);
        if (id === 0x0001 && length >= 8) {
          size = Number(zip.readBigUInt64LE(e + 4));
          break;
        }
        e += 4 + length;
      }
    }
    entries.push({ name, size });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Bytes the Word reader unpacks from a .docx: every part except the pictures and embedded files,
 * which it skips. Undefined when the file is not a zip.
 */
export function docxTextBytes(zip: Buffer): number | undefined {
  const entries = zipEntries(zip);
  if (!entries) return undefined;
  let total = 0;
  for (const e of entries) if (!/^word\/(?:media|embeddings)\//u.test(e.name)) total += e.size;
  return total;
}
