// The assessment of an attribution: every party an operation (or actor) is attributed to,
// side by side in the order the server ranks them, with the rule written out; each claim with
// who asserts it, when, how sure, on which sources (grouped by independence), and who
// disputes it. Shown in its own dialog; a claim's id opens its evidence in the inspector.
import { api, type AssessmentResult } from '../api';
import { byId, h } from '../dom';
import { describeError } from '../errors';
import { showBidiControls } from '../user-text';
import type { Panel } from './panel';

type Party = AssessmentResult['parties'][number];
type Claim = Party['claims'][number];
type Dispute = Party['disputes'][number];

export interface AssessmentPanel extends Panel {
  /** Assesses this node (an operation or an actor) and opens the dialog. */
  open(id: string): Promise<void>;
}

const text = (s: string) => showBidiControls(s);

function sourcesList(sources: Claim['sources']) {
  return h(
    'ul',
    { class: 'assess-sources' },
    ...sources.map((s) =>
      h(
        'li',
        {},
        h(
          'span',
          { class: 'group', title: 'Independence group: same number, same voice' },
          `#${s.group}`,
        ),
        ' ',
        s.url
          ? h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, text(s.name))
          : text(s.name),
        s.published ? ` (${s.published})` : '',
        s.publishers.length ? ` — ${s.publishers.map((p) => text(p.name)).join(', ')}` : '',
      ),
    ),
  );
}

export function createAssessmentPanel(deps: {
  showRetracted: () => boolean;
  /** Shows a claim's evidence (the inspector) and selects it on the canvas if it is there. */
  showClaim: (id: string) => void;
}): AssessmentPanel {
  const dialog = byId<HTMLDialogElement>('assessment-dialog');
  const show = (id: string) => {
    dialog.close();
    deps.showClaim(id);
  };

  const claimItem = (c: Claim) =>
    h(
      'li',
      { class: `assess-claim${c.retractedAt ? ' retracted' : ''}`, 'data-claim': c.id },
      h(
        'div',
        { class: 'assess-claim-head' },
        h('strong', {}, c.assertedBy ? text(c.assertedBy.name) : 'No named asserter'),
        ` · public ${c.date ?? c.knownSince ?? 'undated'}`,
        c.since ? ` · about ${c.since}${c.until ? `–${c.until}` : ' onwards'}` : '',
      ),
      h(
        'div',
        { class: 'assess-badges' },
        h('span', { class: 'assess-badge' }, `confidence ${c.confidence ?? 'not given'}`),
        c.reliability || c.credibility
          ? h(
              'span',
              { class: 'assess-badge' },
              `Admiralty ${c.reliability ?? '?'}${c.credibility ?? '?'}`,
            )
          : null,
        h(
          'span',
          { class: `assess-badge${c.singleSource ? ' warn' : ''}` },
          c.singleSource ? 'single source' : `${c.independentSources} independent sources`,
        ),
        c.retractedAt
          ? h('span', { class: 'assess-badge warn' }, `retracted ${c.retractedAt.slice(0, 10)}`)
          : null,
      ),
      c.evidence ? h('blockquote', {}, `“${text(c.evidence)}”`) : null,
      sourcesList(c.sources),
      h('button', { type: 'button', class: 'link', onclick: () => show(c.id) }, 'Show evidence'),
    );

  const disputeItem = (d: Dispute) =>
    h(
      'li',
      { class: 'assess-dispute' },
      h('strong', {}, text(d.by.name)),
      d.scope === 'party'
        ? ` denies another accusation: ${text(d.about.name)}`
        : [
            d.kind === 'denial' ? ' denies ' : ' disputes ',
            d.scope === 'subject' ? 'the operation itself' : text(d.about.name),
          ].join(''),
      d.date ? ` (${d.date})` : '',
      d.words || d.evidence ? h('blockquote', {}, `“${text(d.words ?? d.evidence ?? '')}”`) : null,
      d.sources.length ? sourcesList(d.sources) : null,
      h('button', { type: 'button', class: 'link', onclick: () => show(d.claim) }, 'Show evidence'),
    );

  const here = (p: Party) => p.disputes.filter((d) => d.scope !== 'party');
  const elsewhere = (p: Party) => p.disputes.filter((d) => d.scope === 'party');

  const partyCard = (p: Party) =>
    h(
      'article',
      { class: 'assess-party', 'data-party': p.party.id },
      h(
        'h3',
        {},
        `${p.rank}. ${text(p.party.name)}`,
        h('span', { class: 'hint' }, ` ${p.party.label}`),
      ),
      h('p', { class: 'assess-summary' }, text(p.summary)),
      h('h4', {}, 'Asserted by'),
      h('ul', { class: 'assess-claims' }, ...p.claims.map(claimItem)),
      // A denial of another accusation about the party (an earlier indictment of its
      // members) is worth seeing, but it does not dispute this attribution.
      h('h4', {}, here(p).length ? 'Disputed by' : 'Not disputed'),
      here(p).length ? h('ul', { class: 'assess-disputes' }, ...here(p).map(disputeItem)) : null,
      elsewhere(p).length
        ? h('h4', {}, `Denials of other accusations about ${text(p.party.name)}`)
        : null,
      elsewhere(p).length
        ? h('ul', { class: 'assess-disputes' }, ...elsewhere(p).map(disputeItem))
        : null,
    );

  function render(result: AssessmentResult) {
    const when = result.asOf ? `as known on ${result.asOf}` : 'as known today';
    dialog.replaceChildren(
      h(
        'header',
        { class: 'assess-header' },
        h('h2', { id: 'assessment-title' }, `Attribution of ${text(result.subject.name)}`),
        h('span', { class: 'hint' }, ` ${when}`),
        h('button', { type: 'button', class: 'close', onclick: () => dialog.close() }, 'Close'),
      ),
      h(
        'details',
        { class: 'assess-rule', open: true },
        h('summary', {}, 'How the parties are ranked'),
        h('ol', {}, ...result.ranking.map((r) => h('li', {}, r))),
      ),
      result.parties.length
        ? h(
            'div',
            { class: 'assess-parties', 'aria-label': 'Attributed parties, side by side' },
            ...result.parties.map(partyCard),
          )
        : h('p', { class: 'hint' }, `No attribution claim ${when}.`),
    );
  }

  return {
    element: dialog,
    async open(id: string) {
      dialog.replaceChildren(h('p', { class: 'hint' }, 'Assessing…'));
      if (!dialog.open) dialog.showModal();
      try {
        render(await api.assessment(id, deps.showRetracted()));
      } catch (error) {
        dialog.replaceChildren(
          h('p', { class: 'error', role: 'alert' }, describeError(error)),
          h('button', { type: 'button', onclick: () => dialog.close() }, 'Close'),
        );
      }
    },
  };
}
