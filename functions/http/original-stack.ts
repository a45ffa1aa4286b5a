import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Stack traces that name our sources, without `--enable-source-maps` (issue 14): that flag makes Node read
 * and parse a bundle's source map (0.7 MB for the form page) at every cold start, 7–17 ms, for the rare
 * request that fails. Instead a logged error's frames in a bundle (`file:///var/task/index.mjs:1:23456`) are
 * mapped here, through the `.map` next to the bundle, read only when an error is logged. Frames of files
 * without a map (the TypeScript sources locally and in the tests) stay as they are.
 */

const maps = new Map<string, SourceMap | null>();

function mapOf(file: string): SourceMap | null {
  let map = maps.get(file);
  if (map === undefined) {
    const mapFile = `${file}.map`;
    try {
      map = existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null;
    } catch {
      map = null; // An unreadable map leaves the frames as they are: never a second error while logging one.
    }
    maps.set(file, map);
  }
  return map;
}

/** A source as the map names it, relative to the bundle's folder at build time: from the package or repo folder. */
function readable(source: string): string {
  const packages = source.lastIndexOf('node_modules/');
  if (packages >= 0) return source.slice(packages);
  const path = source.replace(/^(?:\.\.\/)+/, '');
  const repo = /(?:^|\/)((?:functions|forms|infra|bench)\/.*)$/.exec(path);
  return repo ? repo[1]! : path;
}

const frame = /(file:\/\/[^\s()]+?):(\d+):(\d+)/g;

/** The stack with every frame that lies in a bundle with a source map replaced by its source:line:column. */
export function originalStack(stack: string): string {
  return stack.replace(frame, (whole, url: string, line: string, column: string) => {
    let file: string;
    try {
      file = fileURLToPath(url);
    } catch {
      return whole;
    }
    const entry = mapOf(file)?.findEntry(Number(line) - 1, Number(column) - 1) as
      | { originalSource?: string; originalLine?: number; originalColumn?: number }
      | undefined;
    if (entry?.originalSource === undefined) return whole;
    return `${readable(entry.originalSource)}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}`;
  });
}

/**
 * The error to log: the same error with its stack (and its causes' stacks) mapped to our sources. The
 * error itself is changed, as it is only logged afterwards.
 */
export function withOriginalStack(error: unknown): unknown {
  for (
    let current = error, depth = 0;
    current instanceof Error && depth < 5;
    current = current.cause, depth++
  ) {
    if (current.stack) current.stack = originalStack(current.stack);
  }
  return error;
}

/**
 * A job's handler whose thrown error carries the mapped stack: Lambda logs what a handler throws, so the
 * log of a failed run names our sources.
 */
export function mapsThrownStacks<A extends unknown[], R>(
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      throw withOriginalStack(error);
    }
  };
}
