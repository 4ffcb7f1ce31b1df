// The plain fold of each paragraph a check reads, made once per paragraph and shared by the rules that search paragraphs folded.

import { MappedText } from './mapped-text';
import { foldOnce } from './normalize';

/**
 * The folds (`foldOnce`) of one check's paragraphs, by the text object that holds each (a block's
 * `MappedText`): `name.outdated` folds every paragraph to search the old names, the implementation
 * section's assignments are matched on the same paragraphs folded, and the search of forbidden
 * verbs asks whether a paragraph can hold one. Kept for one check only (the rules' `shared`), so
 * the folds go with the check; a text object never changes its text, so its fold stays right.
 * Used by a check from scratch (the command line): while a plan is edited the rules keep their
 * own per-text memory, which a fold of every paragraph at every version would cost more than.
 */
export class ParagraphFolds {
  private readonly folds = new Map<MappedText, string>();

  /** `foldOnce(text.text)`, made the first time a rule asks for this text object. */
  of(text: MappedText): string {
    let folded = this.folds.get(text);
    if (folded === undefined) {
      folded = foldOnce(text.text);
      this.folds.set(text, folded);
    }
    return folded;
  }
}

/** A fresh store for one check (given to the rules' `shared`, which makes it once per check). */
export function paragraphFolds(): ParagraphFolds {
  return new ParagraphFolds();
}
