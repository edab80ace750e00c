// The Data tab's TAXII form: the server pulls a collection from a TAXII 2.1 server (only what
// it added since the last pull, unless "whole collection") and imports it; the summary shows
// what came in. Credentials go with this one request and are cleared from the form after it.
import { api } from '../api';
import { byId, h } from '../dom';
import { describeError } from '../errors';

const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

export function wireTaxiiPull(deps: {
  imported: () => Promise<void>;
  dryRun: () => boolean;
}): void {
  const form = byId<HTMLFormElement>('taxii-pull');
  const statusEl = byId<HTMLOutputElement>('taxii-status');
  const button = byId<HTMLButtonElement>('taxii-pull-button');
  const value = (id: string) => byId<HTMLInputElement>(id).value.trim();
  const show = (...children: (Node | string)[]) => statusEl.replaceChildren(...children);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const optional = (id: string) => value(id) || undefined;
      const body = {
        apiRoot: value('taxii-api-root'),
        collection: value('taxii-collection'),
        user: optional('taxii-user'),
        password: optional('taxii-password'),
        token: optional('taxii-token'),
        full: byId<HTMLInputElement>('taxii-full').checked,
        dryRun: deps.dryRun(),
      };
      // Not kept in the page longer than the request needs them.
      byId<HTMLInputElement>('taxii-password').value = '';
      byId<HTMLInputElement>('taxii-token').value = '';
      button.disabled = true;
      show(`Pulling ${body.collection}…`);
      try {
        const s = await api.pullTaxii(body);
        const i = s.imported;
        const rels = i
          ? Object.values(i.relationships).reduce((a, c) => a + c.created + c.updated, 0)
          : 0;
        show(
          h(
            'strong',
            {},
            `${i?.dryRun ? 'Dry run of' : 'Pulled'} "${s.collectionTitle}": ${s.objects} new objects in ${s.pages} page(s)`,
          ),
          h(
            'ul',
            { class: 'summary' },
            h('li', {}, s.addedAfter ? `added after ${s.addedAfter}` : 'the whole collection'),
            ...(s.referenced
              ? [h('li', {}, `${s.referenced} earlier objects they refer to, fetched again`)]
              : []),
            ...(i
              ? [
                  h('li', {}, `${total(i.created)} created`),
                  h('li', {}, `${total(i.merged)} merged into existing entities`),
                  h('li', {}, `${rels} relationships`),
                  h('li', {}, `${total(i.skipped)} skipped`),
                  h('li', {}, `${i.ambiguous.length} ambiguous (see below)`),
                ]
              : [h('li', {}, 'nothing new to import')]),
            h('li', {}, `next pull: what is added after ${s.cursor ?? 'the start'}`),
          ),
        );
        if (i && !i.dryRun) await deps.imported();
      } catch (error) {
        show(h('span', { class: 'error' }, describeError(error)));
      } finally {
        button.disabled = false;
      }
    })();
  });
}
