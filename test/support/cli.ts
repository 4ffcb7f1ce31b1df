// Runs the plan43 command line in process and captures what it prints.

import { runCliAsync } from '../../server/src/cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCliCaptured(args: string[], cwd: string): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCliAsync(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd });
  return { code, out, err };
}
