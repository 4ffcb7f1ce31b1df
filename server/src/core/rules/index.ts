// The rule registry: every rule, in a stable order. Retired ids stay listed in docs/rules/retired.md and are never reused.

import { DATA_SCHEMA_RULE, DATA_SYNTAX_RULE } from '../data/load';
import { CITATION_RULES } from './citation/index';
import { FORM_RULES } from './form/index';
import { NAME_RULES } from './name/index';
import { planInternalError } from './plan/internal-error';
import { PLAN_RULES } from './plan/index';
import { Rule, RuleMeta } from './rule';
import { SECTION_RULES } from './section/index';
import { TEXT_RULES } from './text/index';

export const ALL_RULES: readonly Rule[] = [...PLAN_RULES, ...SECTION_RULES, ...CITATION_RULES, ...FORM_RULES, ...TEXT_RULES, ...NAME_RULES];

/** Findings on the data files themselves (template, registry, names), not on plans. */
export const DATA_RULES: readonly RuleMeta[] = [
  {
    id: DATA_SYNTAX_RULE,
    category: 'plan',
    title: { vi: 'Tệp dữ liệu không đọc được', en: 'Unreadable data file' },
    description: {
      vi: 'Tệp mẫu, tệp danh mục văn bản hoặc tệp tên gọi có lỗi cú pháp YAML/JSON; tệp được bỏ qua cho đến khi sửa.',
      en: 'A template, registry or names file has a YAML/JSON syntax error; it is ignored until fixed.',
    },
    severity: { drafting: 'error', submission: 'error' },
    messages: { default: { vi: '{problem}', en: '{problem}' } },
    fixable: false,
  },
  {
    id: DATA_SCHEMA_RULE,
    category: 'plan',
    title: { vi: 'Tệp dữ liệu sai cấu trúc', en: 'Invalid data file' },
    description: {
      vi: 'Tệp mẫu, tệp danh mục văn bản hoặc tệp tên gọi không đúng JSON Schema đi kèm; tệp được bỏ qua cho đến khi sửa.',
      en: 'A template, registry or names file does not match its JSON Schema; it is ignored until fixed.',
    },
    severity: { drafting: 'error', submission: 'error' },
    messages: { default: { vi: '{problem}', en: '{problem}' } },
    fixable: false,
  },
];

/** Findings the engine itself makes (a rule that failed), not a rule's check. */
export const ENGINE_RULES: readonly RuleMeta[] = [planInternalError];

/** Metadata of every rule id that can appear in a finding. */
export const RULE_METADATA: readonly RuleMeta[] = [...ALL_RULES, ...ENGINE_RULES, ...DATA_RULES];

/** The "fix" column of the rule table: "yes" for a mechanical fix, "quick fix" for an insertion the drafter chooses. */
export function fixLabel(rule: RuleMeta): string {
  if (!rule.fixable) return '';
  return rule.fixKind === 'insertion' ? 'quick fix' : 'yes';
}

export function findRule(id: string): RuleMeta | undefined {
  return RULE_METADATA.find((r) => r.id === id);
}
