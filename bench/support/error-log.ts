/**
 * Imported first by bench:load (before quiet.ts): the handlers log at ERROR, and what they log — a 500's
 * cause (errorResponse logs it with its name and message) — is counted by cause here instead of printed,
 * as are the SDK's warnings of a request slower than its requestTimeout. Everything else passes through.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const causes = new Map<string, number>();
const count = (cause: string) => causes.set(cause, (causes.get(cause) ?? 0) + 1);

/** One line the handlers or the SDK wrote: its cause when it is one of those, else undefined. */
function causeOf(line: string): string | undefined {
  if (line.startsWith('@smithy/node-http-handler - [WARN] a request has exceeded')) {
    return `SDK warning: ${/configured (\d+) ms requestTimeout/.exec(line)?.[0] ?? 'requestTimeout'} exceeded`;
  }
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { level?: string; message?: string; error?: Record<string, unknown> };
    if (entry.level !== 'ERROR' && entry.level !== 'CRITICAL') return undefined;
    const error = entry.error ?? {};
    const cause = error.cause as Record<string, unknown> | undefined;
    return [entry.message, error.name, error.message, cause && `cause: ${cause.name} ${cause.message}`]
      .filter(Boolean)
      .join(' — ');
  } catch {
    return undefined;
  }
}

for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = String(chunk);
    const lines = text.split('\n').filter((line) => line !== '');
    const found = lines.map(causeOf);
    if (lines.length === 0 || found.some((cause) => cause === undefined)) return write(chunk, ...rest);
    for (const cause of found) count(cause!);
    const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof stream.write;
}

/** What was logged, by cause, the most frequent first. */
export function loggedCauses(): [string, number][] {
  return [...causes].sort((a, b) => b[1] - a[1]);
}
