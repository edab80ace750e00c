import type { LoadSummary } from '../server/src/exchange/loader/load';

export function formatSummary(summary: LoadSummary): string {
  const lines = [
    `${summary.dryRun ? 'Dry run (rolled back): would load' : 'Loaded'} ${summary.files.length} file(s) in ${(summary.millis / 1000).toFixed(2)}s: ` +
      `${summary.totalNodes} nodes, ${summary.totalRelationships} relationships` +
      (summary.deleted ? ` (after deleting ${summary.deleted} nodes)` : ''),
  ];
  const table = (title: string, counts: Record<string, { created: number; updated: number }>) => {
    lines.push(`  ${title}`);
    for (const [name, c] of Object.entries(counts))
      lines.push(
        `    ${name.padEnd(16)} ${String(c.created).padStart(7)} created ${String(c.updated).padStart(7)} updated`,
      );
  };
  table('nodes', summary.counts.nodes);
  table('relationships', summary.counts.relationships);
  return lines.join('\n');
}
