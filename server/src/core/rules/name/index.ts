// Rules of the name family, in the order they are listed in the docs.

import { Rule } from '../rule';
import { nameOutdated } from './outdated';

export const NAME_RULES: Rule[] = [nameOutdated];
