// The Data tab: import a STIX or MISP file (upload progress, then the summary), export the
// view as STIX, and the review list of ambiguous names.
import { api, authHeader } from '../api';
import { byId, download, h } from '../dom';
import { userText } from '../user-text';

interface ImportSummaryJson {
  dataset: string;
  created: Record<string, number>;
  merged: Record<string, number>;
  relationships: Record<string, { created: number; updated: number }>;
  skipped: Record<string, number>;
  ambiguous: { incomingName: string; createdId: string; reason: string }[];
  dryRun: boolean;
  millis: number;
}

const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** The format of a file, from its content: a STIX bundle or a MISP galaxy cluster. */
export function detectFormat(text: string): 'stix' | 'misp-galaxy' | undefined {
  const head = text.slice(0, 4096);
  if (/"type"\s*:\s*"bundle"/.test(head)) return 'stix';
  if (/"values"\s*:\s*\[/.test(text.slice(0, 200_000))) return 'misp-galaxy';
  return undefined;
}

function upload(
  url: string,
  body: string,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/json');
    for (const [name, value] of Object.entries(authHeader())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      resolve({ status: xhr.status, json });
    };
    xhr.onerror = () => reject(new Error('The upload failed: is the server running?'));
    xhr.send(body);
  });
}

export function setupDataPanel(hooks: {
  imported: () => Promise<void>;
  visibleIds: () => string[];
}): void {
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
      const { status, json } = await upload(
        `/api/import?format=${format}&dryRun=${dryRun}`,
        text,
        (f) => {
          progress.value = Math.round(f * 90);
          if (f === 1) show(`Resolving and writing ${file.name}…`);
        },
      );
      progress.value = 100;
      if (status !== 200) {
        const message =
          (json as { error?: { message?: string } } | undefined)?.error?.message ??
          `HTTP ${status}`;
        show(h('span', { class: 'error' }, message));
        return;
      }
      const s = json as ImportSummaryJson;
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
      await hooks.imported();
      await loadReview();
    } catch (error) {
      show(h('span', { class: 'error' }, error instanceof Error ? error.message : String(error)));
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
        const bundle = await api.exportStix(hooks.visibleIds());
        download(
          'attribution-graph.stix.json',
          new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }),
        );
      } catch (error) {
        show(h('span', { class: 'error' }, error instanceof Error ? error.message : String(error)));
      }
    })();
  });

  const loadReview = async () => {
    const { items } = await api.importReview().catch(() => ({ items: [] }));
    byId('review-list').replaceChildren(
      ...(items.length
        ? items
            .slice(0, 100)
            .map((i) =>
              h(
                'li',
                {},
                h('strong', {}, userText(i.incomingName)),
                ` → ${i.createdId}: `,
                userText(i.reason),
              ),
            )
        : [h('li', { class: 'hint' }, 'Nothing to review.')]),
    );
  };
  byId('tab-data').addEventListener('click', () => void loadReview());
}
