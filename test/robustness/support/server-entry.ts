// A language server like the shipped one (server/src/main.ts) with extra rules and budgets chosen on its command line: how the containment tests make a rule fail or run slowly over LSP without any hook in the product.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { ALL_RULES } from '../../../server/src/core/rules/index';
import { Rule } from '../../../server/src/core/rules/rule';
import { startServer } from '../../../server/src/lsp/server';

/** A rule that always throws, as a defective rule would. */
export const THROWING_RULE: Rule = {
  id: 'test.throws',
  category: 'plan',
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

function option(name: string): string | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(name.length + 3);
}

if (require.main === module) {
  const rules: Rule[] = [...ALL_RULES];
  if (process.argv.includes('--throwing-rule')) rules.splice(Math.floor(rules.length / 2), 0, THROWING_RULE);
  const slow = option('slow-rules');
  if (slow) {
    // "count:ms": that many rules, each busy for ms, placed first.
    const [count, ms] = slow.split(':').map(Number);
    rules.unshift(...Array.from({ length: count }, (_, i) => slowRule(`test.slow-${i + 1}`, ms)));
  }
  const budget = option('budget');
  const budgets = budget
    ? Object.fromEntries(['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol'].map((m) => [m, Number(budget)]))
    : undefined;
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, { rules, ...(budgets ? { budgets } : {}) });
  connection.listen();
}
