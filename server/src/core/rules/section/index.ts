// Rules of the section family (structure, task groups, implementation), in the order they are listed in the docs.

import { Rule } from '../rule';
import { sectionEmpty } from './empty';
import { sectionHeadingGlued } from './heading-glued';
import { implementationFrontAssigned } from './implementation-front-assigned';
import { implementationNoMonitoring } from './implementation-no-monitoring';
import { sectionMissing } from './missing';
import { sectionNumbering } from './numbering';
import { sectionOrder } from './order';
import { taskGroupMissing } from './task-group-missing';
import { taskGroupOrder } from './task-group-order';

export const SECTION_RULES: Rule[] = [
  sectionMissing,
  sectionOrder,
  sectionNumbering,
  sectionEmpty,
  sectionHeadingGlued,
  taskGroupMissing,
  taskGroupOrder,
  implementationNoMonitoring,
  implementationFrontAssigned,
];
