// The check worker of the test server (server-entry.ts): the product's worker with extra rules chosen on the server's command line — one that fails, slow ones, one that never ends, one that allocates without end.

import { parentPort, workerData } from 'node:worker_threads';
import { ALL_RULES } from '../../../server/src/core/rules/index';
import { Rule } from '../../../server/src/core/rules/rule';
import { runCheckWorker, sharedState } from '../../../server/src/node/check-worker';

/** A rule that always throws, as a defective rule would. */
export const THROWING_RULE: Rule = {
  id: 'test.throws',
  category: 'plan',
  reads: 'document',
  title: { vi: 'Quy tắc thử luôn lỗi', en: 'Test rule that always fails' },
  description: { vi: 'Chỉ dùng trong kiểm thử.', en: 'Tests only.' },
  severity: { drafting: 'error', submission: 'error' },
  messages: { default: { vi: 'không bao giờ báo', en: 'never reported' } },
  fixable: false,
  check(ctx) {
    ctx.report({ start: 0, end: 1 });
    throw new Error('deliberate failure of a test rule');
  },
};

/** A rule that keeps the processor busy for `ms` milliseconds per check, then reports nothing. */
export function slowRule(id: string, ms: number): Rule {
  return {
    ...THROWING_RULE,
    id,
    title: { vi: 'Quy tắc thử chạy chậm', en: 'Slow test rule' },
    check() {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        // busy on purpose: a rule stuck in a long computation
      }
    },
  };
}

/** A rule that never ends on a plan whose text holds `trigger`, as a rule with a flaw would on some input. */
export function endlessRule(trigger: string): Rule {
  return {
    ...THROWING_RULE,
    id: 'test.endless',
    title: { vi: 'Quy tắc thử không dừng', en: 'Test rule that never ends' },
    check(ctx) {
      if (!ctx.plan.text.includes(trigger)) return;
      for (;;) {
        // endless on purpose
      }
    },
  };
}

/** A rule that allocates without end on a plan whose text holds `trigger`, keeping all it allocates, as a rule with a flaw could. */
export function hungryRule(trigger: string): Rule {
  return {
    ...THROWING_RULE,
    id: 'test.hungry',
    title: { vi: 'Quy tắc thử dùng hết bộ nhớ', en: 'Test rule that uses up memory' },
    check(ctx) {
      if (!ctx.plan.text.includes(trigger)) return;
      const kept: number[][] = [];
      for (;;) {
        // every array kept on purpose: the heap fills up
        kept.push(new Array<number>(100_000).fill(kept.length));
      }
    },
  };
}

function option(args: readonly string[], name: string): string | undefined {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(name.length + 3);
}

/** The rules a test server's options ask for. */
export function testRules(args: readonly string[]): Rule[] {
  const rules: Rule[] = [...ALL_RULES];
  if (args.includes('--throwing-rule')) rules.splice(Math.floor(rules.length / 2), 0, THROWING_RULE);
  const slow = option(args, 'slow-rules');
  if (slow) {
    // "count:ms": that many rules, each busy for ms, placed first.
    const [count, ms] = slow.split(':').map(Number);
    rules.unshift(...Array.from({ length: count }, (_, i) => slowRule(`test.slow-${i + 1}`, ms)));
  }
  const endless = option(args, 'endless-rule');
  if (endless) rules.splice(Math.floor(rules.length / 3), 0, endlessRule(endless));
  const hungry = option(args, 'hungry-rule');
  if (hungry) rules.splice(Math.floor(rules.length / 3), 0, hungryRule(hungry));
  return rules;
}

if (require.main === module && parentPort) runCheckWorker(testRules(process.argv), parentPort, sharedState(workerData));
