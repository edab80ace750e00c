// Drawing a claim between the two selected nodes: its type from those the model allows
// between their labels (either way round), at least one Source (picked, or added inline
// from a URL and date), the evidence quote, who asserts it, its date and confidence.
import { edits, type RelationshipCreateBody } from '../../api';
import { formText, h } from '../../dom';
import { describeError } from '../../errors';
import { closeDialog, errorLine, formEnd, openDialog, type EditorContext } from './context';
import {
  DATES,
  EVIDENCE,
  fieldInput,
  markingField,
  readFields,
  withoutEmpty,
  type FieldSpec,
} from './fields';
import { chosenNode, nodePicker } from './picker';
import { sourcesField } from './sources-field';

interface End {
  id: string;
  label: string;
  name: string;
}

const PARTIES = ['State', 'Organisation', 'Person'];

export function openClaimForm(ctx: EditorContext): void {
  const schema = ctx.schema();
  const selected = ctx.selectedNodes();
  if (!schema) return;
  if (selected.length !== 2) {
    ctx.status(
      'Select the two nodes of the claim first (click one, Shift+click the other)',
      'error',
    );
    return;
  }
  const [a, b] = selected as [End, End];
  // Each type the model allows between the two labels, in the direction it allows.
  const options = schema.relationshipTypes.flatMap((t) => [
    ...(t.from.includes(a.label) && t.to.includes(b.label) ? [{ type: t, from: a, to: b }] : []),
    ...(a.id !== b.id && t.from.includes(b.label) && t.to.includes(a.label)
      ? [{ type: t, from: b, to: a }]
      : []),
  ]);
  if (!options.length) {
    ctx.status(`The model allows no relationship between a ${a.label} and a ${b.label}`, 'error');
    return;
  }
  const typeSelect = h(
    'select',
    { name: 'type', 'aria-label': 'Type' },
    ...options.map((o, i) =>
      h('option', { value: String(i) }, `${o.type.name}: ${o.from.name} → ${o.to.name}`),
    ),
  );
  const chosen = () => options[Number(typeSelect.value)]!;
  const typeHint = h('p', { class: 'hint' });
  const own = h('div', { class: 'fields' });
  const renderType = () => {
    typeHint.textContent = chosen().type.description;
    own.replaceChildren(...chosen().type.properties.map((f) => fieldInput(f, undefined)));
  };
  typeSelect.addEventListener('change', renderType);

  const sources = sourcesField([]);

  const asserter = chosenNode('Nobody named');

  const error = errorLine();
  const form = h(
    'form',
    { class: 'edit-form', method: 'dialog' },
    h('h2', { id: 'edit-title' }, 'New claim'),
    h('label', { class: 'field' }, h('span', {}, 'Type *'), typeSelect),
    typeHint,
    own,
    sources.el,
    fieldInput(EVIDENCE, undefined, 'Evidence quote'),
    h(
      'div',
      { class: 'field' },
      h('span', {}, 'Asserted by'),
      asserter.el,
      nodePicker({
        name: 'asserter-search',
        placeholder: 'Find a state, organisation or person',
        types: PARTIES,
        onPick: asserter.set,
      }),
    ),
    h('div', { class: 'row' }, ...DATES.map((f) => fieldInput(f, undefined))),
    fieldInput(
      { name: 'confidence', kind: 'choice', required: false, values: schema.confidence },
      undefined,
    ),
    fieldInput(markingField(schema.markings), undefined),
    ...formEnd(error, 'Create claim', closeDialog),
  );
  renderType();

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      if (!sources.ids().length) {
        error.show('Add at least one source: no claim without a source');
        return;
      }
      const { type, from, to } = chosen();
      const fields: FieldSpec[] = [
        EVIDENCE,
        ...DATES,
        ...type.properties,
        { name: 'confidence', kind: 'choice', required: false },
        markingField(schema.markings),
      ];
      const reason = formText(new FormData(form), 'reason');
      try {
        const claim = await edits.createClaim({
          ...(withoutEmpty(readFields(form, fields)) as Partial<RelationshipCreateBody>),
          type: type.name as RelationshipCreateBody['type'],
          source: from.id,
          target: to.id,
          sources: sources.ids(),
          ...(asserter.value() ? { assertedBy: asserter.value()!.id } : {}),
          ...(reason ? { reason } : {}),
        });
        closeDialog();
        ctx.status(`Created ${claim.type} ${from.name} → ${to.name}`);
        await ctx.refreshed({ kind: 'edge', id: claim.id });
      } catch (err) {
        error.show(describeError(err));
      }
    })();
  });
  openDialog(form);
}
