// What other editors' LSP clients are compared with: the findings of `plan43 check --format json` of the installed package, as a client shows them, and running an editor headless to its end.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempFolder } from '../protocol/helpers';
import { InstalledPackage, run } from './package';

/** LSP's DiagnosticSeverity numbers for the command line's severities. */
export const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };

/** One diagnostic as an editor shows it: 0-based line, UTF-16 column, rule id, LSP severity, message. */
export interface ShownDiagnostic {
  code: string;
  line: number;
  character: number;
  severity: number;
  message: string;
}

interface CliFinding {
  ruleId: string;
  line: number;
  column: number;
  severity: string;
  message: string;
}

/** A comparable line for a diagnostic. */
export const diagnosticKey = (f: ShownDiagnostic): string => `${f.line}:${f.character} ${f.code} ${f.severity} ${f.message}`;

/** What `plan43 check --format json` of the installed package says about the plan, as sorted keys. */
export async function cliDiagnostics(pkg: InstalledPackage, plan: string): Promise<string[]> {
  const r = await run(pkg.bin, ['check', '--format', 'json', path.basename(plan)], { cwd: path.dirname(plan), env: pkg.env });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const findings = (JSON.parse(r.stdout) as { files: Array<{ findings: CliFinding[] }> }).files.flatMap((f) => f.findings);
  return findings.map((f) => diagnosticKey({ code: f.ruleId, line: f.line - 1, character: f.column - 1, severity: SEVERITY[f.severity], message: f.message })).sort();
}

/**
 * Runs an editor headless in a fresh folder that is its home, with `env` added, until it exits;
 * the script it runs writes its JSON result to `PLAN43_OUT`, which is returned parsed.
 */
export async function runEditor<T extends { error?: string }>(pkg: InstalledPackage, prefix: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  const folder = tempFolder(prefix);
  try {
    const out = path.join(folder.dir, 'diagnostics.json');
    const fullEnv = { ...pkg.env, ...env, PLAN43_BIN: pkg.bin, PLAN43_OUT: out, HOME: folder.dir, XDG_STATE_HOME: folder.dir, XDG_DATA_HOME: folder.dir };
    const child = spawn(command, args, { cwd: folder.dir, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    // A failed test must not leave the editor behind.
    const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
    const code = await ended.finally(() => child.kill());
    assert.ok(fs.existsSync(out), `${command} wrote no result (exit ${code}):\n${output}`);
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as T;
    assert.equal(result.error, undefined, `${result.error}\n${output}`);
    return result;
  } finally {
    folder.remove();
  }
}
