// A worker thread of `plan43 check` run in parallel (check-pool.ts), and what every checking thread does: reads the metadata of a batch of plans for the folder's registry, then checks runs of files and sends back their parts of the output, several files to a message.

import { parentPort, workerData } from 'node:worker_threads';
import { KnowledgeBase, RegistryEntry } from '../core/data/types';
import { withWorkspace } from '../core/workspace/knowledge';
import { checkOneFile, FileCheckSettings, FileOutcome, formatFor, shownData } from './check-files';
import { codeCacheCheckpoint } from './code-cache';
import { failureReason, FilePath } from './files';
import { planEntriesOf } from './workspace';

/** What the worker starts with: the settings of the run and the knowledge loaded (bundled and the user's data files). */
export interface CheckFilesWorkerData {
  settings: FileCheckSettings;
  kb: KnowledgeBase;
}

/**
 * What a worker created before the knowledge is loaded starts with (check-pool.ts's
 * `startWorkers`): the settings alone, the knowledge following in its first message.
 */
export interface EarlyWorkerData {
  settings: FileCheckSettings;
  kb?: undefined;
}

/** The first message to a worker started without the knowledge: the knowledge, as the command line's thread loaded it. */
export interface KnowledgeMessage {
  type: 'knowledge';
  kb: KnowledgeBase;
}

/** A path as it crosses threads: a name that is not UTF-8 stays bytes (a Buffer arrives as a Uint8Array). */
export type SentPath = string | Uint8Array;

export type CheckFilesRequest =
  | { type: 'entries'; batch: number; files: string[] }
  | { type: 'workspace'; entries: RegistryEntry[] }
  /** Files `first`, `first + 1`, … of the run, checked in that order. */
  | { type: 'check'; first: number; files: SentPath[] };

export type CheckFilesReply =
  /** A worker's first message: its code loaded and its knowledge received, it takes requests now. */
  | { type: 'ready' }
  | { type: 'entries'; batch: number; entries: RegistryEntry[] }
  /** The outcomes of files `first`, `first + 1`, …: all or the next part of one request's files. */
  | { type: 'checked'; first: number; outcomes: FileOutcome[] }
  | { type: 'failed'; error: string };

/**
 * Characters of output parts (and complaints) after which a reply is sent before its request's
 * last file is checked: a run of long plans is not held whole on either thread, and its first
 * parts can be written while the rest is checked.
 */
export const REPLY_CHARS = 1 << 20;

export function receivedPath(file: SentPath): FilePath {
  return typeof file === 'string' ? file : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
}

function outcomeChars(outcome: FileOutcome): number {
  let chars = outcome.part.length;
  for (const complaint of outcome.complaints) chars += complaint.length;
  return chars;
}

/**
 * What a checking thread does with each request: the same on a worker thread and on the command
 * line's own thread, which checks files too. Its replies go to `reply`, in order: none for the
 * registry, one for a batch of metadata, one or more for a run of files (a part sent whenever
 * `replyChars` is reached, the rest when the run is done). A defect while checking a file sends
 * the outcomes of the files before it, then the failure.
 */
export function checkFilesHandler(data: CheckFilesWorkerData, reply: (message: CheckFilesReply) => void, replyChars = REPLY_CHARS): (message: CheckFilesRequest) => void {
  const { settings } = data;
  const format = formatFor(settings);
  let kb = data.kb;
  return (message) => {
    let first = message.type === 'check' ? message.first : 0;
    let outcomes: FileOutcome[] = [];
    // Each outcome is sent once, even if sending fails.
    const sendOutcomes = (): void => {
      const sent = outcomes;
      outcomes = [];
      first += sent.length;
      reply({ type: 'checked', first: first - sent.length, outcomes: sent });
    };
    try {
      switch (message.type) {
        case 'entries':
          reply({ type: 'entries', batch: message.batch, entries: planEntriesOf(message.files, (f) => shownData(f, settings.cwd), data.kb) });
          return;
        case 'workspace':
          // The same registry a serial run builds: the bundled and user data, then the folder's plans.
          kb = withWorkspace(data.kb, message.entries);
          return;
        case 'check': {
          let chars = 0;
          for (const file of message.files) {
            const outcome = checkOneFile(receivedPath(file), kb, settings, format);
            outcomes.push(outcome);
            chars += outcomeChars(outcome);
            if (chars >= replyChars) {
              sendOutcomes();
              chars = 0;
            }
          }
          if (outcomes.length > 0) sendOutcomes();
          return;
        }
      }
    } catch (err) {
      // A defect of the tool: said as a serial run says it, after what was checked before it.
      if (outcomes.length > 0) sendOutcomes();
      reply({ type: 'failed', error: failureReason(err) });
    }
  };
}

if (require.main === module && parentPort) {
  const port = parentPort;
  const start = (data: CheckFilesWorkerData): void => {
    const handle = checkFilesHandler(data, (reply) => port.postMessage(reply));
    let checkedOnce = false;
    port.on('message', (message: CheckFilesRequest) => {
      handle(message);
      if (message.type !== 'check' || checkedOnce) return;
      checkedOnce = true;
      // The package's worker (dist/check-files-worker.js) writes its code cache now, with the
      // check's code compiled: the pool ends a worker with the run, so the loader's save at the
      // process's end never comes on a worker thread (nothing when loaded without the cache).
      codeCacheCheckpoint();
    });
    port.postMessage({ type: 'ready' } satisfies CheckFilesReply);
  };
  const data = workerData as CheckFilesWorkerData | EarlyWorkerData;
  // Started before the knowledge was loaded: this thread loaded its code meanwhile, and the
  // knowledge comes first (sent once loaded, it is usually here before the code is).
  if (data.kb) start(data);
  else port.once('message', (message: KnowledgeMessage) => start({ settings: data.settings, kb: message.kb }));
}
