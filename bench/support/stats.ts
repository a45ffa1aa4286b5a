/** Small statistics for the benchmarks: medians of repeated runs, percentiles, readable figures. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p % of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** `3.14×` */
export const ratio = (value: number) => `${value.toFixed(2)}×`;
export const ms = (value: number) => `${value.toFixed(1)} ms`;
/** Kilobytes as the issue counts them: 1 KB = 1000 bytes. */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** Fisher–Yates shuffle: each repetition runs the candidates in a new order, so drift hits all alike. */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A Markdown table, ready to paste into the README. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: string,
): string {
  const alignRow = align ?? header.map((_, i) => (i === 0 ? '---' : '---:')).join('|');
  return [`| ${header.join(' | ')} |`, `|${alignRow}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
    '\n',
  );
}

/** The machine and date every figure is quoted with. */
export async function machine(): Promise<string> {
  const os = await import('node:os');
  const cpus = os.cpus();
  return `${new Date().toISOString().slice(0, 10)}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, load ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}`;
}
