import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The child that imports one bundle and invokes it once (plain JavaScript: nothing else is loaded). */
export const coldStartChild = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cold-start-child.mjs');

/** What bench/support/cold-start-child.mjs reports about its one cold start. */
export interface ColdStartRun {
  /** Spawn to exit, measured by this process: what a cold start costs, Node's own start included. */
  readonly wallMs: number;
  /** From the child's own start to its answer. */
  readonly totalMs: number;
  /** CPU time (user + system) of the child up to its answer. */
  readonly cpuMs: number;
  readonly importMs: number;
  readonly invokeMs: number;
  readonly status?: number;
  /** Start of the import, end of the import, end of the first invoke: monotonic clock, microseconds. */
  readonly marksUs: { readonly started: number; readonly imported: number; readonly done: number };
}

/**
 * One cold start of a bundle in a fresh Node process (extra Node flags such as `--cpu-prof` first). Never
 * spawnSync: the emulators the handler talks to run in this process and must keep answering meanwhile.
 */
export function coldStart(
  id: string,
  file: string,
  eventFile: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
): Promise<ColdStartRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, coldStartChild, file, eventFile], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${id} exited with ${code}: ${stderr}`));
      // The result is the marked line: a handler may log to stdout around it.
      const last = (stdout.split('\n').find((line) => line.startsWith('COLD-START ')) ?? '').slice(11);
      resolve({ ...(JSON.parse(last) as Omit<ColdStartRun, 'wallMs'>), wallMs: performance.now() - started });
    });
  });
}
