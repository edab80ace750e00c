import { describe, expect, it } from 'vitest';
import { mapFacts, offCanvasAsserters, timelineEvents } from '../../client/src/analysis-data';

// A canvas like the seed's: the Czech MFA operation, attributed to APT31 (affiliated with
// China's state security, part of China) and to China, targeting the Czech MFA (part of the
// Czech Republic), condemned and denied.
const content = {
  nodes: [
    { id: 'operation:op', label: 'Operation', name: 'Op', since: '2022' },
    { id: 'operation:undated', label: 'Operation', name: 'Undated op' },
    { id: 'actor:apt31', label: 'Actor', name: 'APT31' },
    { id: 'state:china', label: 'State', name: 'China', iso2: 'CN' },
    { id: 'state:czech-republic', label: 'State', name: 'Czech Republic', iso2: 'CZ' },
    { id: 'org:mss', label: 'Organisation', name: 'MSS' },
    { id: 'org:czech-mfa', label: 'Organisation', name: 'Czech MFA' },
    { id: 'org:czech-government', label: 'Organisation', name: 'Czech government' },
  ],
  relationships: [
    {
      id: 'r1',
      type: 'ATTRIBUTED_TO',
      source: 'operation:op',
      target: 'actor:apt31',
      date: '2025-05-28',
      assertedBy: 'org:czech-government',
    },
    {
      id: 'r2',
      type: 'ATTRIBUTED_TO',
      source: 'operation:op',
      target: 'state:china',
      date: '2025-05-28',
      assertedBy: 'state:czech-republic',
    },
    { id: 'r3', type: 'TARGETED', source: 'operation:op', target: 'org:czech-mfa', since: '2022' },
    { id: 'r4', type: 'PART_OF', source: 'org:czech-mfa', target: 'state:czech-republic' },
    { id: 'r5', type: 'AFFILIATED_WITH', source: 'actor:apt31', target: 'org:mss' },
    { id: 'r6', type: 'PART_OF', source: 'org:mss', target: 'state:china' },
    {
      id: 'r7',
      type: 'DENIED',
      source: 'state:china',
      target: 'operation:op',
      date: '2025-05',
      retractedAt: '2025-06-01T00:00:00Z',
    },
    { id: 'r8', type: 'CONDEMNED', source: 'org:czech-government', target: 'operation:op' },
  ],
};

describe('the timeline of the canvas', () => {
  it('draws dated operations as periods and dated events as points, by asserter', () => {
    expect(timelineEvents(content, '2026-01-01')).toEqual([
      {
        id: 'operation:op',
        group: 'Operations',
        content: 'Op',
        start: '2022-01-01',
        end: '2026-01-01',
        kind: 'period',
        className: 'tl-operation',
      },
      {
        id: 'r1',
        group: 'Czech government',
        content: 'attribution: APT31',
        start: '2025-05-28',
        kind: 'point',
        className: 'tl-attribution',
      },
      {
        id: 'r2',
        group: 'Czech Republic',
        content: 'attribution: China',
        start: '2025-05-28',
        kind: 'point',
        className: 'tl-attribution',
      },
      {
        id: 'r7',
        group: 'China',
        content: 'denial: Op',
        start: '2025-05-01',
        kind: 'point',
        className: 'tl-denial tl-retracted',
      },
    ]);
  });
});

describe('the timeline of a canvas without the asserters', () => {
  // APT31's attributions on the canvas, without the Czech government and Republic that make them.
  const offCanvas = {
    nodes: content.nodes.filter(
      (n) => !['org:czech-government', 'state:czech-republic'].includes(n.id),
    ),
    relationships: content.relationships,
  };

  it('lists the asserters that are not on the canvas, once each', () => {
    expect(offCanvasAsserters(offCanvas).sort()).toEqual([
      'org:czech-government',
      'state:czech-republic',
    ]);
    expect(offCanvasAsserters(content)).toEqual([]);
  });

  it('names their rows from the names given, else by id', () => {
    const rows = (names?: Map<string, string>) =>
      timelineEvents(offCanvas, '2026-01-01', names)
        .filter((e) => e.id === 'r1' || e.id === 'r2')
        .map((e) => e.group);
    expect(rows()).toEqual(['org:czech-government', 'state:czech-republic']);
    expect(
      rows(
        new Map([
          ['org:czech-government', 'Czech government'],
          ['state:czech-republic', 'Czech Republic'],
        ]),
      ),
    ).toEqual(['Czech government', 'Czech Republic']);
  });
});

describe('the map of the canvas', () => {
  it('counts operations per targeted state and draws an arc from each sponsor to each target', () => {
    const facts = mapFacts(content, 'targeted');
    expect(facts.counts).toEqual(new Map([['203', 1]]));
    expect(facts.arcs).toEqual([['state:china', 'state:czech-republic']]);
    expect(facts.numeric.get('state:china')).toBe('156');
  });

  it('counts the claims each state asserts', () => {
    expect(mapFacts(content, 'asserted').counts).toEqual(new Map([['203', 1]]));
  });
});
