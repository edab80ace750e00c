// Positions in links (client/src/state.ts) and on the canvas (canvas.place/positions), headless.
import { describe, expect, it } from 'vitest';
import { Canvas } from '../../client/src/canvas';
import {
  decodePositions,
  encodePositions,
  MAX_LINK_POSITIONS,
  stateFromUrl,
  stateToUrl,
  type ViewState,
} from '../../client/src/state';

const ids = ['actor:apt31', 'state:china', 'org:czech-mfa'];
const positions = {
  'actor:apt31': { x: 10.4, y: -20.6 },
  'state:china': { x: -300, y: 0.5 },
  'org:czech-mfa': { x: 1234567, y: -7 },
};

describe('positions in the URL', () => {
  it('are whole pixels in the order of the ids, and read back to within half a pixel', () => {
    const text = encodePositions(ids, positions);
    expect(text).toBe('10_-21,-300_1,1234567_-7');
    const back = decodePositions(ids, text)!;
    for (const id of ids) {
      expect(Math.abs(back[id]!.x - positions[id as keyof typeof positions].x)).toBeLessThanOrEqual(
        0.5,
      );
      expect(Math.abs(back[id]!.y - positions[id as keyof typeof positions].y)).toBeLessThanOrEqual(
        0.5,
      );
    }
  });

  it('are left out when a node has none, a value is not finite, or the view is too large', () => {
    expect(encodePositions(ids, { 'actor:apt31': { x: 1, y: 2 } })).toBe('');
    expect(encodePositions(ids, { ...positions, 'state:china': { x: NaN, y: 0 } })).toBe('');
    expect(encodePositions(ids, undefined)).toBe('');
    const many = Array.from({ length: MAX_LINK_POSITIONS + 1 }, (_, i) => `actor:n${i}`);
    const all = Object.fromEntries(many.map((id) => [id, { x: 1, y: 1 }]));
    expect(encodePositions(many, all)).toBe('');
    expect(encodePositions(many.slice(1), all).split(',')).toHaveLength(MAX_LINK_POSITIONS);
  });

  it('a link whose positions do not match its ids (edited by hand) gives none, not wrong ones', () => {
    expect(decodePositions(ids, '1_2,3_4')).toBeUndefined();
    expect(decodePositions(ids, '1_2,3_4,x_5')).toBeUndefined();
    expect(decodePositions(ids, '1.5_2,3_4,5_6')).toBeUndefined();
    expect(decodePositions(ids, null)).toBeUndefined();
  });

  it('travel in the link with the ids and the investigation, and come back from it', () => {
    const state: ViewState = {
      ...stateFromUrl('?ids=actor:apt31,state:china,org:czech-mfa'),
      positions,
      investigation: 'inv-0b6d3c9e-1111-2222-3333-444455556666',
    };
    const url = stateToUrl(state);
    expect(url).toBe(
      '?investigation=inv-0b6d3c9e-1111-2222-3333-444455556666&ids=actor:apt31,state:china,org:czech-mfa&pos=10_-21,-300_1,1234567_-7',
    );
    const back = stateFromUrl(url);
    expect(back.ids).toEqual(ids);
    expect(back.investigation).toBe(state.investigation);
    expect(back.positions).toEqual({
      'actor:apt31': { x: 10, y: -21 },
      'state:china': { x: -300, y: 1 },
      'org:czech-mfa': { x: 1234567, y: -7 },
    });
  });
});

describe('placing nodes on the canvas', () => {
  const graph = {
    nodes: [
      { id: 'actor:a', label: 'Actor', name: 'A' },
      { id: 'state:s', label: 'State', name: 'S' },
    ],
    relationships: [{ id: 'rel:part_of:1', type: 'PART_OF', source: 'actor:a', target: 'state:s' }],
  };

  it('puts every node where it is told and reports the places back', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    const places = { 'actor:a': { x: 12.25, y: -40 }, 'state:s': { x: 300, y: 25.5 } };
    expect(canvas.place(places)).toBe(true);
    expect(canvas.positions()).toEqual(places);
  });

  it('places nothing when a node has no place (the layout runs instead)', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    const before = canvas.positions();
    expect(canvas.place({ 'actor:a': { x: 500, y: 500 } })).toBe(false);
    expect(canvas.positions()).toEqual(before);
  });

  it('a pinned node is placed too, and stays pinned', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    canvas.togglePin(['actor:a']);
    expect(canvas.place({ 'actor:a': { x: 1, y: 2 }, 'state:s': { x: 3, y: 4 } })).toBe(true);
    expect(canvas.positions()['actor:a']).toEqual({ x: 1, y: 2 });
    expect(canvas.cyForTests.getElementById('actor:a').locked()).toBe(true);
  });

  it('group boxes have no place of their own', () => {
    const canvas = new Canvas(undefined);
    canvas.add(graph);
    canvas.group(true);
    expect(Object.keys(canvas.positions()).sort()).toEqual(['actor:a', 'state:s']);
  });
});
