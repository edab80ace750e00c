// The Data tab: import a STIX or MISP file (upload progress, then the summary), pull from a
// TAXII server (taxii-pull.ts), export the view as STIX, and the review list of ambiguous
// names (review-list.ts).
import { api, type ImportSummary } from '../api';
import { byId, download, h } from '../dom';
import { describeError } from '../errors';
import type { Panel } from './panel';
import { renderReviewList, type ReviewActions } from './review-list';
import { wireTaxiiPull } from './taxii-pull';

const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** The format of a file, from its content: a STIX bundle or a MISP galaxy cluster. */
function detectFormat(text: string): 'stix' | 'misp-galaxy' | undefined {
  const head = text.slice(0, 4096);
  if (/"type"\s*:\s*"bundle"/.test(head)) return 'stix';
  if (/"values"\s*:\s*\[/.test(text.slice(0, 200_000))) return 'misp-galaxy';
  return undefined;
}

export function createDataPanel(deps: {
  imported: () => Promise<void>;
  /** What the canvas shows: the export of the view is exactly this. */
  visible: () => { nodes: string[]; relationships: string[] };
  review: ReviewActions;
}): Panel {
  const fileInput = byId<HTMLInputElement>('import-file');
  const drop = byId('drop-zone');
  const progress = byId<HTMLProgressElement>('import-progress');
  const statusEl = byId<HTMLOutputElement>('import-status');

  const show = (...children: (Node | string)[]) => statusEl.replaceChildren(...children);
  const run = async (file: File) => {
    const text = await file.text();
    const format = detectFormat(text);
    if (!format) {
      show(
        h(
          'span',
          { class: 'error' },
          `${file.name} is neither a STIX bundle nor a MISP galaxy cluster.`,
        ),
      );
      return;
    }
    progress.hidden = false;
    progress.value = 0;
    show(`Uploading ${file.name} (${(file.size / 1e6).toFixed(1)} MB)…`);
    const dryRun = byId<HTMLInputElement>('import-dry-run').checked;
    try {
      const s: ImportSummary = await api.importFile(format, text, {
        dryRun,
        onProgress: (f) => {
          progress.value = Math.round(f * 90);
          if (f === 1) show(`Resolving and writing ${file.name}…`);
        },
      });
      progress.value = 100;
      const rels = Object.values(s.relationships).reduce((a, c) => a + c.created + c.updated, 0);
      show(
        h('strong', {}, `${s.dryRun ? 'Dry run of' : 'Imported'} ${s.dataset}`),
        h(
          'ul',
          { class: 'summary' },
          h('li', {}, `${total(s.created)} created`),
          h('li', {}, `${total(s.merged)} merged into existing entities`),
          h('li', {}, `${rels} relationships`),
          h('li', {}, `${total(s.skipped)} skipped`),
          h('li', {}, `${s.ambiguous.length} ambiguous (see below)`),
          h('li', {}, `${(s.millis / 1000).toFixed(1)} s`),
        ),
      );
      await deps.imported();
      await loadReview();
    } catch (error) {
      show(h('span', { class: 'error' }, describeError(error)));
    } finally {
      setTimeout(() => (progress.hidden = true), 1500);
    }
  };

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void run(file);
    fileInput.value = '';
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const file = e.dataTransfer?.files[0];
    if (file) void run(file);
  });

  // Through the API client, so a server that needs tokens gets one.
  byId('export-stix').addEventListener('click', () => {
    void (async () => {
      try {
        const { nodes, relationships } = deps.visible();
        if (!nodes.length) {
          show(h('span', { class: 'error' }, 'Nothing is shown on the canvas to export.'));
          return;
        }
        const bundle = await api.exportView({ ids: nodes, relationships });
        download(
          'attribution-graph.stix.json',
          new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }),
        );
      } catch (error) {
        show(h('span', { class: 'error' }, describeError(error)));
      }
    })();
  });

  /** The names an import could not resolve alone, kept apart for a person to decide. */
  const loadReview = () => renderReviewList(byId('review-list'), deps.review);

  wireTaxiiPull({
    imported: async () => {
      await deps.imported();
      await loadReview();
    },
    dryRun: () => byId<HTMLInputElement>('import-dry-run').checked,
  });

  return { element: byId('panel-data'), show: () => void loadReview() };
}
