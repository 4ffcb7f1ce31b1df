// Rules of the text family, in the order they are listed in the docs.

import { Rule } from '../rule';
import { textHyphen } from './hyphen';
import { textLookalike } from './lookalike';
import { textNormalization } from './normalization';
import { textPlaceholder } from './placeholder';
import { textQuotes } from './quotes';
import { textSpacing } from './spacing';
import { textToneStyle } from './tone-style';

export const TEXT_RULES: Rule[] = [textLookalike, textNormalization, textHyphen, textQuotes, textSpacing, textToneStyle, textPlaceholder];
