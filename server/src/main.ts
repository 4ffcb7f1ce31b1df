// The language server's entry point: `plan43 lsp` and `node dist/server.js` with a transport (--stdio, --node-ipc, --socket=PORT, --pipe=NAME); its bundle also carries the command line.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { CliIo } from './cli';
import { useFastJsonEncoder, writeHeaderWithBody } from './lsp/json-encoder';
import { startServer } from './lsp/server';

// The published package runs both `plan43 check` and `plan43 lsp` from the bundle made of this
// file (dist/server.js), so that it holds one copy of the core and of its dependencies; only the
// Word reader and writer are a bundle of their own (dist/word.js), required to import or export.
export { runCliAsync } from './cli';

const USAGE = {
  vi: `Cách dùng: plan43 lsp --stdio | --node-ipc | --socket=CỔNG | --pipe=TÊN

Chạy máy chủ ngôn ngữ (Language Server Protocol) của Plan43 cho các trình soạn thảo
(Neovim, Emacs, Helix, Sublime Text …); trình soạn thảo khởi động lệnh này, người dùng không gõ.
  --stdio          trao đổi qua đầu vào, đầu ra chuẩn (dùng cho hầu hết trình soạn thảo)
  --node-ipc       qua kênh IPC của Node.js (tiến trình cha là Node.js)
  --socket=CỔNG    kết nối tới cổng TCP CỔNG trên 127.0.0.1, nơi trình soạn thảo đang chờ
  --pipe=TÊN       kết nối tới named pipe / Unix socket TÊN
Hướng dẫn cấu hình: docs/editors.md.`,
  en: `Usage: plan43 lsp --stdio | --node-ipc | --socket=PORT | --pipe=NAME

Runs the Plan43 language server (Language Server Protocol) for editors (Neovim, Emacs, Helix,
Sublime Text …); the editor starts this command, nobody types it.
  --stdio          talk over standard input and output (what most editors use)
  --node-ipc       over Node.js's IPC channel (the parent process is Node.js)
  --socket=PORT    connect to TCP port PORT on 127.0.0.1, where the editor listens
  --pipe=NAME      connect to the named pipe or Unix socket NAME
Set-up for each editor: docs/editors.md.`,
};

/** Options of the transport and of the client's process, as vscode-languageserver reads them from the command line. */
const WITH_VALUE = ['--socket', '--pipe', '--clientProcessId'];

/**
 * Checks the arguments of `plan43 lsp` (or of `node dist/server.js`): exactly one transport, and
 * nothing but the client's process id besides. Returns the problem, or undefined.
 */
export function lspArgumentProblem(args: readonly string[]): string | undefined {
  let transports = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (name === '--stdio' || name === '--node-ipc') {
      if (name !== arg) return `${arg}: tùy chọn không nhận giá trị / takes no value`;
      transports++;
    } else if (WITH_VALUE.includes(name)) {
      const value = name === arg ? args[++i] : arg.slice(name.length + 1);
      if (value === undefined || value === '' || value.startsWith('--')) return `${name}: thiếu giá trị / missing value`;
      if (name !== '--clientProcessId') transports++;
      if (name !== '--pipe' && !/^\d+$/.test(value)) return `${name}: "${value}" không phải số / is not a number`;
    } else {
      return `tùy chọn không hợp lệ / unknown option: ${arg}`;
    }
  }
  if (transports === 0) return 'thiếu cách kết nối / no transport: --stdio, --node-ipc, --socket=PORT, --pipe=NAME';
  if (transports > 1) return 'chỉ dùng một cách kết nối / only one transport';
  return undefined;
}

/** Creates the connection (from the transport named on the process's command line) and starts the server. */
export function startLanguageServer(): void {
  // Before the connection: its message writer takes the encoder in use when it is made.
  useFastJsonEncoder();
  // The library writes its messages to the standard output with --stdio (one transport is allowed).
  if (process.argv.slice(2).includes('--stdio')) writeHeaderWithBody(process.stdout);
  const connection = createConnection(ProposedFeatures.all);

  // A stray exception (a timer, a rejected promise nobody awaited) is logged, not fatal: the
  // drafter keeps their diagnostics. Request handlers have their own guards (lsp/context.ts).
  process.on('uncaughtException', (err) => connection.console.error(`plan43: uncaught exception: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (reason) =>
    connection.console.error(`plan43: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
  );

  startServer(connection);
  connection.listen();
}

/**
 * `plan43 lsp ARGS`: the help, a usage error (exit code 2), or the server started (undefined: the
 * process lives until the client says exit). `args` must be the end of process.argv, which the
 * connection reads its transport from.
 */
export function runLspCommand(args: readonly string[], io: CliIo): number | undefined {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(`${USAGE.vi}\n\n${USAGE.en}\n`);
    return 0;
  }
  const problem = lspArgumentProblem(args);
  if (problem) {
    io.stderr(`plan43 lsp: ${problem}\n${USAGE.vi.split('\n')[0]}\n`);
    return 2;
  }
  startLanguageServer();
  return undefined;
}

if (require.main === module) {
  const code = runLspCommand(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  });
  if (code !== undefined) process.exitCode = code;
}
