// The path finder: the shortest paths between the two selected nodes, drawn and highlighted.
import { api, type GraphJson } from '../api';
import { byId } from '../dom';
import { describeError } from '../errors';
import type { Panel } from './panel';

export type PathsJson = GraphJson & { paths: string[][] };

export function createPathFinderPanel(deps: {
  selectedNodeIds: () => string[];
  showPaths: (result: PathsJson) => void;
}): Panel {
  const out = byId<HTMLOutputElement>('path-output');
  const find = async () => {
    const selected = deps.selectedNodeIds();
    if (selected.length !== 2) {
      out.value = 'Select exactly two nodes (Shift+click the second).';
      return;
    }
    try {
      const result = await api.paths(selected[0]!, selected[1]!);
      if (!result.paths.length) {
        out.value = 'No path within 6 hops.';
        return;
      }
      deps.showPaths(result);
      out.value = `${result.paths.length} shortest path(s) of ${result.paths[0]!.length} hop(s), highlighted in red.`;
    } catch (error) {
      out.value = describeError(error);
    }
  };
  byId('find-path').addEventListener('click', () => void find());
  return { element: byId('path-finder') };
}
