// Form fields built from the model's field list (GET /api/schema), and read back as values.
import type { FieldSpec } from '../../../../server/src/contract/explorer';
import { h } from '../../dom';

export type { FieldSpec };

/** Every node has these; a label's own fields come from the schema. */
export const NODE_FIELDS: FieldSpec[] = [
  { name: 'name', kind: 'text', required: true },
  { name: 'aliases', kind: 'list', required: false },
  { name: 'description', kind: 'text', required: false },
];

/** A claim's provenance beyond its sources and asserting party. */
export const EVIDENCE: FieldSpec = { name: 'evidence', kind: 'text', required: false };
export const DATES: FieldSpec[] = [
  { name: 'date', kind: 'date', required: false },
  { name: 'since', kind: 'date', required: false },
  { name: 'until', kind: 'date', required: false },
];

/**
 * The TLP marking of a node or claim, from the model's list (GET /api/schema): '—' is none,
 * which reads as CLEAR (an edit that empties it removes the marking).
 */
export const markingField = (markings: readonly string[] | undefined): FieldSpec => ({
  name: 'marking',
  kind: 'choice',
  required: false,
  values: [...(markings ?? [])],
});

/** Fields whose text runs to sentences. */
const LONG = new Set(['description', 'text', 'evidence']);
const DATE_PATTERN = '\\d{4}(-\\d{2}(-\\d{2})?)?';

const text = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : '';

/** Names the model spells for code, as a form shows them. */
const CAPTIONS: Record<string, string> = {
  iso2: 'ISO 3166 code',
  url: 'URL',
  marking: 'TLP marking',
};
const captionOf = (name: string) =>
  CAPTIONS[name] ?? `${name.charAt(0).toUpperCase()}${name.slice(1)}`;

/** One labelled input for a field, filled with `value`. */
export function fieldInput(
  spec: FieldSpec,
  value: unknown,
  caption = captionOf(spec.name),
): HTMLElement {
  const name = spec.name;
  const required = spec.required && spec.kind !== 'boolean';
  let input: HTMLElement;
  switch (spec.kind) {
    case 'choice':
      input = h(
        'select',
        { name, required },
        h('option', { value: '' }, '—'),
        ...(spec.values ?? []).map((v) => h('option', { value: v, selected: v === value }, v)),
      );
      break;
    case 'boolean':
      input = h('input', { type: 'checkbox', name, checked: value === true });
      break;
    case 'list':
      input = h('input', {
        type: 'text',
        name,
        value: Array.isArray(value) ? value.map(text).join(', ') : '',
        placeholder: 'comma-separated',
      });
      break;
    case 'date':
      input = h('input', {
        type: 'text',
        name,
        value: text(value),
        required,
        pattern: DATE_PATTERN,
        placeholder: '2025-05-28, 2025-05 or 2025',
        inputmode: 'numeric',
      });
      break;
    case 'url':
      input = h('input', {
        type: 'url',
        name,
        value: text(value),
        required,
        placeholder: 'https://…',
      });
      break;
    default:
      input = LONG.has(name)
        ? Object.assign(h('textarea', { name, rows: '3', required }), { value: text(value) })
        : h('input', {
            type: 'text',
            name,
            value: text(value),
            required,
            ...(spec.pattern ? { pattern: spec.pattern.replace(/^\^|\$$/g, '') } : {}),
          });
  }
  return h(
    'label',
    { class: spec.kind === 'boolean' ? 'check' : 'field' },
    spec.kind === 'boolean' ? input : null,
    h('span', {}, `${caption}${required ? ' *' : ''}`),
    spec.kind === 'boolean' ? null : input,
  );
}

/** The fields' values; an empty field reads as null (an edit removes that property). */
export function readFields(form: HTMLFormElement, specs: FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const el = form.elements.namedItem(spec.name);
    if (!(
      el instanceof HTMLInputElement ||
      el instanceof HTMLSelectElement ||
      el instanceof HTMLTextAreaElement
    ))
      continue;
    if (spec.kind === 'boolean' && el instanceof HTMLInputElement) {
      out[spec.name] = el.checked;
      continue;
    }
    const value = el.value.trim();
    out[spec.name] = !value
      ? null
      : spec.kind === 'list'
        ? value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : value;
  }
  return out;
}

/** A body for a creation: empty fields are left out rather than sent as null. */
export const withoutEmpty = (values: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)),
  );
