// The structure rules (sections, task groups, implementation) on small plans: each rule positive and negative, fix round trips, fix-all convergence.

import assert from 'node:assert/strict';
import { checkText } from '../../server/src/core/engine';
import { applyEdits, fixAll } from '../../server/src/core/fix';
import { Finding, Mode } from '../../server/src/core/findings';
import { Rule } from '../../server/src/core/rules/rule';
import { sectionEmpty } from '../../server/src/core/rules/section/empty';
import { sectionHeadingGlued } from '../../server/src/core/rules/section/heading-glued';
import { implementationFrontAssigned } from '../../server/src/core/rules/section/implementation-front-assigned';
import { implementationNoMonitoring } from '../../server/src/core/rules/section/implementation-no-monitoring';
import { SECTION_RULES } from '../../server/src/core/rules/section/index';
import { sectionMissing } from '../../server/src/core/rules/section/missing';
import { sectionNumbering } from '../../server/src/core/rules/section/numbering';
import { sectionOrder } from '../../server/src/core/rules/section/order';
import { taskGroupMissing } from '../../server/src/core/rules/section/task-group-missing';
import { taskGroupOrder } from '../../server/src/core/rules/section/task-group-order';
import { bundledKnowledge } from '../support/knowledge';

// ---------------------------------------------------------------------------------------------
// A minimal valid plan of each variant, as a list of parts that tests replace or drop.

const GROUPS = [
  '1. Nâng cao nhận thức, trách nhiệm của các cấp ủy, tổ chức đảng, hệ thống chính trị và Nhân dân về vị trí, tầm quan trọng của việc phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc',
  '2. Hoàn thiện chủ trương, chính sách về đại đoàn kết toàn dân tộc, khơi dậy ý chí, khát vọng phát triển đất nước',
  '3. Xây dựng, chỉnh đốn Đảng trong sạch, vững mạnh; tăng cường đoàn kết trong Đảng',
  '4. Nâng cao vai trò, hiệu lực, hiệu quả hoạt động của chính quyền các cấp trong phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc',
  '5. Phát huy dân chủ xã hội chủ nghĩa, tiềm năng và sức sáng tạo của Nhân dân',
  '6. Đổi mới nội dung, phương thức hoạt động của Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội',
  '7. Tổ chức các cuộc vận động, phong trào thi đua yêu nước thiết thực, hiệu quả',
];

/** The economy part of group 4, which seed 001 writes as an item of its own. */
const ECONOMY = 'Tập trung phát triển kinh tế - xã hội, không ngừng cải thiện toàn diện đời sống vật chất và tinh thần của Nhân dân';

/** The groups with the economy part of group 4 as item 5, the others renumbered after it (seed 001). */
const WITH_ECONOMY = [...GROUPS.slice(0, 4), `5. ${ECONOMY}`, ...GROUPS.slice(4).map((g) => g.replace(/^(\d+)\./, (_, n) => `${Number(n) + 1}.`))];

interface Parts {
  variant: string;
  /** The kind in the front matter; a Party plan of unknown kind may be a KẾ HOẠCH shaped like 21-KH/TW. */
  kind?: string;
  purpose?: string;
  objectives?: string;
  tasksHeading?: string;
  groups?: string[];
  implementation?: string;
  closing?: string;
}

const PARTY: Parts = {
  variant: 'party',
  kind: 'CHƯƠNG TRÌNH',
  purpose: '## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\nQuán triệt sâu sắc Nghị quyết.\n\n### 2. Yêu cầu\n\nTổ chức thực hiện nghiêm túc, đồng bộ.',
  objectives: '## II. MỤC TIÊU\n\nPhát huy mạnh mẽ sức mạnh đại đoàn kết toàn dân tộc.',
  tasksHeading: '## III. NHIỆM VỤ, GIẢI PHÁP',
  groups: GROUPS,
  implementation:
    '## IV. TỔ CHỨC THỰC HIỆN\n\n1. Các đảng ủy trực thuộc, ban cán sự đảng, đảng đoàn xây dựng kế hoạch thực hiện.\n\n2. Ban Dân vận Tỉnh ủy chủ trì theo dõi, đôn đốc, kiểm tra việc thực hiện; định kỳ sơ kết, tổng kết và báo cáo Ban Thường vụ Tỉnh ủy.',
};

const STATE: Parts = {
  variant: 'state',
  purpose: '## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\nCụ thể hóa các nhiệm vụ.\n\n### 2. Yêu cầu\n\nXác định rõ cơ quan chủ trì.',
  tasksHeading: '## II. NHIỆM VỤ, GIẢI PHÁP',
  groups: GROUPS,
  implementation:
    '## III. TỔ CHỨC THỰC HIỆN\n\n1. Giao Sở Nội vụ là cơ quan đầu mối, chủ trì theo dõi, đôn đốc việc thực hiện; tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 10/12 hằng năm.\n\n2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp thực hiện.',
  closing: 'Trên đây là Kế hoạch thực hiện Nghị quyết số 43-NQ/TW./.',
};

function groupBlock(heading: string): string {
  return `### ${heading}\n\nCác cơ quan, đơn vị tập trung thực hiện tốt nhiệm vụ này.`;
}

function plan(p: Parts): string {
  const parts = [
    '---',
    'template: nq43',
    `variant: ${p.variant}`,
    ...(p.kind ? [`kind: ${p.kind}`] : []),
    '---',
    '',
    'Thực hiện Nghị quyết số 43-NQ/TW, ban hành Kế hoạch thực hiện như sau:',
  ];
  const body = [
    p.purpose,
    p.objectives,
    p.tasksHeading ? [p.tasksHeading, ...(p.groups ?? []).map(groupBlock)].join('\n\n') : undefined,
    p.implementation,
    p.closing,
  ].filter((x): x is string => x !== undefined);
  return `${parts.join('\n')}\n\n${body.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

const kb = () => bundledKnowledge().kb;

function check(text: string, rules: readonly Rule[], mode: Mode = 'drafting', uri = 'plan.md'): Finding[] {
  return checkText(uri, text, kb(), { mode, lang: 'vi', rules }).findings;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function lineNumberOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `"${needle}" is in the text`);
  return lineOf(text, i);
}

/** Applies the fixes of the findings of one rule, re-checks, and returns the new text. */
function applyFixes(text: string, findings: Finding[]): string {
  const edits = findings.flatMap((f) => {
    assert.ok(f.fix, `${f.ruleId} has a fix`);
    return f.fix.edits;
  });
  return applyEdits(text, edits);
}

describe('section.missing', () => {
  it('reports nothing on a complete plan of either variant', () => {
    assert.deepEqual(check(plan(PARTY), [sectionMissing]), []);
    assert.deepEqual(check(plan(STATE), [sectionMissing]), []);
  });

  it('reports a missing middle section on the heading of the section that follows the gap', () => {
    const text = plan({ ...PARTY, objectives: undefined });
    const f = check(text, [sectionMissing]);
    assert.equal(f.length, 1);
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, '## III. NHIỆM VỤ'));
    assert.match(f[0].message, /MỤC TIÊU/);
    assert.match(f[0].message, /NHIỆM VỤ, GIẢI PHÁP/);
    assert.equal(f[0].severity, 'warning');
    assert.equal(check(text, [sectionMissing], 'submission')[0].severity, 'error');
  });

  it('inserts the skeleton with the numeral of the gap; the plan then has the section and the finding is gone', () => {
    const text = plan({ ...PARTY, objectives: undefined });
    const fixed = applyFixes(text, check(text, [sectionMissing]));
    assert.match(fixed, /\n## II\. MỤC TIÊU\n\n### 1\. Mục tiêu chung\n/);
    assert.ok(fixed.indexOf('## II. MỤC TIÊU') < fixed.indexOf('## III. NHIỆM VỤ'));
    assert.deepEqual(check(fixed, [sectionMissing]), []);
    assert.deepEqual(check(fixed, [sectionNumbering]), []);
  });

  it('reports a missing last section at the end of the body, never at line 1, and inserts it before the closing paragraph', () => {
    const text = plan({ ...STATE, implementation: undefined });
    const f = check(text, [sectionMissing]);
    assert.equal(f.length, 1);
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, 'Trên đây là'));
    assert.match(f[0].message, /TỔ CHỨC THỰC HIỆN/);
    const fixed = applyFixes(text, f);
    assert.ok(fixed.indexOf('## III. TỔ CHỨC THỰC HIỆN') > fixed.indexOf('## II. NHIỆM VỤ'));
    assert.ok(fixed.indexOf('## III. TỔ CHỨC THỰC HIỆN') < fixed.indexOf('Trên đây là'));
    assert.deepEqual(check(fixed, [sectionMissing]), []);
  });

  it('without a closing paragraph, reports on the last line of the last section', () => {
    const text = plan({ ...PARTY, implementation: undefined });
    const f = check(text, [sectionMissing]);
    assert.equal(f.length, 1);
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, GROUPS[6]) + 2);
  });

  it('names the objectives as the other way to open a People’s Committee plan that has neither', () => {
    const f = check(plan({ ...STATE, purpose: undefined }), [sectionMissing]);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /^Thiếu phần "MỤC ĐÍCH, YÊU CẦU" hoặc "MỤC TIÊU"\. Theo mẫu kế hoạch của Ủy ban nhân dân,/);
  });

  it('does not require the objectives section of a People’s Committee plan', () => {
    assert.deepEqual(check(plan({ ...STATE, objectives: undefined }), [sectionMissing]), []);
  });

  it('stays silent when the variant cannot be told', () => {
    const text = plan({ ...PARTY, variant: '""', objectives: undefined, implementation: undefined });
    assert.deepEqual(check(text, [sectionMissing]), []);
  });

  it('inserts into a YAML plan as a list item of the same shape', () => {
    const yaml = [
      'template: nq43',
      'variant: state',
      'preamble: |',
      '  Thực hiện Nghị quyết số 43-NQ/TW, ban hành Kế hoạch như sau:',
      'sections:',
      '  - heading: "I. MỤC ĐÍCH, YÊU CẦU"',
      '    text: |',
      '      Cụ thể hóa các nhiệm vụ.',
      '  - heading: "II. TỔ CHỨC THỰC HIỆN"',
      '    text: |',
      '      Giao Sở Nội vụ theo dõi, đôn đốc và báo cáo.',
      '',
    ].join('\n');
    const f = check(yaml, [sectionMissing], 'drafting', 'plan.yaml');
    assert.equal(f.length, 1);
    assert.equal(lineOf(yaml, f[0].start), 9);
    const fixed = applyFixes(yaml, f);
    assert.match(fixed, /\n {2}- heading: "II\. NHIỆM VỤ, GIẢI PHÁP"\n {4}text: \|\n/);
    assert.match(fixed, /\n {4}sections:\n {6}- heading: "1\. /);
    const again = checkText('plan.yaml', fixed, kb(), { rules: [sectionMissing] });
    assert.deepEqual(again.plan.problems, []);
    assert.deepEqual(again.findings, []);
    assert.equal(again.plan.sections[1].children.length, kb().template.taskGroups.length);
  });
});

describe('section.order', () => {
  it('reports nothing when the sections follow the template', () => {
    assert.deepEqual(check(plan(PARTY), [sectionOrder]), []);
  });

  it('reports TỔ CHỨC THỰC HIỆN when it is not last', () => {
    const text = plan({ ...STATE, tasksHeading: undefined, closing: undefined }) + `\n${STATE.tasksHeading}\n\n${GROUPS.map(groupBlock).join('\n\n')}\n`;
    const f = check(text, [sectionOrder]);
    assert.equal(f.length, 1);
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, '## III. TỔ CHỨC THỰC HIỆN'));
    assert.match(f[0].message, /cuối cùng/);
  });

  it('reports a section placed before one that the template puts first', () => {
    const text = plan({ ...PARTY, purpose: PARTY.objectives, objectives: PARTY.purpose });
    const f = check(text, [sectionOrder]);
    assert.equal(f.length, 1);
    assert.equal(f[0].fix, undefined);
    assert.ok([lineNumberOf(text, '## II. MỤC TIÊU'), lineNumberOf(text, '## I. MỤC ĐÍCH')].includes(lineOf(text, f[0].start)));
  });
});

describe('section.numbering', () => {
  it('reports nothing on a well numbered plan, in either style', () => {
    assert.deepEqual(check(plan(PARTY), [sectionNumbering]), []);
    const hyphen = plan(PARTY).replace(/^## (I|II|III|IV)\. /gm, '## $1- ');
    assert.deepEqual(check(hyphen, [sectionNumbering]), []);
  });

  it('reports a repeated numeral on the second one (seed 000) and renumbers it', () => {
    const text = plan(PARTY).replace('## IV. TỔ CHỨC', '## III. TỔ CHỨC');
    const f = check(text, [sectionNumbering]);
    assert.equal(f.length, 1);
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, '## III. TỔ CHỨC'));
    assert.match(f[0].message, /"III\."/);
    assert.match(f[0].message, /"IV\."/);
    const fixed = applyFixes(text, f);
    assert.ok(fixed.includes('## IV. TỔ CHỨC THỰC HIỆN'));
    assert.deepEqual(check(fixed, [sectionNumbering]), []);
  });

  it('reports a skipped numeral', () => {
    const text = plan(PARTY).replace('## III. NHIỆM VỤ', '## V. NHIỆM VỤ').replace('## IV. TỔ CHỨC', '## VI. TỔ CHỨC');
    const f = check(text, [sectionNumbering]);
    assert.deepEqual(f.map((x) => text.slice(x.start, x.end)), ['V.', 'VI.']);
    assert.deepEqual(check(applyFixes(text, f), [sectionNumbering]), []);
  });

  it('accepts the gap left for a missing required section, which section.missing reports', () => {
    const text = plan({ ...PARTY, objectives: undefined });
    assert.deepEqual(check(text, [sectionNumbering]), []);
  });

  it('reports the minority style in a document that mixes "I." and "I-"', () => {
    const text = plan(PARTY).replace('## II. MỤC TIÊU', '## II- MỤC TIÊU');
    const f = check(text, [sectionNumbering]);
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), 'II-');
    const fixed = applyFixes(text, f);
    assert.ok(fixed.includes('## II. MỤC TIÊU'));
    assert.deepEqual(check(fixed, [sectionNumbering]), []);
  });

  it('reports repeated and skipped subsection numbers', () => {
    const groups = [...GROUPS];
    groups[3] = groups[3].replace(/^4\./, '3.');
    const text = plan({ ...PARTY, groups });
    const f = check(text, [sectionNumbering]);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /lặp lại/);
    assert.deepEqual(check(applyFixes(text, f), [sectionNumbering]), []);
  });

  it('gives a heading without numeral the one it should have', () => {
    const text = plan(PARTY).replace('## II. MỤC TIÊU', '## MỤC TIÊU');
    const f = check(text, [sectionNumbering]);
    assert.equal(f.length, 1);
    const fixed = applyFixes(text, f);
    assert.ok(fixed.includes('## II. MỤC TIÊU'));
    assert.deepEqual(check(fixed, [sectionNumbering]), []);
  });

  it('counts a "1." glued to the section heading as the first item', () => {
    const text = plan(PARTY).replace('## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích', '## I. MỤC ĐÍCH, YÊU CẦU**1. Mục đích**');
    assert.deepEqual(check(text, [sectionNumbering]), []);
  });

  it('renumbers inside a YAML heading', () => {
    const yaml = [
      'template: nq43',
      'variant: state',
      'sections:',
      '  - heading: "I. MỤC ĐÍCH, YÊU CẦU"',
      '    text: Cụ thể hóa.',
      '  - heading: "I. NHIỆM VỤ, GIẢI PHÁP"',
      '    text: Thực hiện.',
      '',
    ].join('\n');
    const f = check(yaml, [sectionNumbering], 'drafting', 'plan.yaml');
    assert.equal(f.length, 1);
    const fixed = applyFixes(yaml, f);
    assert.ok(fixed.includes('- heading: "II. NHIỆM VỤ, GIẢI PHÁP"'));
  });
});

describe('section.empty', () => {
  it('reports nothing when every heading has text', () => {
    assert.deepEqual(check(plan(PARTY), [sectionEmpty]), []);
  });

  it('reports a section with no text under it', () => {
    const text = plan({ ...PARTY, objectives: '## II. MỤC TIÊU' });
    const f = check(text, [sectionEmpty]);
    assert.equal(f.length, 1);
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, '## II. MỤC TIÊU'));
    assert.equal(f[0].fix, undefined);
  });

  it('reports an empty subsection, and only the outermost of nested empty headings', () => {
    const text = plan({ ...PARTY, purpose: '## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\nQuán triệt.\n\n### 2. Yêu cầu' });
    const f = check(text, [sectionEmpty]);
    assert.equal(f.length, 1);
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, '### 2. Yêu cầu'));
    const nested = plan({ ...PARTY, purpose: '## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\n### 2. Yêu cầu' });
    const g = check(nested, [sectionEmpty]);
    assert.equal(g.length, 1);
    assert.equal(lineOf(nested, g[0].start), lineNumberOf(nested, '## I. MỤC ĐÍCH'));
  });
});

describe('section.heading-glued', () => {
  const glued = plan(PARTY).replace('## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích', '## I. MỤC ĐÍCH, YÊU CẦU**1. Mục đích**');

  it('reports nothing on ordinary headings', () => {
    assert.deepEqual(check(plan(PARTY), [sectionHeadingGlued]), []);
  });

  it('reports the glued "**1. Mục đích**" of seed 001 on its heading line', () => {
    const f = check(glued, [sectionHeadingGlued]);
    assert.equal(f.length, 1);
    assert.equal(glued.slice(f[0].start, f[0].end), '**1. Mục đích**');
    assert.match(f[0].message, /1\. Mục đích/);
  });

  it('splits the heading, drops the "**" residue, and the structure is then whole', () => {
    const fixed = applyFixes(glued, check(glued, [sectionHeadingGlued]));
    assert.equal(fixed, plan(PARTY));
    assert.deepEqual(check(fixed, SECTION_RULES), []);
  });

  it('reports without a fix in a YAML plan, where the text would have to move too', () => {
    const yaml = ['template: nq43', 'variant: party', 'sections:', '  - heading: "I. MỤC ĐÍCH, YÊU CẦU**1. Mục đích**"', '    text: Quán triệt.', ''].join('\n');
    const f = check(yaml, [sectionHeadingGlued], 'drafting', 'plan.yaml');
    assert.equal(f.length, 1);
    assert.equal(yaml.slice(f[0].start, f[0].end), '**1. Mục đích**');
    assert.equal(f[0].fix, undefined);
  });
});

describe('task-group.missing', () => {
  it('reports nothing when the seven groups are there', () => {
    assert.deepEqual(check(plan(PARTY), [taskGroupMissing]), []);
  });

  it('reports a missing group on the tasks heading, naming the group', () => {
    const groups = GROUPS.filter((g) => !g.startsWith('6.')).map((g, i) => g.replace(/^\d+\./, `${i + 1}.`));
    const text = plan({ ...PARTY, groups });
    const f = check(text, [taskGroupMissing]);
    assert.equal(f.length, 1);
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, '## III. NHIỆM VỤ'));
    assert.match(f[0].message, /^Nhóm nhiệm vụ 6 /);
    assert.equal(f[0].severity, 'warning');
  });

  it('inserts the group after the previous one, numbered to fit; renumbering then converges', () => {
    const groups = GROUPS.filter((g) => !g.startsWith('6.')).map((g, i) => g.replace(/^\d+\./, `${i + 1}.`));
    const text = plan({ ...PARTY, groups });
    const fixed = applyFixes(text, check(text, [taskGroupMissing]));
    const g6 = kb().template.taskGroups.find((g) => g.id === 6)!;
    assert.ok(fixed.includes(`### 6. ${g6.title}`));
    assert.ok(fixed.indexOf(`### 6. ${g6.title}`) > fixed.indexOf('### 5. Phát huy dân chủ'));
    assert.ok(fixed.indexOf(`### 6. ${g6.title}`) < fixed.indexOf('### 6. Tổ chức các cuộc vận động'));
    assert.deepEqual(check(fixed, [taskGroupMissing]), []);
    const all = fixAll(fixed, (t) => check(t, SECTION_RULES), { kinds: ['mechanical', 'insertion'] });
    assert.deepEqual(check(all.text, SECTION_RULES), []);
  });

  it('never reports the economy part of group 4: as a bullet of group 4, as an item of its own, or not written at all', () => {
    const bullet = `- ${ECONOMY}.`;
    const withBullet = plan(PARTY).replace(`### ${GROUPS[3]}\n\nCác cơ quan, đơn vị tập trung thực hiện tốt nhiệm vụ này.`, `### ${GROUPS[3]}\n\nCác cơ quan, đơn vị tập trung thực hiện tốt nhiệm vụ này.\n\n${bullet}`);
    for (const text of [plan(PARTY), withBullet, plan({ ...PARTY, groups: WITH_ECONOMY })]) {
      assert.deepEqual(check(text, [taskGroupMissing, taskGroupOrder, sectionNumbering]), []);
    }
  });

  it('counts groups written as bullets or numbered paragraphs, and offers no heading to insert among them', () => {
    const items = GROUPS.filter((g) => !g.startsWith('3.')).map((g, i) => g.replace(/^\d+\./, `${i + 1}.`));
    const text = plan({ ...PARTY, groups: [] }).replace('## III. NHIỆM VỤ, GIẢI PHÁP\n', `## III. NHIỆM VỤ, GIẢI PHÁP\n\n${items.join('\n')}\n`);
    const f = check(text, [taskGroupMissing]);
    assert.deepEqual(f.map((x) => /^Nhóm nhiệm vụ (\d)/.exec(x.message)?.[1]), ['3']);
    assert.equal(f[0].fix, undefined);
  });
  it('in a programme for several resolutions, reports on the part about 43-NQ/TW and inserts a lettered item there', () => {
    const letters = ['a', 'b', 'c', 'd', 'e', 'g'];
    const items = GROUPS.filter((g) => !g.startsWith('5.')).map((g, i) => `#### ${letters[i]}) ${g.replace(/^\d+\.\s*/, '')}\n\nNội dung.`);
    const tasks = [
      '## III. NHIỆM VỤ, GIẢI PHÁP',
      '### 1. Thực hiện Nghị quyết số 42-NQ/TW về chính sách xã hội\n\nNội dung.',
      `### 2. Thực hiện Nghị quyết số 43-NQ/TW về phát huy sức mạnh đại đoàn kết toàn dân tộc\n\n${items.join('\n\n')}`,
      '### 3. Thực hiện Nghị quyết số 44-NQ/TW về Chiến lược bảo vệ Tổ quốc\n\nNội dung.',
    ].join('\n\n');
    const text = plan({ ...PARTY, tasksHeading: tasks, groups: [] });
    const f = check(text, [taskGroupMissing]);
    assert.equal(f.length, 1);
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, '### 2. Thực hiện Nghị quyết số 43-NQ/TW'));
    assert.match(f[0].message, /^Nhóm nhiệm vụ 5 .* trong phần "2\. Thực hiện Nghị quyết số 43-NQ\/TW/);
    assert.equal(f[0].fix?.kind, 'insertion');
    const fixed = applyFixes(text, f);
    const g5 = kb().template.taskGroups.find((g) => g.id === 5)!;
    assert.ok(fixed.indexOf(`#### đ) ${g5.title}`) > fixed.indexOf('#### d) '));
    assert.ok(fixed.indexOf(`#### đ) ${g5.title}`) < fixed.indexOf('#### e) '));
    assert.deepEqual(check(fixed, [taskGroupMissing]), []);
  });

  it('does not report a group whose heading is glued to the tasks heading (heading-glued splits it out)', () => {
    const text = plan(PARTY).replace(`## III. NHIỆM VỤ, GIẢI PHÁP\n\n### ${GROUPS[0]}`, `## III. NHIỆM VỤ, GIẢI PHÁP ${GROUPS[0]}`);
    assert.deepEqual(check(text, [taskGroupMissing]), []);
    assert.equal(check(text, [sectionHeadingGlued]).length, 1);
    const all = fixAll(text, (t) => check(t, SECTION_RULES), { kinds: ['mechanical', 'insertion'] });
    assert.deepEqual(check(all.text, SECTION_RULES), []);
    assert.equal(all.text, plan(PARTY));
  });

  it('inserts the groups missing at one place in a single edit, in order and numbered', () => {
    const text = plan({ ...PARTY, groups: [GROUPS[0]] });
    const f = check(text, [taskGroupMissing]);
    assert.deepEqual(f.map((x) => /^Nhóm nhiệm vụ (\d)/.exec(x.message)?.[1]), ['2', '3', '4', '5', '6', '7']);
    assert.match(f[0].fix!.title, /2, 3, 4, 5, 6, 7/);
    const fixed = applyEdits(text, f[0].fix!.edits);
    assert.deepEqual(check(fixed, [taskGroupMissing, sectionNumbering]), []);
    const titles = kb().template.taskGroups.slice(1).map((g, i) => `### ${i + 2}. ${g.title}`);
    let at = fixed.indexOf(`### ${GROUPS[0]}`);
    for (const t of titles) {
      const next = fixed.indexOf(t);
      assert.ok(next > at, t);
      at = next;
    }
    assert.ok(at < fixed.indexOf('## IV. TỔ CHỨC'));
  });
});

describe('task-group.order', () => {
  it('reports nothing when the groups follow the Resolution, local extra groups included', () => {
    assert.deepEqual(check(plan(PARTY), [taskGroupOrder]), []);
    const extra = [...GROUPS.slice(0, 5), '6. Nâng cao trách nhiệm của lực lượng vũ trang', ...GROUPS.slice(5).map((g) => g.replace(/^(\d+)\./, (_, n) => `${Number(n) + 1}.`))];
    assert.deepEqual(check(plan({ ...PARTY, groups: extra }), [taskGroupOrder]), []);
  });

  it('hints on the first subsection out of order (seed 003 swaps groups 5 and 6)', () => {
    const groups = [...GROUPS];
    groups[4] = GROUPS[5].replace(/^6\./, '5.');
    groups[5] = GROUPS[4].replace(/^5\./, '6.');
    const text = plan({ ...PARTY, groups });
    const f = check(text, [taskGroupOrder]);
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'hint');
    assert.equal(check(text, [taskGroupOrder], 'submission')[0].severity, 'hint');
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, '### 6. Phát huy dân chủ'));
    assert.match(f[0].message, /nhóm nhiệm vụ 5 của Nghị quyết nhưng đặt sau nhóm 6/);
  });
});

describe('implementation.no-monitoring', () => {
  it('reports nothing when a body follows up and reports', () => {
    assert.deepEqual(check(plan(PARTY), [implementationNoMonitoring]), []);
    assert.deepEqual(check(plan(STATE), [implementationNoMonitoring]), []);
  });

  it('reports on the implementation heading when nobody is charged with monitoring and reporting', () => {
    const text = plan({ ...PARTY, implementation: '## IV. TỔ CHỨC THỰC HIỆN\n\n1. Các đảng ủy trực thuộc xây dựng kế hoạch thực hiện.\n\n2. Ban Tuyên giáo Tỉnh ủy chỉ đạo công tác tuyên truyền.' });
    const f = check(text, [implementationNoMonitoring]);
    assert.equal(f.length, 1);
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, '## IV. TỔ CHỨC'));
    assert.equal(f[0].fix, undefined);
  });

  it('does not count monitoring and reporting split over two items', () => {
    const text = plan({ ...STATE, implementation: '## III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ theo dõi việc thực hiện.\n\n2. Các sở gửi báo cáo định kỳ.' });
    assert.equal(check(text, [implementationNoMonitoring]).length, 1);
  });
});

describe('implementation.front-assigned', () => {
  const assigning = (sentence: string): string =>
    plan({ ...STATE, implementation: `## III. TỔ CHỨC THỰC HIỆN\n\n1. Giao Sở Nội vụ theo dõi, đôn đốc, báo cáo kết quả.\n\n2. ${sentence}` });

  it('reports nothing when the Front is asked, or when it is only a partner of the assigned body', () => {
    assert.deepEqual(check(plan(STATE), [implementationFrontAssigned]), []);
    assert.deepEqual(check(assigning('Giao Sở Nội vụ phối hợp với Ủy ban MTTQ tỉnh tổ chức hội nghị.'), [implementationFrontAssigned]), []);
    assert.deepEqual(check(assigning('Giao Sở Nội vụ chủ trì, phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh.'), [implementationFrontAssigned]), []);
  });

  it('reports "Giao Ủy ban Mặt trận Tổ quốc …" on the verb, and the fix asks instead', () => {
    const text = assigning('Giao Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chủ trì tuyên truyền, vận động Nhân dân.');
    const f = check(text, [implementationFrontAssigned]);
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), 'Giao');
    assert.equal(lineOf(text, f[0].start), lineNumberOf(text, '2. Giao Ủy ban'));
    const fixed = applyFixes(text, f);
    assert.ok(fixed.includes('2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chủ trì'));
    assert.deepEqual(check(fixed, [implementationFrontAssigned]), []);
  });

  it('catches "giao cho" and the socio-political organisations anywhere in the body, keeping the case', () => {
    const text = assigning('Ủy ban nhân dân tỉnh giao cho các tổ chức chính trị - xã hội tỉnh tuyên truyền.');
    const f = check(text, [implementationFrontAssigned]);
    assert.equal(f.length, 1);
    assert.ok(applyFixes(text, f).includes('Ủy ban nhân dân tỉnh đề nghị các tổ chức chính trị - xã hội tỉnh tuyên truyền.'));
  });

  it('does not take a department named "Giao thông" for the verb', () => {
    const text = assigning('Sở Giao thông vận tải và Ủy ban Mặt trận Tổ quốc tỉnh phối hợp tuyên truyền.');
    assert.deepEqual(check(text, [implementationFrontAssigned]), []);
  });

  it('leaves Party plans alone: a Party committee may assign the Front’s Party delegation', () => {
    const text = plan({ ...PARTY, implementation: `${PARTY.implementation}\n\n3. Giao Đảng đoàn Mặt trận Tổ quốc tỉnh chủ trì.` });
    assert.deepEqual(check(text, [implementationFrontAssigned]), []);
  });
});

describe('structure rules together', () => {
  it('batch fixing inserts nothing: missing sections and groups stay findings, their fixes are insertions', () => {
    const groups = GROUPS.filter((g) => !/^(2|7)\./.test(g)).map((g, i) => g.replace(/^\d+\./, `${i + 1}.`));
    const text = plan({ ...PARTY, objectives: undefined, implementation: undefined, groups });
    const findings = check(text, SECTION_RULES);
    assert.deepEqual(findings.map((f) => f.fix?.kind), ['insertion', 'insertion', 'insertion', 'insertion']);
    assert.equal(fixAll(text, (t) => check(t, SECTION_RULES)).text, text);
  });

  it('inserting every missing part converges on a plan missing two sections and two groups, and leaves a complete plan', () => {
    const groups = GROUPS.filter((g) => !/^(2|7)\./.test(g)).map((g, i) => g.replace(/^\d+\./, `${i + 1}.`));
    const text = plan({ ...PARTY, objectives: undefined, implementation: undefined, groups });
    const before = check(text, SECTION_RULES);
    assert.deepEqual(before.map((f) => f.ruleId).sort(), ['section.missing', 'section.missing', 'task-group.missing', 'task-group.missing']);
    const result = fixAll(text, (t) => check(t, SECTION_RULES), { kinds: ['mechanical', 'insertion'] });
    assert.ok(result.passes < 10, `converged in ${result.passes} passes`);
    assert.deepEqual(check(result.text, SECTION_RULES), []);
    assert.equal(fixAll(result.text, (t) => check(t, SECTION_RULES), { kinds: ['mechanical', 'insertion'] }).text, result.text);
    const headings = result.text.split('\n').filter((l) => l.startsWith('## '));
    assert.deepEqual(headings, ['## I. MỤC ĐÍCH, YÊU CẦU', '## II. MỤC TIÊU', '## III. NHIỆM VỤ, GIẢI PHÁP', '## IV. TỔ CHỨC THỰC HIỆN']);
    const tasks = result.text.slice(result.text.indexOf('## III.'), result.text.indexOf('## IV.'));
    const numbers = tasks.split('\n').filter((l) => l.startsWith('### ')).map((l) => /^### (\d+)\./.exec(l)?.[1]);
    assert.deepEqual(numbers, ['1', '2', '3', '4', '5', '6', '7']);
  });

  it('inserting every missing part converges on a plan with only a preamble', () => {
    const text = plan({ variant: 'state' });
    const result = fixAll(text, (t) => check(t, SECTION_RULES), { kinds: ['mechanical', 'insertion'] });
    assert.deepEqual(check(result.text, SECTION_RULES), []);
    assert.ok(result.text.startsWith(text.trimEnd()));
  });

  it('without a known variant, only the rules that need no variant run', () => {
    const text = plan({ ...PARTY, variant: '""', objectives: undefined }).replace('## IV. TỔ CHỨC', '## III. TỔ CHỨC');
    const ids = check(text, SECTION_RULES).map((f) => f.ruleId);
    assert.deepEqual(ids, ['section.numbering']);
  });
});
