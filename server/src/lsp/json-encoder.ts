// The protocol's messages encoded for the stream transports (--stdio, --pipe, --socket): the bytes the LSP library's own encoder gives, a long report's list written one element at a time instead of as one long string copied whole, and a message's header written with its body in one write.

import { ContentTypeEncoder, ContentTypeEncoderOptions, Message, RAL } from 'vscode-languageserver/node';

/** Where a message carries its long list: a pull report's items, a pushed document's diagnostics, a workspace report's documents. */
const LISTS: ReadonlyArray<readonly [string, string]> = [
  ['result', 'items'],
  ['params', 'diagnostics'],
];
/** Shorter lists go whole. */
const MIN_SPLIT = 64;
/**
 * A message's JSON shorter than this (in UTF-16 units; 128 KB at two bytes a character, where V8
 * puts a string in its large-object space) goes whole: measured with a report's diagnostics, the
 * whole message's encoding took 0.24 ms at 62,000 characters and 0.88 ms at 66,000, and the list
 * written apart 0.32 and 0.35 ms. Its length is foreseen from the first elements' (SAMPLE).
 */
const LONG_TEXT = 64_000;
const SAMPLE = 8;
/** Stands for the list in the message's JSON: a string no message has (JSON writes its NULs as escapes). */
const MARK = '\u0000plan43 list\u0000';
const MARK_JSON = JSON.stringify(MARK);

type Plain = Record<string, unknown>;

/** Where a list keeps the function that gives its elements' JSON (see `withElementsJson`); JSON.stringify does not read symbols. */
const ELEMENTS_JSON = Symbol('plan43.elementsJson');

/**
 * Gives `list` a function that writes its elements' JSON as UTF-8, joined by commas (the bytes
 * between its brackets), between `head` and `tail` (the message's bytes before and after them,
 * brackets included), which the encoder then uses in place of JSON.stringify of each element:
 * for a report's diagnostics, whose encoded messages are kept from one version to the next
 * (lsp/diagnostic-json.ts). The function must give exactly those bytes; it is called only when the
 * list is encoded here (not on the IPC transport, where Node writes the message).
 */
export function withElementsJson<T>(list: T[], encode: (list: readonly T[], head: Uint8Array, tail: Uint8Array) => Uint8Array): T[] {
  Object.defineProperty(list, ELEMENTS_JSON, { value: encode, enumerable: false, configurable: true });
  return list;
}

type ElementsJson = (list: readonly unknown[], head: Uint8Array, tail: Uint8Array) => Uint8Array;

function elementsJsonOf(list: readonly unknown[]): ElementsJson | undefined {
  return (list as unknown as { [ELEMENTS_JSON]?: ElementsJson })[ELEMENTS_JSON];
}

function plainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Plain).toJSON !== 'function';
}

/**
 * A message as JSON in `charset`: the bytes of the library's encoder, `Buffer.from(JSON.stringify(msg), charset)`.
 * A JSON text past about 64,000 characters stored two bytes a character (a report whose messages
 * are in Vietnamese) cost about four times as much per character to turn into UTF-8 as a shorter
 * one (V8 builds a long JSON text in pieces and copies it whole, into its large-object space, when
 * it is first read): for a report of 100 KB about 1.2 ms of the main thread. So the long list of a
 * message (LISTS) is written as JSON one element at a time and encoded a chunk of short strings at
 * a time, with the rest of the message around it: the same text as JSON.stringify writes — `[`,
 * the elements' JSON joined by commas, `]` — in less than half the time. Anything else, or another
 * charset, goes as before.
 */
export function encodeJson(msg: unknown, charset: string): Uint8Array {
  const split = charset === 'utf-8' || charset === 'utf8' ? splitList(msg) : undefined;
  if (!split) return Buffer.from(JSON.stringify(msg, undefined, 0), charset as BufferEncoding);
  const elements = elementsJsonOf(split.list);
  if (elements) return elements(split.list, Buffer.from(`${split.head}[`, 'utf8'), Buffer.from(`]${split.tail}`, 'utf8'));
  // Encoded a chunk at a time, so that the elements' strings die young (a report of 20,000 lines
  // is about 800 KB of JSON: kept to the end, they would fill the young generation of 2 MB).
  const chunks: Buffer[] = [];
  let text = `${split.head}[`;
  for (let i = 0; i < split.list.length; i++) {
    const json = elementJson(split.list[i]);
    if (json === undefined) return Buffer.from(JSON.stringify(msg, undefined, 0), 'utf8');
    text += i === 0 ? json : `,${json}`;
    if (text.length >= CHUNK) {
      chunks.push(Buffer.from(text, 'utf8'));
      text = '';
    }
  }
  chunks.push(Buffer.from(`${text}]${split.tail}`, 'utf8'));
  return Buffer.concat(chunks);
}

/** Characters of JSON encoded at a time: well under the large-object space's 64K characters. */
const CHUNK = 16_000;

/** The JSON of an element of a list; undefined when it could differ from what the list writes. */
function elementJson(element: unknown): string | undefined {
  // A toJSON is called with the element's index as its key in a list, with '' alone.
  if (typeof element === 'object' && element !== null && typeof (element as Plain).toJSON === 'function') return undefined;
  // A list writes null for what JSON.stringify alone leaves undefined (a function, undefined, a symbol).
  return (JSON.stringify(element, undefined, 0) as string | undefined) ?? 'null';
}

/**
 * The message's long list and the JSON around it, `head` + the list's JSON + `tail` being
 * JSON.stringify(msg). Undefined when the message has no list long enough (its JSON foreseen from
 * the first elements' under LONG_TEXT) or when the mark is found elsewhere in the message.
 */
function splitList(msg: unknown): { head: string; list: readonly unknown[]; tail: string } | undefined {
  if (!plainObject(msg)) return undefined;
  for (const [outer, inner] of LISTS) {
    const holder = msg[outer];
    if (!plainObject(holder)) continue;
    const list = holder[inner];
    if (!Array.isArray(list) || typeof (list as unknown as Plain).toJSON === 'function') continue;
    // A list that writes its own elements goes apart whatever its length; another only when long.
    const own = elementsJsonOf(list) !== undefined;
    if (!own && list.length < MIN_SPLIT) continue;
    // The message with its list replaced by the mark: the same keys in the same order.
    const rest = JSON.stringify({ ...msg, [outer]: { ...holder, [inner]: MARK } }, undefined, 0);
    const at = rest.indexOf(MARK_JSON);
    if (at < 0 || rest.indexOf(MARK_JSON, at + 1) >= 0) return undefined;
    if (own) return { head: rest.slice(0, at), list, tail: rest.slice(at + MARK_JSON.length) };
    let sampled = 0;
    for (let i = 0; i < SAMPLE; i++) sampled += (elementJson(list[i])?.length ?? 0) + 1;
    if (rest.length + (sampled / SAMPLE) * list.length < LONG_TEXT) return undefined;
    return { head: rest.slice(0, at), list, tail: rest.slice(at + MARK_JSON.length) };
  }
  return undefined;
}

/**
 * The message's JSON in the parts encodeJson writes (the text before its long list and `[`, each
 * element with the comma before it, `]` and the rest), or undefined when it writes it whole (for tests).
 */
export function listParts(msg: unknown): string[] | undefined {
  const split = splitList(msg);
  if (!split) return undefined;
  const parts = [`${split.head}[`];
  for (let i = 0; i < split.list.length; i++) {
    const json = elementJson(split.list[i]);
    if (json === undefined) return undefined;
    parts.push(i === 0 ? json : `,${json}`);
  }
  parts.push(`]${split.tail}`);
  return parts;
}

const ENCODER: ContentTypeEncoder = {
  name: 'application/json',
  encode: (msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> => {
    try {
      return Promise.resolve(encodeJson(msg, options.charset));
    } catch (err) {
      return Promise.reject(err);
    }
  },
};

/** A message's header as the library's writer makes it: `Content-Length: N`, an empty line, in ASCII. */
function isHeader(chunk: unknown, encoding: unknown): chunk is string {
  return typeof chunk === 'string' && encoding === 'ascii' && chunk.startsWith('Content-Length: ') && chunk.endsWith('\r\n\r\n');
}

type Callback = (error?: Error | null) => void;
type Write = (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;

/**
 * The library's message writer writes a message's header, waits for that write's callback, then
 * writes its body: two writes to the pipe, each waking the reader (the editor) for a part of the
 * message. Here `stream`'s write holds a header (its callback called a microtask later) until the
 * body comes, in the same task, and the two go out in one write of the stream (corked: a socket's
 * or pipe's `writev` of both, with no copy). Anything else is written as before. Given the
 * standard output of --stdio, the stream the library's writer is made on (the other transports'
 * sockets are made inside the library).
 */
export function writeHeaderWithBody(stream: NodeJS.WritableStream & { cork?(): void; uncork?(): void }): void {
  const write = stream.write as unknown as Write;
  let header: string | undefined;
  const held: Write = function (this: unknown, chunk, encoding, callback) {
    if (header === undefined && typeof callback === 'function' && isHeader(chunk, encoding)) {
      header = chunk;
      queueMicrotask(() => (callback as Callback)());
      return true;
    }
    if (header === undefined) return write.call(stream, chunk, encoding, callback);
    const before = header;
    header = undefined;
    stream.cork?.();
    try {
      write.call(stream, before, 'ascii');
      return write.call(stream, chunk, encoding, callback);
    } finally {
      stream.uncork?.();
    }
  };
  stream.write = held as unknown as typeof stream.write;
}

/**
 * Makes `encodeJson` the encoder of the message writers created from now on in this thread (a
 * writer takes the runtime layer's encoder when it is made): called before the connection is. The
 * Node IPC transport (--node-ipc, VS Code's) does not encode: Node's `process.send` does.
 */
export function useFastJsonEncoder(): void {
  const ral = RAL();
  if (ral.applicationJson.encoder === ENCODER) return;
  RAL.install({ ...ral, applicationJson: { ...ral.applicationJson, encoder: ENCODER } });
}

/** The encoder the message writers created now take (for tests). */
export function currentJsonEncoder(): ContentTypeEncoder {
  return RAL().applicationJson.encoder;
}
