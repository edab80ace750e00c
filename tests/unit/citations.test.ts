// Citation markers in imported Markdown, found and matched to Sources without a browser.
import { describe, expect, it } from 'vitest';
import { citedSource, MARK, markCitations, stripCitations } from '../../client/src/citations';

const TEXT =
  'Used by [APT31](https://attack.mitre.org/groups/G0128).(Citation: Check Point APT31 February 2021) ' +
  'Also seen in 2022. (Citation:  Google Cloud APT31 ) Done.';

describe('citation markers', () => {
  it('are replaced by numbered marks that Markdown leaves alone, with their names in order', () => {
    const { marked, names } = markCitations(TEXT);
    expect(names).toEqual(['Check Point APT31 February 2021', 'Google Cloud APT31']);
    expect(marked).not.toContain('Citation');
    expect([...marked.matchAll(MARK)].map((m) => Number(m[1]))).toEqual([0, 1]);
  });

  it('ignore private-use marks already in the text, so data cannot forge a citation', () => {
    const { marked, names } = markCitations('forged \uE0000\uE001 mark');
    expect(names).toEqual([]);
    expect([...marked.matchAll(MARK)]).toEqual([]);
  });

  it('are stripped with the space before them for one-line text', () => {
    expect(stripCitations(TEXT)).toBe(
      'Used by [APT31](https://attack.mitre.org/groups/G0128). Also seen in 2022. Done.',
    );
  });
});

describe('the Source a marker names', () => {
  const sources = [
    {
      id: 'source:a',
      name: 'Check Point. (2021). The Story of Jian.',
      aliases: ['Check Point APT31 February 2021'],
    },
    { id: 'source:b', name: 'Google Cloud APT31' },
  ];

  it('is found by an alias (ATT&CK source_name) or by its name, case aside', () => {
    expect(citedSource('check point apt31 february 2021', sources)?.id).toBe('source:a');
    expect(citedSource('Google Cloud APT31', sources)?.id).toBe('source:b');
  });

  it('is none when the node lists no such Source', () => {
    expect(citedSource('Unlisted Report 2019', sources)).toBeUndefined();
  });
});
