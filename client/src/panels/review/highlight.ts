// The report's text cut into plain runs and mentions, for highlighting: overlapping mentions
// keep the first (longest at a position). Pure, so it is tested without a browser.
export interface Segment {
  start: number;
  end: number;
  /** The entity a mention stands for; absent for plain text. */
  ref?: string;
}

export function segments(
  length: number,
  entities: readonly { ref: string; mentions: readonly { start: number; end: number }[] }[],
): Segment[] {
  const marks = entities
    .flatMap((e) => e.mentions.map((m) => ({ ...m, ref: e.ref })))
    .filter((m) => m.start < m.end && m.end <= length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    if (m.start > at) out.push({ start: at, end: m.start });
    out.push(m);
    at = m.end;
  }
  if (at < length) out.push({ start: at, end: length });
  return out;
}

/** Character offsets of a DOM selection inside the text pane, whose runs carry data-start. */
export function selectionOffsets(pane: HTMLElement): { start: number; end: number } | undefined {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  const offsetOf = (node: Node, offset: number): number | undefined => {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as HTMLElement);
    const run = el?.closest<HTMLElement>('[data-start]');
    if (!run || !pane.contains(run)) return undefined;
    return Number(run.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  };
  const start = offsetOf(range.startContainer, range.startOffset);
  const end = offsetOf(range.endContainer, range.endOffset);
  if (start === undefined || end === undefined || end <= start) return undefined;
  return { start, end };
}
