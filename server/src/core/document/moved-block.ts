// A block of the body that an edit before it moved: its text moved only when a reader asks for it.

import { Block, BlockKind } from '../model';
import { MappedText, Span } from '../text/mapped-text';

/**
 * A block the last parse made, `delta` characters further on (`movedBlock`). At a keystroke every
 * block after the change moves, and nearly all of them are read only for their place and their
 * string (the correspondence of the last version's lists with this one's, the kept findings, the
 * citation analysis): the moved text (`MappedText.moved`) is made on the first read of `text`,
 * not for every moved block. A block moved again before its text was read keeps the text it was
 * made with and the sum of the moves, so that no chain of versions is held. Readers see the same
 * kind, region, span and text as in a block made from scratch.
 */
export class MovedBlock implements Block {
  declare readonly kind: BlockKind;
  declare readonly region: Block['region'];
  declare readonly span: Span;
  /** The text the block was made with (or first read with), and how far the block lies from it now. */
  declare readonly made: MappedText;
  declare readonly delta: number;
  /** The moved text, once read. */
  declare moved: MappedText | undefined;

  private constructor() {
    throw new Error('made by movedBlock');
  }

  get text(): MappedText {
    return this.moved ?? (this.moved = this.made.moved(this.delta));
  }
}

/**
 * `block` `delta` characters further on. Made as an object literal (its prototype given in it)
 * rather than by `new`: V8 then allocates the blocks kept from one keystroke to the next in the
 * old generation from the start, as it did the plain blocks, instead of copying them in scavenges.
 */
export function movedBlock(block: Block, delta: number): MovedBlock {
  let made: MappedText;
  let moved = delta;
  if (block instanceof MovedBlock && block.moved === undefined) {
    made = block.made;
    moved += block.delta;
  } else made = block.text;
  const span = { start: block.span.start + delta, end: block.span.end + delta };
  return { __proto__: MovedBlock.prototype, kind: block.kind, region: block.region, span, made, delta: moved, moved: undefined } as unknown as MovedBlock;
}

/** The characters of a block's text, read without making a moved block's text. */
export function blockString(block: Block): string {
  return block instanceof MovedBlock ? block.made.text : block.text.text;
}

/**
 * The text that holds what the text memory remembered of a block's text (text/memo.ts): a moved
 * block's text shares it with the text it was made from (MappedText.moved), read without making it.
 */
export function memoOwnerOf(block: Block): MappedText {
  return block instanceof MovedBlock ? (block.moved ?? block.made) : block.text;
}
