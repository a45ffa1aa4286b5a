import type { Field, SectionItem, ShownWhen } from '../field-types.js';

/**
 * How the form page groups the questions asked only after an answer (GOV.UK's "conditional reveal"): the
 * dependent fields that follow each other form one block under their question, a field that depends on a
 * question inside the block is a block within it, and the question's answers name the blocks they open.
 */

export interface ConditionalBlock {
  readonly type: 'conditional';
  /** The block's element id, named in the question's `aria-controls`. */
  readonly id: string;
  readonly when: ShownWhen;
  readonly question: Field;
  /** The question's path on the page (`collects`, `locations.1.catering`). */
  readonly questionPath: string;
  readonly nodes: readonly PageNode[];
}

export type PageNode = SectionItem | ConditionalBlock;

const sameWhen = (a: ShownWhen | undefined, b: ShownWhen | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.field === b.field &&
  a.answers.length === b.answers.length &&
  a.answers.every((answer, index) => answer === b.answers[index]);

export interface NestingScope {
  /** The fields a condition can refer to: the form's own, or a repeated group's. */
  readonly fields: ReadonlyMap<string, Field>;
  /** A field's path on the page: its key, or `group.row.key` in a row. */
  readonly pathOf: (key: string) => string;
  /** A block's id for a question's path (unique on the page: the n-th block of a question gets `-n`). */
  readonly blockId: (questionPath: string) => string;
}

/** Numbers the blocks of each question in the order the page shows them. */
export function blockIds(idOf: (path: string) => string): (questionPath: string) => string {
  const counts = new Map<string, number>();
  return (questionPath) => {
    const count = (counts.get(questionPath) ?? 0) + 1;
    counts.set(questionPath, count);
    return `${idOf(questionPath)}-vervolg${count > 1 ? `-${count}` : ''}`;
  };
}

/** The items of a section (or a row's fields) with each run of dependent fields nested in its block. */
export function nestConditional(
  items: readonly SectionItem[],
  scope: NestingScope,
  outer?: ShownWhen,
): PageNode[] {
  const own = (item: SectionItem) =>
    item.type === 'field' && item.shownWhen && !sameWhen(item.shownWhen, outer) ? item.shownWhen : undefined;
  const nodes: PageNode[] = [];
  for (let index = 0; index < items.length; ) {
    const item = items[index]!;
    const when = own(item);
    const question = when ? scope.fields.get(when.field) : undefined;
    if (!when || !question) {
      nodes.push(item);
      index++;
      continue;
    }
    const run: SectionItem[] = [item];
    const inRun = new Set([item.key]);
    for (index++; index < items.length; index++) {
      const next = items[index]!;
      const nextWhen = next.type === 'field' ? next.shownWhen : undefined;
      if (!nextWhen || !(sameWhen(nextWhen, when) || inRun.has(nextWhen.field))) break;
      run.push(next);
      inRun.add(next.key);
    }
    const questionPath = scope.pathOf(question.key);
    nodes.push({
      type: 'conditional',
      id: scope.blockId(questionPath),
      when,
      question,
      questionPath,
      nodes: nestConditional(run, scope, when),
    });
  }
  return nodes;
}

/** Per question path, per answer, the blocks it opens (for `aria-controls`). */
export function blockControls(nodes: readonly PageNode[]): Map<string, Map<string, string[]>> {
  const controls = new Map<string, Map<string, string[]>>();
  const walk = (list: readonly PageNode[]) => {
    for (const node of list) {
      if (node.type !== 'conditional') continue;
      const byAnswer = controls.get(node.questionPath) ?? new Map<string, string[]>();
      for (const answer of node.when.answers)
        byAnswer.set(answer, [...(byAnswer.get(answer) ?? []), node.id]);
      controls.set(node.questionPath, byAnswer);
      walk(node.nodes);
    }
  };
  walk(nodes);
  return controls;
}
