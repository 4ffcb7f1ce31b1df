// A block of the body that an edit before it moved: one record that is its own span, its text moved only when a reader asks for it.

import { Block, BlockKind } from '../model';
import { MappedText, Span } from '../text/mapped-text';

/**
 * A block the last parse made, moved by edits (`movedBlock`). At a keystroke every block after the
 * change moves, and nearly all of them are read only for their place and their string (the
 * correspondence of the last version's lists with this one's, the kept findings, the citation
 * analysis). So a moved block is one record of three fields: the block it was made from
 * (`origin`, a block no edit moved, whose kind, region and text it reads) and its place now
 * (`start`, `end`: the record is its own span, not a second object). Its moved text
 * (`MappedText.moved`) is made on the first read of `text`, and the record's origin is then a
 * plain block holding that text at the record's place: a reader asks for it in some 6 of 5,600
 * moved blocks a keystroke on 20,000 lines, so no field of every moved block holds it (a fourth
 * field was 8 of the 56 bytes of each, 45 KB a keystroke there). A block moved again keeps its
 * origin, so that no chain of versions is held. Readers see the same kind, region, span and text
 * as in a block made from scratch.
 */
export class MovedBlock implements Block, Span {
  /**
   * The block this one was made from: never itself a moved block. Written once more, when the
   * text is first read at another place than the origin's: a plain block holding that text here.
   */
  declare origin: Block;
  declare readonly start: number;
  declare readonly end: number;

  private constructor() {
    throw new Error('made by movedBlock');
  }

  get kind(): BlockKind {
    return this.origin.kind;
  }

  get region(): Block['region'] {
    return this.origin.region;
  }

  /** The record itself: its `start` and `end` are the block's place now. */
  get span(): Span {
    return this;
  }

  /** The text the block was made with: its origin's. */
  get made(): MappedText {
    return this.origin.text;
  }

  /** How far the block lies from where its origin was. */
  get delta(): number {
    return this.start - this.origin.span.start;
  }

  get text(): MappedText {
    const origin = this.origin;
    const delta = this.start - origin.span.start;
    if (delta === 0) return origin.text;
    const text = origin.text.moved(delta);
    // The text memory's entries of the text read go with the blocks moved from this one (memoOwnerOf).
    this.origin = { kind: origin.kind, text, span: { start: this.start, end: this.end }, region: origin.region };
    return text;
  }
}

/**
 * `block` `delta` characters further on. Made as an object literal (its prototype given in it)
 * rather than by `new`: V8 then allocates the blocks kept from one keystroke to the next in the
 * old generation from the start, as it did the plain blocks, instead of copying them in scavenges.
 * A moved block whose text was read has a plain block holding that text for origin (MovedBlock's
 * `text`), so the block moved from it takes that origin too.
 */
export function movedBlock(block: Block, delta: number): MovedBlock {
  const origin = block instanceof MovedBlock ? block.origin : block;
  const start = block.span.start + delta;
  const end = block.span.end + delta;
  return { __proto__: MovedBlock.prototype, origin, start, end } as unknown as MovedBlock;
}

/** The characters of a block's text, read without making a moved block's text. */
export function blockString(block: Block): string {
  return block instanceof MovedBlock ? block.origin.text.text : block.text.text;
}

/**
 * The text that holds what the text memory remembered of a block's text (text/memo.ts): a moved
 * block's text shares it with the text it was made from (MappedText.moved), read without making it
 * (once read, that text is the origin's).
 */
export function memoOwnerOf(block: Block): MappedText {
  return block instanceof MovedBlock ? block.origin.text : block.text;
}
