// A block of the body that an edit before it moved: one record that is its own span, its text moved only when a reader asks for it.

import { Block, BlockKind } from '../model';
import { MappedText, Span } from '../text/mapped-text';

/**
 * A block the last parse made, moved by edits (`movedBlock`). At a keystroke every block after the
 * change moves, and nearly all of them are read only for their place and their string (the
 * correspondence of the last version's lists with this one's, the kept findings, the citation
 * analysis). So a moved block is one record of four fields: the block it was made from
 * (`origin`, a block no edit moved, whose kind, region and text it reads), its place now (`start`,
 * `end`: the record is its own span, not a second object), and its moved text
 * (`MappedText.moved`), made on the first read of `text`. A block moved again before its text was
 * read keeps its origin, so that no chain of versions is held. Readers see the same kind, region,
 * span and text as in a block made from scratch.
 */
export class MovedBlock implements Block, Span {
  /** The block this one was made from: never itself a moved block. */
  declare readonly origin: Block;
  declare readonly start: number;
  declare readonly end: number;
  /** The moved text, once read. */
  declare moved: MappedText | undefined;

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
    return this.moved ?? (this.moved = this.origin.text.moved(this.delta));
  }
}

/**
 * `block` `delta` characters further on. Made as an object literal (its prototype given in it)
 * rather than by `new`: V8 then allocates the blocks kept from one keystroke to the next in the
 * old generation from the start, as it did the plain blocks, instead of copying them in scavenges.
 * A moved block whose text was read is moved from a plain block holding that text (made then, and
 * rarely: nearly all moved blocks are never read), so that the text memory's entries of the text
 * read go with it and no moved block holds another.
 */
export function movedBlock(block: Block, delta: number): MovedBlock {
  let origin = block;
  if (block instanceof MovedBlock) {
    origin = block.moved === undefined ? block.origin : { kind: block.kind, text: block.moved, span: { start: block.start, end: block.end }, region: block.region };
  }
  const start = block.span.start + delta;
  const end = block.span.end + delta;
  return { __proto__: MovedBlock.prototype, origin, start, end, moved: undefined } as unknown as MovedBlock;
}

/** The characters of a block's text, read without making a moved block's text. */
export function blockString(block: Block): string {
  return block instanceof MovedBlock ? block.origin.text.text : block.text.text;
}

/**
 * The text that holds what the text memory remembered of a block's text (text/memo.ts): a moved
 * block's text shares it with the text it was made from (MappedText.moved), read without making it.
 */
export function memoOwnerOf(block: Block): MappedText {
  return block instanceof MovedBlock ? (block.moved ?? block.origin.text) : block.text;
}
