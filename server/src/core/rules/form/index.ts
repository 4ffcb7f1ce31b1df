// Rules of the form family, in the order they are listed in the docs.

import { Rule } from '../rule';
import { formDate } from './date';
import { formDuplicateNumber } from './duplicate-number';
import { formEnding } from './ending';
import { formNumber } from './number';
import { formRecipients } from './recipients';
import { formSignature } from './signature';

export const FORM_RULES: Rule[] = [formNumber, formDuplicateNumber, formDate, formSignature, formRecipients, formEnding];
