// Rules about the plan file as a whole.

import { Rule } from '../rule';
import { planSyntax } from './syntax';
import { planTemplate } from './template';
import { planTooLarge } from './too-large';
import { planVariant } from './variant';

export const PLAN_RULES: Rule[] = [planSyntax, planTemplate, planVariant, planTooLarge];
