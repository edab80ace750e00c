// The colour and shape of each label: the canvas's stylesheet draws nodes with them, and the
// panels' swatches and badges repeat them, so a kind looks the same everywhere. Plain data,
// free of Cytoscape (style.ts checks the shapes against Cytoscape's own list).
export const LABEL_STYLE = {
  Actor: { color: '#d9480f', shape: 'diamond' },
  State: { color: '#1971c2', shape: 'round-hexagon' },
  Organisation: { color: '#2f9e44', shape: 'round-rectangle' },
  Person: { color: '#ae3ec9', shape: 'ellipse' },
  Operation: { color: '#e03131', shape: 'star' },
  Statement: { color: '#868e96', shape: 'round-tag' },
  Source: { color: '#b08900', shape: 'rectangle' },
  Capability: { color: '#0c8599', shape: 'vee' },
  Technique: { color: '#5f3dc4', shape: 'triangle' },
} as const satisfies Record<string, { color: string; shape: string }>;

const FALLBACK = { color: '#888', shape: 'ellipse' } as const;

/** The style of a label, or a neutral grey for a label this palette does not know yet. */
export function labelStyle(label: string): { color: string; shape: string } {
  return (LABEL_STYLE as Record<string, { color: string; shape: string }>)[label] ?? FALLBACK;
}

/**
 * TLP 2.0's colours (FIRST's standard: coloured text on black), by marking; the list and
 * order of markings come from the server's model (GET /api/schema). AMBER+STRICT is AMBER.
 */
export const TLP_COLOUR: Record<string, string> = {
  CLEAR: '#ffffff',
  GREEN: '#33ff00',
  AMBER: '#ffc000',
  'AMBER+STRICT': '#ffc000',
  RED: '#ff2b2b',
};
