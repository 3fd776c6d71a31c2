/**
 * Database thread entry (see DatabaseThread): opens its own connection to the lab file and
 * answers main's requests one at a time, in order. Writes that meet another process' lock
 * past busy_timeout are retried here with backoff, so only this thread waits, and the
 * records of a run keep their order (nothing behind a locked write overtakes it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LabStore } from '../store';
import { carryError, DatabaseRequests, isLocked, type DatabaseReply, type DatabaseRequest, type DatabaseThreadInput } from './database-thread';

if (!parentPort) throw new Error('database-worker.ts must run in a worker thread');
const port = parentPort;
const input = workerData as DatabaseThreadInput;
const store = new LabStore(input.file, input.nativeBinding ? { nativeBinding: input.nativeBinding } : {});
const LOCK_RETRY_FIRST_MS = 100;
const LOCK_RETRY_MAX_MS = 2_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** `write`, retried while another writer holds the lock, for at most lockPatienceMs. */
function withLockPatience<T>(write: () => T): T {
  const since = Date.now();
  for (let wait = LOCK_RETRY_FIRST_MS; ; wait = Math.min(LOCK_RETRY_MAX_MS, wait * 2)) {
    try {
      return write();
    } catch (error) {
      if (!isLocked(error) || Date.now() - since + wait > input.lockPatienceMs) throw error;
      Atomics.wait(sleeper, 0, 0, wait); // this thread has nothing else to do until the lock is gone
    }
  }
}

const requests = new DatabaseRequests(store, withLockPatience);

port.on('message', (message: { id: number; request: DatabaseRequest } | 'close') => {
  if (message === 'close') {
    store.close();
    port.close();
    return;
  }
  let reply: DatabaseReply;
  try {
    reply = { id: message.id, ok: true, value: requests.execute(message.request) };
  } catch (error) {
    reply = { id: message.id, ok: false, error: carryError(error) };
  }
  port.postMessage(reply);
});
port.postMessage('ready');
