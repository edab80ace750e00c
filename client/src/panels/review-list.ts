// The Data tab's review list: each name an import would not guess, the node it created beside
// the existing candidates (names, aliases, a line of description), and the two decisions:
// "Same as …" (merged, revertible from the node's history) or "Different entities". The
// next import of the same object follows the decision.
import { api, type ReviewEntry } from '../api';
import { h } from '../dom';
import { describeError } from '../errors';
import { markdownText } from '../markdown';
import { userText } from '../user-text';

type ReviewNode = NonNullable<ReviewEntry['created']>;

export interface ReviewActions {
  /** Draws a node on the canvas and opens it in the inspector. */
  drawNode: (id: string) => void;
  /** After a decision: the graph changed (a merge), the explorer reloads what it shows. */
  decided: () => Promise<void>;
}

function nodeCard(node: ReviewNode, role: string, actions: ReviewActions): HTMLElement {
  const description = node.description ? markdownText(node.description) : '';
  return h(
    'div',
    { class: 'review-node', 'data-node': node.id },
    h('small', { class: 'hint' }, role),
    h(
      'button',
      { class: 'link', title: 'Draw it on the canvas', onclick: () => actions.drawNode(node.id) },
      userText(node.name),
    ),
    h('small', {}, ` ${node.id}`),
    node.aliases.length
      ? h('p', { class: 'aliases' }, 'aka ', userText(node.aliases.slice(0, 8).join(', ')))
      : null,
    description ? h('p', { class: 'description' }, userText(description.slice(0, 160))) : null,
  );
}

function decisionText(item: ReviewEntry): string {
  const who = `${item.decidedBy ?? '?'}, ${item.decidedAt?.slice(0, 10) ?? ''}`;
  return item.decision === 'same'
    ? `Decided: the same entity as ${item.decidedTarget} (${who})`
    : `Decided: different entities (${who})`;
}

function entry(item: ReviewEntry, actions: ReviewActions, reload: () => void): HTMLElement {
  const message = h('p', { class: 'error', role: 'alert', hidden: true });
  const decide = async (body: { decision: 'same'; target: string } | { decision: 'different' }) => {
    message.hidden = true;
    try {
      await api.decideReview(item.id, body);
      await actions.decided();
      reload();
    } catch (error) {
      message.textContent = describeError(error);
      message.hidden = false;
    }
  };
  const undecided = !item.decision && item.created;
  return h(
    'li',
    { class: `review-item${item.decision ? ' decided' : ''}`, 'data-review': item.id },
    h(
      'p',
      {},
      h('strong', {}, userText(item.incomingName)),
      h('small', {}, ` from ${item.dataset}`),
    ),
    h(
      'div',
      { class: 'review-compare' },
      item.created
        ? nodeCard(item.created, 'imported as', actions)
        : h('p', { class: 'hint' }, `${item.createdId} is no longer in the graph`),
      ...item.candidateNodes.map((c) =>
        h(
          'div',
          { class: 'review-candidate' },
          nodeCard(c, 'already in the graph', actions),
          undecided
            ? h(
                'button',
                {
                  name: 'same',
                  'data-target': c.id,
                  onclick: () => void decide({ decision: 'same', target: c.id }),
                },
                'Same entity',
              )
            : null,
        ),
      ),
    ),
    undecided
      ? h(
          'button',
          { name: 'different', onclick: () => void decide({ decision: 'different' }) },
          'Different entities',
        )
      : item.decision
        ? h('p', { class: 'hint decision' }, decisionText(item))
        : null,
    message,
  );
}

/** Fills `list` with the review items (undecided first); a decision reloads it. */
export async function renderReviewList(list: HTMLElement, actions: ReviewActions): Promise<void> {
  const reload = () => void renderReviewList(list, actions);
  try {
    const { items } = await api.importReview();
    list.replaceChildren(
      ...(items.length
        ? items.map((item) => entry(item, actions, reload))
        : [h('li', { class: 'hint' }, 'Nothing to review.')]),
    );
  } catch (error) {
    list.replaceChildren(h('li', { class: 'error' }, describeError(error)));
  }
}
