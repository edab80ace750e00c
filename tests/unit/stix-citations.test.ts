// ATT&CK cites its references in descriptions by their source_name ("(Citation: Check Point
// APT31 February 2021)") while the Source node is named by the reference's description. The
// source_name is kept as an alias, so the explorer can link each marker to its Source.
import { describe, expect, it } from 'vitest';
import { parseStixBundle } from '../../server/src/exchange/import/stix';

const URL_A = 'https://research.checkpoint.com/2021/the-story-of-jian/';
const URL_B = 'https://example.org/phishing';
const reference = (sourceName: string, description?: string, url = URL_A) => ({
  source_name: sourceName,
  url,
  ...(description ? { description } : {}),
});
const bundle = JSON.stringify({
  type: 'bundle',
  id: 'bundle--11111111-2222-4333-8444-555555555555',
  objects: [
    {
      type: 'intrusion-set',
      id: 'intrusion-set--4283ae19-69c7-4347-a35e-b56f08eb660b',
      name: 'APT31',
      description: 'APT31 used Jian.(Citation: Check Point APT31 February 2021)',
      external_references: [
        reference('Check Point APT31 February 2021', 'Check Point. (2021). The Story of Jian.'),
      ],
    },
    {
      type: 'malware',
      id: 'malware--11111111-2222-4333-8444-666666666666',
      name: 'Jian',
      // The same report, cited under another name, and once more under the first.
      external_references: [
        reference('Jian Check Point 2021', 'Check Point. (2021). The Story of Jian.'),
        reference('Check Point APT31 February 2021', 'Check Point. (2021). The Story of Jian.'),
      ],
    },
    {
      type: 'attack-pattern',
      id: 'attack-pattern--11111111-2222-4333-8444-777777777777',
      name: 'Phishing',
      external_references: [reference('Named only by its source name', undefined, URL_B)],
    },
  ],
});

describe('STIX references', () => {
  it("keep every name a description cites them by as the Source's aliases, once each", () => {
    const batch = parseStixBundle('fixture.json', bundle);
    const sources = batch.nodes.filter((n) => n.label === 'Source' && n.props.url === URL_A);
    expect(sources).toHaveLength(1);
    expect(sources[0]!.props).toMatchObject({
      name: 'Check Point. (2021). The Story of Jian.',
      aliases: ['Check Point APT31 February 2021', 'Jian Check Point 2021'],
    });
    // A reference named by its source_name alone needs no alias.
    const named = batch.nodes.find((n) => n.props.url === URL_B);
    expect(named?.props).toEqual({ name: 'Named only by its source name', url: URL_B });
  });
});
