// Search snippets are shown as text: imported Markdown (ATT&CK descriptions with links,
// citation markers and inline HTML) must reach them as clean words.
import { describe, expect, it } from 'vitest';
import { plainText, snippet } from '../../server/src/services/search-text';

const ATTACK_DESCRIPTION =
  '[Explosive](https://attack.mitre.org/software/S0569) has collected the MAC address from ' +
  "the victim's machine.(Citation: CheckPoint Volatile Cedar March 2015) It avoids " +
  '<code>WriteProcessMemory</code> and **monitored** `API` calls. (Citation: Elastic Process ' +
  'Injection July 2017)';

describe('plainText', () => {
  it('keeps the words of links, code and emphasis and drops the syntax and citation markers', () => {
    expect(plainText(ATTACK_DESCRIPTION)).toBe(
      "Explosive has collected the MAC address from the victim's machine. It avoids " +
        'WriteProcessMemory and monitored API calls.',
    );
  });

  it('drops HTML tags, decodes the entities it escapes and joins lines', () => {
    expect(plainText('AT&amp;T <img src=x onerror=alert(1)> says\n\n<b>hi</b>')).toBe(
      'AT&T says hi',
    );
  });

  it('leaves plain text as it is', () => {
    expect(plainText('APT31 targeted the Czech Foreign Ministry since 2022.')).toBe(
      'APT31 targeted the Czech Foreign Ministry since 2022.',
    );
  });
});

describe('snippet', () => {
  it('shows a description that matched in clean text', () => {
    const node = { name: 'Explosive', description: ATTACK_DESCRIPTION };
    const text = snippet(node, 'mac address');
    expect(text).toContain('collected the MAC address');
    expect(text).not.toMatch(/Citation|\]\(|<code>|\*\*/);
  });

  it('finds the term in the clean text, not in a link target or a citation', () => {
    const node = {
      name: 'Some group',
      description: `${'Long words. '.repeat(20)}It used [Cobalt Strike](https://attack.mitre.org/software/S0154).(Citation: Volatile Report)`,
    };
    const text = snippet(node, 'cobalt');
    expect(text).toContain('It used Cobalt Strike.');
    expect(text).not.toContain('attack.mitre.org');
    expect(text).not.toContain('Volatile Report');
  });

  it('falls back to the clean description when no field matched, else the name', () => {
    expect(snippet({ name: 'X', description: '**Bold** claim.(Citation: A)' }, 'zzz')).toBe(
      'Bold claim.',
    );
    expect(snippet({ name: 'Group_one_' }, 'zzz')).toBe('Group_one_');
  });
});
