// The analyst's workbench in the explorer: add a node, draw a claim between two selected
// nodes, correct, retract and revert from the inspector, and show retracted claims on
// request. The forms live in ./editor/; this wires them to the page.
import type { NodeDetail, RelationshipDetail } from '../api';
import { byId } from '../dom';
import { openClaimForm } from './editor/claim-form';
import type { EditorContext } from './editor/context';
import { openNodeForm } from './editor/node-form';
import { edgeSection, nodeSection } from './editor/sections';
import './editor/editor.css';

export type { EditorContext, Focus } from './editor/context';

export class Editor {
  private readonly retractedSwitch = byId<HTMLInputElement>('show-retracted');

  constructor(private readonly ctx: EditorContext & { setShowRetracted: (on: boolean) => void }) {
    byId('new-node').addEventListener('click', () => openNodeForm(ctx));
    byId('new-claim').addEventListener('click', () => openClaimForm(ctx));
    this.retractedSwitch.checked = ctx.showRetracted();
    this.retractedSwitch.addEventListener('change', () =>
      ctx.setShowRetracted(this.retractedSwitch.checked),
    );
  }

  /** After undo, back or a shared link: the switch follows the view. */
  syncRetracted(on: boolean): void {
    this.retractedSwitch.checked = on;
  }

  nodeSection(detail: NodeDetail): HTMLElement {
    return nodeSection(this.ctx, detail);
  }

  edgeSection(detail: RelationshipDetail): HTMLElement {
    return edgeSection(this.ctx, detail);
  }
}
