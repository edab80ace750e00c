// The Review view: paste or upload a report, see every mention highlighted by label and the
// proposed claims beside the text; accept, edit, reject or add claims (from a text
// selection), link each entity to an existing node or create it, keep the draft for later,
// and commit. Lives in its own dialog (#review-dialog); main.ts only opens it.
import {
  ingest,
  type SchemaInfo,
  type CommitResult,
  type IngestDraft,
  type IngestSource,
  type ReviewBody,
} from '../../api';
import { byId, h } from '../../dom';
import { describeError } from '../../errors';
import { labelStyle } from '../../palette';
import { claimTypesFor } from './claim-types';
import { segments, selectionOffsets } from './highlight';
import './review.css';

type Claim = IngestDraft['claims'][number];
type Entity = IngestDraft['entities'][number];

const CONFIDENCE: Claim['confidence'][] = ['low', 'medium', 'high', 'confirmed'];

export interface ReviewDeps {
  /** After a commit: show what was written in the explorer. */
  committed: (result: CommitResult, focusId: string | undefined) => void;
  /** The model as /api/schema gives it: the claim types come from it, not from a list here. */
  schema: () => SchemaInfo | undefined;
}

export function createReviewPanel(deps: ReviewDeps): { open: () => void } {
  const dialog = byId<HTMLDialogElement>('review-dialog');
  let draft: IngestDraft | undefined;

  const status = h('output', { class: 'review-status', 'aria-live': 'polite' });
  const say = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('error', error);
  };
  const body = h('div', { class: 'review-body' });
  const close = h(
    'button',
    { type: 'button', class: 'review-close', onclick: () => dialog.close() },
    'Close',
  );
  dialog.replaceChildren(
    h(
      'header',
      { class: 'review-head' },
      h('h2', { id: 'review-title' }, 'Ingest a report'),
      status,
      close,
    ),
    body,
  );

  // --- Step 1: the report -------------------------------------------------------------
  function showInput(): void {
    draft = undefined;
    const text = h('textarea', {
      id: 'review-text',
      rows: '10',
      placeholder: 'Paste the report (plain text or HTML)…',
      'aria-label': 'Report text',
    });
    const file = h('input', {
      id: 'review-file',
      type: 'file',
      accept: '.txt,.html,.htm,.pdf,text/plain,text/html,application/pdf',
      'aria-label': 'Report file',
    });
    const field = (name: keyof IngestSource, label: string, type = 'text') =>
      h(
        'label',
        {},
        label,
        h('input', {
          id: `review-source-${name}`,
          name,
          type,
          ...(name === 'published' ? { placeholder: 'YYYY-MM-DD' } : {}),
        }),
      );
    const drafts = h('ul', { class: 'review-drafts' });
    const form = h(
      'form',
      { class: 'review-input' },
      text,
      h(
        'div',
        { class: 'review-file' },
        'or a file (text, HTML or PDF with a text layer, up to 10 MB): ',
        file,
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Source'),
        field('title', 'Title'),
        field('published', 'Published', 'text'),
        field('publisher', 'Publisher'),
        field('url', 'URL', 'url'),
      ),
      h('button', { type: 'submit', id: 'review-propose' }, 'Propose entities and claims'),
      h('h3', {}, 'Drafts kept for later'),
      drafts,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const source: IngestSource = {};
      for (const name of ['title', 'published', 'publisher', 'url'] as const) {
        const value = (form.querySelector<HTMLInputElement>(`[name=${name}]`)?.value ?? '').trim();
        if (value) source[name] = value;
      }
      const chosen = file.files?.[0];
      say(chosen ? `Reading ${chosen.name}…` : 'Reading the report…');
      const proposed = chosen
        ? ingest.proposeFile(chosen, source)
        : ingest.propose(text.value, source);
      proposed.then(
        (d) => {
          say(
            `${d.entities.length} entities and ${d.claims.length} claims proposed; review them and commit.`,
          );
          showDraft(d);
        },
        (error: unknown) => say(describeError(error), true),
      );
    });
    body.replaceChildren(form);
    ingest.drafts().then(
      ({ drafts: list }) =>
        drafts.replaceChildren(
          ...(list.length
            ? list.map((d) =>
                h(
                  'li',
                  {},
                  h(
                    'button',
                    {
                      type: 'button',
                      onclick: () =>
                        void ingest
                          .draft(d.draftId)
                          .then(showDraft, (e: unknown) => say(describeError(e), true)),
                    },
                    'Resume',
                  ),
                  ` ${d.title ?? d.draftId} — ${d.claims} claims, ${d.created.slice(0, 16).replace('T', ' ')}`,
                ),
              )
            : [h('li', { class: 'muted' }, 'None')]),
        ),
      () => drafts.replaceChildren(h('li', { class: 'muted' }, 'Could not list drafts')),
    );
  }

  // --- Step 2: the review -------------------------------------------------------------
  function showDraft(d: IngestDraft): void {
    draft = d;
    for (const c of d.claims) c.status ??= 'proposed';
    render();
  }

  const entityName = (ref: string | undefined) =>
    draft?.entities.find((e) => e.ref === ref)?.name ?? '—';

  function render(): void {
    if (!draft) return;
    const d = draft;
    const pane = h('div', {
      class: 'review-text',
      id: 'review-pane',
      tabindex: '0',
      'aria-label': 'The report with its mentions highlighted',
    });
    for (const s of segments(d.text.length, d.entities)) {
      const words = d.text.slice(s.start, s.end);
      if (!s.ref) {
        pane.append(h('span', { 'data-start': String(s.start) }, words));
        continue;
      }
      const e = d.entities.find((x) => x.ref === s.ref)!;
      const mark = h(
        'mark',
        {
          class: `mention${e.rejected ? ' rejected' : ''}`,
          'data-start': String(s.start),
          'data-ref': e.ref,
          'data-label': e.label,
          title: `${e.label}: ${e.name}`,
        },
        words,
      );
      mark.style.setProperty('--label-colour', labelStyle(e.label).color);
      pane.append(mark);
    }
    const addClaim = h(
      'button',
      { type: 'button', id: 'review-add-claim', onclick: () => addFromSelection(pane) },
      'Add a claim from the selected text',
    );
    const claims = h(
      'ol',
      { class: 'review-claims', id: 'review-claims' },
      ...d.claims.map((c) => claimItem(c)),
    );
    const entities = h(
      'ul',
      { class: 'review-entities', id: 'review-entities' },
      ...d.entities.filter((e) => e.label !== 'Statement').map((e) => entityItem(e)),
    );
    const accepted = d.claims.filter((c) => c.status === 'accepted').length;
    const actions = h(
      'div',
      { class: 'review-actions' },
      h(
        'button',
        {
          type: 'button',
          id: 'review-accept-all',
          onclick: () => {
            d.claims.forEach((c) => (c.status = c.status === 'rejected' ? 'rejected' : 'accepted'));
            render();
          },
        },
        'Accept all proposed',
      ),
      h(
        'button',
        { type: 'button', id: 'review-save', onclick: () => void save() },
        'Keep for later',
      ),
      h(
        'button',
        { type: 'button', id: 'review-discard', onclick: () => void discard() },
        'Discard',
      ),
      h(
        'button',
        {
          type: 'button',
          id: 'review-commit',
          class: 'primary',
          disabled: accepted === 0,
          onclick: () => void commit(),
        },
        `Commit ${accepted} claim${accepted === 1 ? '' : 's'}`,
      ),
    );
    body.replaceChildren(
      h(
        'div',
        { class: 'review-grid' },
        h(
          'section',
          { class: 'review-left', 'aria-label': 'Report' },
          h(
            'p',
            { class: 'muted' },
            `${d.source.title ?? 'Untitled'}${d.source.published ? ` — ${d.source.published}${d.source.publishedGuessed ? ' (guessed from the text)' : ''}` : ''}`,
          ),
          pane,
          addClaim,
          h('h3', {}, 'Entities'),
          entities,
        ),
        h(
          'section',
          { class: 'review-right', 'aria-label': 'Proposed claims' },
          h('h3', {}, `Claims (${d.claims.length})`),
          claims,
          actions,
        ),
      ),
    );
  }

  function select<T extends string>(
    value: T | undefined,
    options: readonly { value: string; label: string }[],
    onChange: (v: string) => void,
    label: string,
  ) {
    const el = h(
      'select',
      { 'aria-label': label },
      ...options.map((o) =>
        h(
          'option',
          { value: o.value, ...(o.value === (value ?? '') ? { selected: true } : {}) },
          o.label,
        ),
      ),
    );
    el.addEventListener('change', () => onChange(el.value));
    return el;
  }

  function claimItem(c: Claim): HTMLElement {
    const d = draft!;
    const ends = d.entities
      .filter((e) => !e.rejected)
      .map((e) => ({ value: e.ref, label: `${e.name} (${e.label})` }));
    const set = (patch: Partial<Claim>) => {
      Object.assign(c, patch);
      render();
    };
    const labelOf = (ref: string) => d.entities.find((e) => e.ref === ref)?.label;
    const types = deps.schema()?.relationshipTypes ?? [];
    const typeInfo = types.find((t) => t.name === c.type);
    // A type with a role (ROLE_IN) shows it for editing; the model says which types have one.
    const role = typeInfo?.properties.some((p) => p.name === 'role')
      ? h('input', {
          type: 'text',
          value: c.role ?? '',
          placeholder: 'role',
          'aria-label': 'Role',
          size: '24',
        })
      : undefined;
    role?.addEventListener('change', () => {
      const v = role.value.trim();
      if (v) c.role = v;
      else delete c.role;
    });
    const date = h('input', {
      type: 'text',
      value: c.date ?? '',
      placeholder: 'YYYY-MM-DD',
      'aria-label': 'Date',
      size: '10',
    });
    date.addEventListener('change', () => {
      const v = date.value.trim();
      if (v) c.date = v;
      else delete c.date;
    });
    return h(
      'li',
      { class: `claim ${c.status ?? 'proposed'}`, 'data-ref': c.ref },
      h(
        'div',
        { class: 'claim-line' },
        select(
          c.type,
          claimTypesFor(types, labelOf(c.from), labelOf(c.to), c.type).map((t) => ({
            value: t,
            label: t,
          })),
          (v) => set({ type: v as Claim['type'] }),
          'Type',
        ),
        select(c.from, ends, (v) => set({ from: v }), 'From'),
        '→',
        select(c.to, ends, (v) => set({ to: v }), 'To'),
        ...(role ? [' as ', role] : []),
      ),
      h(
        'div',
        { class: 'claim-line' },
        'asserted by ',
        select(
          c.asserter,
          [{ value: '', label: '(the report)' }, ...ends],
          (v) => {
            if (v) c.asserter = v;
            else delete c.asserter;
          },
          'Asserter',
        ),
        ' date ',
        date,
        ' confidence ',
        select(
          c.confidence,
          CONFIDENCE.map((x) => ({ value: x, label: x })),
          (v) => (c.confidence = v as Claim['confidence']),
          'Confidence',
        ),
      ),
      h('blockquote', { class: 'evidence' }, c.evidence),
      h('p', { class: 'reason muted' }, c.reason),
      h(
        'div',
        { class: 'claim-buttons' },
        h(
          'button',
          {
            type: 'button',
            class: 'accept',
            'aria-pressed': String(c.status === 'accepted'),
            onclick: () => set({ status: 'accepted' }),
          },
          'Accept',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'reject',
            'aria-pressed': String(c.status === 'rejected'),
            onclick: () => set({ status: 'rejected' }),
          },
          'Reject',
        ),
        h('span', { class: 'muted' }, ` ${entityName(c.from)} ${c.type} ${entityName(c.to)}`),
      ),
    );
  }

  function entityItem(e: Entity): HTMLElement {
    const options = [
      { value: '', label: 'create a new node' },
      ...(e.candidates ?? (e.matchId ? [{ id: e.matchId, name: e.name, label: e.label }] : [])).map(
        (c) => ({ value: c.id, label: `link to ${c.name} (${c.id})` }),
      ),
      { value: 'reject', label: 'reject' },
    ];
    const chooser = select(
      e.rejected ? 'reject' : (e.matchId ?? ''),
      options,
      (v) => {
        if (v === 'reject') e.rejected = true;
        else {
          delete e.rejected;
          if (v) e.matchId = v;
          else delete e.matchId;
        }
        render();
      },
      `What ${e.name} is`,
    );
    const swatch = h('span', { class: 'swatch' });
    swatch.style.background = labelStyle(e.label).color;
    return h(
      'li',
      { 'data-ref': e.ref },
      swatch,
      h('strong', {}, e.name),
      ` ${e.label} · ${e.mentions.length} mention${e.mentions.length === 1 ? '' : 's'} `,
      chooser,
    );
  }

  function addFromSelection(pane: HTMLElement): void {
    const d = draft!;
    const at = selectionOffsets(pane);
    if (!at) return say('Select the words of the claim in the text first.', true);
    const inside = d.entities.filter(
      (e) => !e.rejected && e.mentions.some((m) => m.start >= at.start && m.end <= at.end),
    );
    const [from, to] = [inside[0] ?? d.entities[0], inside[1] ?? inside[0] ?? d.entities[1]];
    if (!from || !to) return say('The draft has no entities to join.', true);
    const next = Math.max(0, ...d.claims.map((c) => Number(c.ref.slice(1)))) + 1;
    d.claims.push({
      ref: `c${next}`,
      type: 'ATTRIBUTED_TO',
      from: from.ref,
      to: to.ref,
      evidence: d.text.slice(at.start, at.end),
      start: at.start,
      end: at.end,
      ...(d.source.published ? { date: d.source.published } : {}),
      confidence: 'medium',
      reason: 'added by the analyst',
      status: 'accepted',
    });
    say('Claim added from the selection: set its type and ends.');
    render();
  }

  const review = (): ReviewBody => ({ entities: draft!.entities, claims: draft!.claims });

  async function save(): Promise<void> {
    try {
      await ingest.save(draft!.draftId, review());
      say('Draft kept: resume it from this dialog later.');
    } catch (error) {
      say(describeError(error), true);
    }
  }

  async function discard(): Promise<void> {
    try {
      await ingest.discard(draft!.draftId);
      say('Draft discarded.');
      showInput();
    } catch (error) {
      say(describeError(error), true);
    }
  }

  async function commit(): Promise<void> {
    const d = draft!;
    say('Committing…');
    try {
      const result = await ingest.commit(d.draftId, review());
      // Focus on a node the graph already knew (its neighbourhood now holds the new claims).
      const ends = d.claims.filter((c) => c.status === 'accepted').flatMap((c) => [c.to, c.from]);
      const known = result.nodes.filter((n) => !n.created && ends.includes(n.ref));
      const focus = (known[0] ?? result.nodes.find((n) => ends.includes(n.ref)))?.id;
      say(
        `Committed: ${result.relationships.length} claims, ${result.nodes.filter((n) => n.created).length} new nodes, source ${result.source}.`,
      );
      dialog.close();
      deps.committed(result, focus);
      showInput();
    } catch (error) {
      say(describeError(error), true);
    }
  }

  showInput();
  return {
    open: () => {
      if (!dialog.open) dialog.showModal();
    },
  };
}
