// Results of pure functions of a text, kept from one version of a document to the next: after a keystroke, only the paragraphs that changed are worked on again.

/** Texts shorter than this are recomputed: remembering them costs about as much as the work. */
const MIN_LENGTH = 48;

/** What is remembered about one text: a private copy of it and the result of each function. */
class Entry {
  /** The last generation of its memory whose check used it (see TextMemo.nextGeneration). */
  generation: number;
  readonly values = new Map<(text: string) => unknown, unknown>();
  /** `key`: a private copy of the text (see `ownCopy`), under which the entry is stored. */
  constructor(
    readonly key: string,
    readonly memo: TextMemo,
    generation: number,
  ) {
    this.generation = generation;
  }
}

/**
 * An object that holds a text for the whole of its life (a paragraph's MappedText) and keeps its
 * entry: a dozen rules ask about the same paragraph, and looking a long text up by content
 * (hashing and comparing it) costs more than most of their work. A text moved by an edit before
 * it shares the entry of the text it was (MappedText.moved), without a lookup either.
 */
export interface MemoOwner {
  memoEntry: object | undefined;
}

/**
 * A copy of `text` that shares no memory with it. Paragraph texts are slices of the whole
 * document; a remembered slice (or a value holding slices of it) would keep that version of the
 * document alive as long as the paragraph stays unchanged. Concatenating makes a new string, and
 * slicing it makes the engine flatten it into a fresh buffer of the text's own length.
 */
export function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/**
 * One document's memory. Each new version starts a generation; what the check of the previous
 * version used is carried over when it is used again, and what no version used since is dropped
 * from the lookup by content (an owner still holding its entry keeps it). So the memory holds
 * about two versions' worth of paragraphs, and those of the blocks the model holds.
 */
export class TextMemo {
  private current = new Map<string, Entry>();
  private previous = new Map<string, Entry>();
  private generation = 0;

  /** Called before a new version of the document is parsed. */
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
    this.generation++;
  }

  /** `found`, an entry of this memory, is used in this generation: kept for the lookup by content. */
  private carry(found: Entry): Entry {
    if (found.generation !== this.generation) {
      // The key is the entry's own string, whose hash the engine keeps: carrying it over costs no pass over the text.
      found.generation = this.generation;
      this.current.set(found.key, found);
    }
    return found;
  }

  private entry(text: string, owner: MemoOwner | undefined): Entry {
    const held = owner?.memoEntry;
    // The owner holds the same text as long as it lives (a moved owner the same characters).
    if (held instanceof Entry && held.memo === this && held.key.length === text.length) return this.carry(held);
    let found = this.current.get(text);
    if (!found) {
      found = this.previous.get(text);
      if (found) this.carry(found);
    }
    if (!found) {
      found = new Entry(ownCopy(text), this, this.generation);
      this.current.set(found.key, found);
    }
    if (owner) owner.memoEntry = found;
    return found;
  }

  get<T>(fn: (text: string) => T, text: string, owner?: MemoOwner): T {
    const entry = this.entry(text, owner);
    if (entry.values.has(fn)) return entry.values.get(fn) as T;
    // Computed on the private copy, so that the value holds no slice of the document either.
    const value = fn(entry.key);
    entry.values.set(fn, value);
    return value;
  }
}

/**
 * The memory of the document being worked on, if any. The language server sets it around the
 * synchronous parse and check of a document it keeps open; the command line sets none and every
 * text is worked on once. Results never depend on it: a memoised function is pure.
 */
let active: TextMemo | undefined;

/** Runs `run` with `memo` as the memory of the document being worked on. */
export function withTextMemo<T>(memo: TextMemo | undefined, run: () => T): T {
  const outer = active;
  active = memo;
  try {
    return run();
  } finally {
    active = outer;
  }
}

/**
 * `fn(text)`, remembered for the document being worked on when there is one. `fn` must be pure
 * and its result must not be changed. `owner`, the object that holds the text in the current
 * model (a paragraph's MappedText), keeps the entry, so that the other rules find it without a
 * lookup by content; it must hold that same text as long as it lives.
 */
export function memoText<T>(fn: (text: string) => T, text: string, owner?: MemoOwner): T {
  if (!active || text.length < MIN_LENGTH) return fn(text);
  return active.get(fn, text, owner);
}

/** Whether a memory is active (the parser then splits the body into pieces it can reuse). */
export function textMemoActive(): boolean {
  return active !== undefined;
}
