/**
 * CPU profiling of the current process through the inspector, for exactly the window the orchestrator asks
 * for (start/stop over IPC): unlike --cpu-prof it leaves out startup and module loading, and only the main
 * thread is sampled.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { BenchRunError } from '../lib/errors.js';

let session: Session | undefined;

export async function startProfile(intervalMicros = 250): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
  await session.post('Profiler.start');
}

/** Stops the profile started by startProfile and writes it (.cpuprofile JSON) to `file`. */
export async function stopProfile(file: string): Promise<string> {
  if (!session) throw new BenchRunError('stopProfile without startProfile');
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  session = undefined;
  await writeFile(file, JSON.stringify(profile));
  return file;
}
