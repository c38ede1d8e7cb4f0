// The pages' one way to ask the worker something: the reply's type follows the message's kind.
import type { WorkerApi, WorkerKind, WorkerReply } from '../core/worker-api';

export async function send<K extends WorkerKind>(message: WorkerApi[K]['message'] & { kind: K }): Promise<WorkerReply<K>> {
  const reply: unknown = await chrome.runtime.sendMessage(message);
  // An answer of another shape means the worker failed before its handler replied.
  if (reply === undefined || reply === null) throw new Error(`The extension's worker did not answer "${message.kind}".`);
  return reply as WorkerReply<K>;
}
