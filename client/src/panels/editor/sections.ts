// The inspector's editing parts: correct a node or a claim from the version shown, remove a
// node nothing uses, retract a claim (a relationship or a Statement) with a reason, and the
// history with its reverts.
import { ApiError, edits, type NodeDetail, type RelationshipDetail } from '../../api';
import { formText, h } from '../../dom';
import { showBidiControls, userText } from '../../user-text';
import { describeError } from '../../errors';
import { errorLine, formEnd, type EditorContext, type Focus } from './context';
import {
  DATES,
  EVIDENCE,
  fieldInput,
  markingField,
  NODE_FIELDS,
  readFields,
  type FieldSpec,
} from './fields';
import { historySection } from './history';
import { chosenNode, nodePicker } from './picker';
import { sourcesField } from './sources-field';

/** A 409 on a stale version says so and offers the current state. */
function explainWrite(
  ctx: EditorContext,
  focus: Focus,
  e: unknown,
  show: ReturnType<typeof errorLine>['show'],
) {
  if (e instanceof ApiError && e.code === 'stale_version')
    show(
      'Someone changed this while you edited it. ',
      h(
        'button',
        { type: 'button', onclick: () => void ctx.refreshed(focus) },
        'Show the current state',
      ),
    );
  else show(describeError(e));
}

function editForm(
  title: string,
  fields: Node[],
  submitLabel: string,
  onSubmit: (form: HTMLFormElement, reason: string) => Promise<void>,
): { form: HTMLFormElement; error: ReturnType<typeof errorLine> } {
  const error = errorLine();
  const form = h(
    'form',
    { class: 'edit-form inline', hidden: true, 'aria-label': title },
    h('h3', {}, title),
    ...fields,
    ...formEnd(error, submitLabel, () => (form.hidden = true)),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void onSubmit(form, formText(new FormData(form), 'reason'));
  });
  return { form, error };
}

const toggle = (form: HTMLFormElement) => () => {
  form.hidden = !form.hidden;
  if (!form.hidden) form.querySelector<HTMLElement>('input, textarea, select')?.focus();
};

/**
 * Retracting a claim (a relationship, or a node of a claim label: a Statement) with a reason,
 * which is required; `what` names it in the form and the status line.
 */
function retractForm(
  ctx: EditorContext,
  focus: Focus,
  what: { kind: string; name: string },
  retract: (reason: string) => Promise<unknown>,
): HTMLFormElement {
  const { form, error } = editForm(
    `Retract the ${what.kind}`,
    [
      h(
        'p',
        { class: 'hint' },
        'It stays in the graph, hidden from exploration, with when, by whom and why.',
      ),
    ],
    'Retract',
    async (_form, reason) => {
      if (!reason) {
        error.show('Say why it is retracted (for example: the ministry withdrew the statement)');
        return;
      }
      try {
        await retract(reason);
        ctx.status(`Retracted ${what.name}${ctx.showRetracted() ? '' : ': hidden from the view'}`);
        await ctx.refreshed(focus);
      } catch (e) {
        explainWrite(ctx, focus, e, error.show);
      }
    },
  );
  form.querySelector('[name="reason"]')?.setAttribute('required', '');
  return form;
}

/** "Retracted on 2025-06-02 by alice: the ministry withdrew the statement". */
function retractedNote(claim: Record<string, unknown>): HTMLElement {
  return h(
    'p',
    { class: 'retracted-note', role: 'note' },
    h('strong', {}, 'Retracted'),
    ` on ${String(claim.retractedAt).slice(0, 10)} by `,
    userText(String(claim.retractedBy)),
    ': ',
    userText(String(claim.retractionReason)),
  );
}

const isRetracted = (claim: Record<string, unknown>) => typeof claim.retractedAt === 'string';

/** Folding a duplicate (a node of the same label that is the same entity) into this one. */
function mergeForm(ctx: EditorContext, detail: NodeDetail): HTMLFormElement {
  const node = detail.node;
  const focus: Focus = { kind: 'node', id: node.id };
  const chosen = chosenNode('No duplicate chosen');
  const { form, error } = editForm(
    `Merge a duplicate into ${showBidiControls(node.name)}`,
    [
      h(
        'p',
        { class: 'hint' },
        `Its names become aliases of ${showBidiControls(node.name)}, its claims move here and it is removed; reverting the merge puts everything back.`,
      ),
      chosen.el,
      nodePicker({
        name: 'duplicate-search',
        placeholder: `Find the duplicate ${node.label}`,
        types: [node.label],
        onPick: (hit) => chosen.set(hit.id === node.id ? undefined : hit),
      }),
    ],
    'Merge',
    async (_form, reason) => {
      const duplicate = chosen.value();
      if (!duplicate) {
        error.show(`Choose the ${node.label} that is the same entity`);
        return;
      }
      try {
        const result = await edits.merge({
          keep: node.id,
          duplicate: duplicate.id,
          keepVersion: detail.version,
          ...(reason ? { reason } : {}),
        });
        ctx.status(
          `Merged ${duplicate.name} into ${node.name}: ${result.moved.length} claim(s) moved`,
        );
        await ctx.refreshed(focus);
      } catch (e) {
        explainWrite(ctx, focus, e, error.show);
      }
    },
  );
  return form;
}

export function nodeSection(ctx: EditorContext, detail: NodeDetail): HTMLElement {
  const node = detail.node;
  const focus: Focus = { kind: 'node', id: node.id };
  const spec = ctx.schema()?.labels.find((l) => l.name === node.label);
  const own = spec?.properties ?? [];
  // A retracted Statement says so and keeps its history (its retraction can be reverted there).
  if (isRetracted(node))
    return h('section', { class: 'workbench' }, retractedNote(node), historySection(ctx, focus));
  // A node that is a claim (a Statement) is retracted, like a relationship.
  const retract = spec?.claim
    ? retractForm(
        ctx,
        focus,
        { kind: node.label.toLowerCase(), name: `${node.label} ${node.name}` },
        (reason) => edits.retractNode(node.id, reason, detail.version),
      )
    : null;
  const specs: FieldSpec[] = [...NODE_FIELDS, markingField(ctx.schema()?.markings), ...own];
  const edit = editForm(
    `Edit ${node.label}`,
    specs.map((f) => fieldInput(f, node[f.name])),
    'Save',
    async (form, reason) => {
      try {
        await edits.updateNode(node.id, {
          version: detail.version,
          ...readFields(form, specs),
          ...(reason ? { reason } : {}),
        });
        ctx.status(`Saved ${node.name}`);
        await ctx.refreshed(focus);
      } catch (e) {
        explainWrite(ctx, focus, e, edit.error.show);
      }
    },
  );
  const merge = mergeForm(ctx, detail);
  const removal = errorLine();
  const remove = async () => {
    if (!window.confirm(`Remove ${node.name}? Only a node that nothing uses can be removed.`))
      return;
    try {
      await edits.removeNode(node.id, detail.version);
      ctx.status(`Removed ${node.name}`);
      await ctx.refreshed('clear');
    } catch (e) {
      removal.show(describeError(e));
    }
  };
  return h(
    'section',
    { class: 'workbench' },
    h(
      'div',
      { class: 'edit-actions' },
      h('button', { type: 'button', name: 'edit-node', onclick: toggle(edit.form) }, 'Edit'),
      h('button', { type: 'button', name: 'merge-node', onclick: toggle(merge) }, 'Merge…'),
      h('button', { type: 'button', name: 'remove-node', onclick: () => void remove() }, 'Remove'),
      retract
        ? h('button', { type: 'button', name: 'retract-node', onclick: toggle(retract) }, 'Retract')
        : null,
    ),
    removal.el,
    edit.form,
    merge,
    retract,
    historySection(ctx, focus),
  );
}

export function edgeSection(ctx: EditorContext, detail: RelationshipDetail): HTMLElement {
  const r = detail.relationship;
  const focus: Focus = { kind: 'edge', id: r.id };
  const own = ctx.schema()?.relationshipTypes.find((t) => t.name === r.type)?.properties ?? [];
  // Confidence is stored as 0–100: shown as its word when it is one's number, else as itself.
  const scores = ctx.schema()?.confidenceScores ?? {};
  const word = Object.keys(scores).find((w) => scores[w] === r.confidence);
  const shown = word ?? (typeof r.confidence === 'number' ? String(r.confidence) : undefined);
  const confidence: FieldSpec = {
    name: 'confidence',
    kind: 'choice',
    required: false,
    values: [...(ctx.schema()?.confidence ?? []), ...(shown && !word ? [shown] : [])],
  };
  const specs: FieldSpec[] = [
    EVIDENCE,
    ...DATES,
    confidence,
    markingField(ctx.schema()?.markings),
    ...own,
  ];
  const sources = sourcesField(detail.sources.map((s) => ({ id: s.id, name: s.name })));
  const correct = editForm(
    'Correct the claim',
    [...specs.map((f) => fieldInput(f, f.name === 'confidence' ? shown : r[f.name])), sources.el],
    'Save',
    async (form, reason) => {
      try {
        await edits.updateClaim(r.id, {
          version: detail.version,
          ...readFields(form, specs),
          sources: sources.ids(),
          ...(reason ? { reason } : {}),
        });
        ctx.status('Claim corrected');
        await ctx.refreshed(focus);
      } catch (e) {
        explainWrite(ctx, focus, e, correct.error.show);
      }
    },
  );
  const retract = retractForm(ctx, focus, { kind: 'claim', name: r.type }, (reason) =>
    edits.retractClaim(r.id, reason, detail.version),
  );
  return h(
    'section',
    { class: 'workbench' },
    isRetracted(r)
      ? retractedNote(r)
      : h(
          'div',
          { class: 'edit-actions' },
          h(
            'button',
            { type: 'button', name: 'correct-claim', onclick: toggle(correct.form) },
            'Correct',
          ),
          h(
            'button',
            { type: 'button', name: 'retract-claim', onclick: toggle(retract) },
            'Retract',
          ),
        ),
    correct.form,
    retract,
    historySection(ctx, focus),
  );
}
