// Creating a node of any model label: its fields come from the model (GET /api/schema); a
// name or alias that a node of the label already has is offered back instead of a twin.
import { ApiError, edits, type NodeCreateBody, type SchemaInfo } from '../../api';
import { formText, h } from '../../dom';
import { describeError } from '../../errors';
import { closeDialog, errorLine, formEnd, openDialog, type EditorContext } from './context';
import {
  fieldInput,
  markingField,
  NODE_FIELDS,
  readFields,
  withoutEmpty,
  type FieldSpec,
} from './fields';

type LabelInfo = SchemaInfo['labels'][number];

export function openNodeForm(ctx: EditorContext, initialLabel?: string): void {
  const schema = ctx.schema();
  if (!schema) return;
  const labels = schema.labels;
  const labelSelect = h(
    'select',
    { name: 'label', required: true, 'aria-label': 'Label' },
    ...labels.map((l) => h('option', { value: l.name, selected: l.name === initialLabel }, l.name)),
  );
  const own = h('div', { class: 'fields' });
  const hint = h('p', { class: 'hint' });
  const current = (): LabelInfo => labels.find((l) => l.name === labelSelect.value) ?? labels[0]!;
  const marking = markingField(schema.markings);
  const specs = (): FieldSpec[] => [...NODE_FIELDS, marking, ...current().properties];
  const renderOwn = () => {
    hint.textContent = current().description;
    own.replaceChildren(...current().properties.map((f) => fieldInput(f, undefined)));
  };
  labelSelect.addEventListener('change', renderOwn);
  const error = errorLine();
  const form = h(
    'form',
    { class: 'edit-form', method: 'dialog' },
    h('h2', { id: 'edit-title' }, 'New node'),
    h('label', { class: 'field' }, h('span', {}, 'Label *'), labelSelect),
    hint,
    ...NODE_FIELDS.map((f) => fieldInput(f, undefined)),
    fieldInput(marking, undefined),
    own,
    ...formEnd(error, 'Create', closeDialog),
  );
  renderOwn();

  const create = async (allowDuplicate: boolean) => {
    const reason = formText(new FormData(form), 'reason');
    try {
      const node = await edits.createNode({
        label: current().name as NodeCreateBody['label'],
        ...(withoutEmpty(readFields(form, specs())) as { name: string }),
        ...(reason ? { reason } : {}),
        ...(allowDuplicate ? { allowDuplicate } : {}),
      });
      closeDialog();
      ctx.status(`Created ${node.name}`);
      await ctx.refreshed({ kind: 'node', id: node.id }, [node.id]);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'duplicate') {
        const existing = (e.details?.existing ?? []) as { id: string; name: string }[];
        error.show(
          `${describeError(e).split('. Use it')[0]}. `,
          ...existing.map((n) =>
            h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  closeDialog();
                  void ctx.refreshed({ kind: 'node', id: n.id }, [n.id]);
                },
              },
              `Use ${n.name}`,
            ),
          ),
          ' ',
          h('button', { type: 'button', onclick: () => void create(true) }, 'Create another'),
        );
      } else error.show(describeError(e));
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void create(false);
  });
  openDialog(form);
  (form.elements.namedItem('name') as HTMLInputElement).focus();
}
