// Results of pure functions of a text, kept from one version of a document to the next: after a keystroke, only the paragraphs that changed are worked on again.

/** Texts shorter than this are recomputed: remembering them costs about as much as the work. */
const MIN_LENGTH = 48;

/** What is remembered about one text: a private copy of it and the result of each function. */
interface Entry {
  /** A private copy of the text (see `ownCopy`), under which the entry is stored. */
  key: string;
  values: Map<(text: string) => unknown, unknown>;
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
 * version used is carried over when it is used again, and what no version used since is dropped.
 * So the memory holds about two versions' worth of paragraphs, whatever the length of the session.
 */
export class TextMemo {
  private current = new Map<string, Entry>();
  private previous = new Map<string, Entry>();
  /**
   * The entry found for a paragraph's text object in this version: a dozen rules ask about the
   * same paragraph, and looking a long text up by content (hashing and comparing it) costs more
   * than most of their work. Keyed by the object, so it lasts as long as that version's model.
   */
  private byOwner = new WeakMap<object, Entry>();
  /** The same for the previous version's model, while the new version is parsed (see `same`). */
  private previousByOwner = new WeakMap<object, Entry>();

  /** Called before a new version of the document is parsed. */
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
    this.previousByOwner = this.byOwner;
    this.byOwner = new WeakMap();
  }

  /**
   * `owner` holds the same text as `before`, a text object of the previous version's model (the
   * parser knows it by position: the edit left that range alone), so it shares its entry without
   * its text being hashed and compared.
   */
  same(owner: object, before: object): void {
    const found = this.previousByOwner.get(before) ?? this.byOwner.get(before);
    if (found) this.carry(owner, found);
  }

  /** `found`, an entry of this version or the last, is the one of `owner` in this version. */
  private carry(owner: object, found: Entry): Entry {
    // The key is the entry's own string, whose hash the engine keeps: carrying it over costs no pass over the text.
    if (!this.current.has(found.key)) this.current.set(found.key, found);
    this.byOwner.set(owner, found);
    return found;
  }

  private entry(text: string, owner: object | undefined): Entry {
    let found = owner ? this.byOwner.get(owner) : undefined;
    if (found && found.key.length === text.length) return found;
    // The same owner in the last version's model (the parser keeps the objects of a piece the
    // edit left in place) holds the same text: its entry is carried over without a lookup.
    found = owner ? this.previousByOwner.get(owner) : undefined;
    if (owner && found && found.key.length === text.length) return this.carry(owner, found);
    found = this.current.get(text);
    if (!found) {
      found = this.previous.get(text);
      if (found) this.current.set(found.key, found);
    }
    if (!found) {
      found = { key: ownCopy(text), values: new Map() };
      this.current.set(found.key, found);
    }
    if (owner) this.byOwner.set(owner, found);
    return found;
  }

  get<T>(fn: (text: string) => T, text: string, owner?: object): T {
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
 * model (a paragraph's MappedText), lets the other rules find the entry without a lookup by content;
 * it must hold that same text as long as it lives.
 */
export function memoText<T>(fn: (text: string) => T, text: string, owner?: object): T {
  if (!active || text.length < MIN_LENGTH) return fn(text);
  return active.get(fn, text, owner);
}

/** Tells the active memory, if any, that `owner` holds the same text as `before` (see TextMemo.same). */
export function memoSame(owner: object, before: object): void {
  active?.same(owner, before);
}

/** Whether a memory is active (the parser then splits the body into pieces it can reuse). */
export function textMemoActive(): boolean {
  return active !== undefined;
}
