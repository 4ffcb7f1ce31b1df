// Rules of the citation family, in the order they are listed in the docs.

import { Rule } from '../rule';
import { citationAmbiguous } from './ambiguous';
import { citationDateMismatch } from './date-mismatch';
import { citationFirstIncomplete } from './first-incomplete';
import { citationIssuerMismatch } from './issuer-mismatch';
import { citationMalformed } from './malformed';
import { citationParentMissing } from './parent-missing';
import { citationParentUndeclared } from './parent-undeclared';
import { citationTermMismatch } from './term-mismatch';
import { citationTitleMismatch } from './title-mismatch';
import { citationTypeMismatch } from './type-mismatch';
import { citationUnknown } from './unknown';

export const CITATION_RULES: Rule[] = [
  citationParentMissing,
  citationParentUndeclared,
  citationDateMismatch,
  citationTermMismatch,
  citationIssuerMismatch,
  citationTitleMismatch,
  citationTypeMismatch,
  citationFirstIncomplete,
  citationMalformed,
  citationAmbiguous,
  citationUnknown,
];
