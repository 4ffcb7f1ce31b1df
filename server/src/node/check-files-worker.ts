// A worker thread of `plan43 check` run in parallel (check-pool.ts), and what every checking thread does: reads the metadata of a batch of plans for the folder's registry, then checks files one at a time and sends back each one's part of the output.

import { parentPort, workerData } from 'node:worker_threads';
import { KnowledgeBase, RegistryEntry } from '../core/data/types';
import { withWorkspace } from '../core/workspace/knowledge';
import { checkOneFile, FileCheckSettings, FileOutcome, formatFor, shownData } from './check-files';
import { failureReason, FilePath } from './files';
import { planEntriesOf } from './workspace';

/** What the worker starts with: the settings of the run and the knowledge loaded (bundled and the user's data files). */
export interface CheckFilesWorkerData {
  settings: FileCheckSettings;
  kb: KnowledgeBase;
}

/** A path as it crosses threads: a name that is not UTF-8 stays bytes (a Buffer arrives as a Uint8Array). */
export type SentPath = string | Uint8Array;

export type CheckFilesRequest =
  | { type: 'entries'; batch: number; files: string[] }
  | { type: 'workspace'; entries: RegistryEntry[] }
  | { type: 'check'; index: number; file: SentPath };

export type CheckFilesReply =
  | { type: 'entries'; batch: number; entries: RegistryEntry[] }
  | { type: 'checked'; index: number; outcome: FileOutcome }
  | { type: 'failed'; error: string };

export function receivedPath(file: SentPath): FilePath {
  return typeof file === 'string' ? file : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
}

/**
 * What a checking thread does with each request: the same on a worker thread and on the command
 * line's own thread, which checks files too. Undefined for a request that has no answer.
 */
export function checkFilesHandler(data: CheckFilesWorkerData): (message: CheckFilesRequest) => CheckFilesReply | undefined {
  const { settings } = data;
  const format = formatFor(settings);
  let kb = data.kb;
  return (message) => {
    try {
      switch (message.type) {
        case 'entries':
          return { type: 'entries', batch: message.batch, entries: planEntriesOf(message.files, (f) => shownData(f, settings.cwd), data.kb) };
        case 'workspace':
          // The same registry a serial run builds: the bundled and user data, then the folder's plans.
          kb = withWorkspace(data.kb, message.entries);
          return undefined;
        case 'check':
          return { type: 'checked', index: message.index, outcome: checkOneFile(receivedPath(message.file), kb, settings, format) };
      }
    } catch (err) {
      // A defect of the tool: said as a serial run says it.
      return { type: 'failed', error: failureReason(err) };
    }
  };
}

if (require.main === module && parentPort) {
  const port = parentPort;
  const handle = checkFilesHandler(workerData as CheckFilesWorkerData);
  port.on('message', (message: CheckFilesRequest) => {
    const reply = handle(message);
    if (reply) port.postMessage(reply);
  });
}
