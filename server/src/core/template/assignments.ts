// The implementation section a plan is given: the assignments of its variant as of its date and level, one numbered subsection each.

import { Assignment, SectionSlot, Template, VariantSpec } from '../data/types';

/** The heading an assignment is written under (Vietnamese, the plan's language). */
export function assignmentHeading(a: Assignment): string {
  return a.heading ?? a.label.vi;
}

/** The variant whose sections hold this slot (the template is already resolved for a date and level). */
export function variantOfSlot(template: Template, slot: SectionSlot): VariantSpec | undefined {
  return Object.values(template.variants).find((v) => v.sections.includes(slot));
}

/** "### 1. Heading" and the assignment's text, for every usual assignment of the slot's variant. */
export function implementationBody(template: Template, slot: SectionSlot): string {
  const variant = variantOfSlot(template, slot);
  if (!variant) return '';
  return variant.implementation.assignments.map((a, i) => `### ${i + 1}. ${assignmentHeading(a)}\n\n${a.text}`).join('\n\n');
}
