// The analyst's workbench in the explorer: add a node, draw a claim between two selected
// nodes, correct, retract and revert from the inspector. The forms live in ./editor/ and open
// in the one edit dialog (this panel's element); the toolbar's + Node and + Claim call
// newNode and newClaim, the inspector shows nodeSection and edgeSection under what it shows.
import type { NodeDetail, RelationshipDetail } from '../api';
import { byId } from '../dom';
import { openClaimForm } from './editor/claim-form';
import type { EditorContext } from './editor/context';
import { openNodeForm } from './editor/node-form';
import { edgeSection, nodeSection } from './editor/sections';
import type { Panel } from './panel';
import './editor/editor.css';

export type { EditorContext, Focus } from './editor/context';

export interface EditorPanel extends Panel {
  /** Opens the form for a new node of any label. */
  newNode(): void;
  /** Opens the form for a claim between the two selected nodes. */
  newClaim(): void;
  /** The inspector's editing part under a node: edit, remove, history. */
  nodeSection(detail: NodeDetail): HTMLElement;
  /** The inspector's editing part under a claim: correct, retract, history. */
  edgeSection(detail: RelationshipDetail): HTMLElement;
}

export function createEditorPanel(deps: EditorContext): EditorPanel {
  return {
    element: byId('edit-dialog'),
    newNode: () => openNodeForm(deps),
    newClaim: () => openClaimForm(deps),
    nodeSection: (detail) => nodeSection(deps, detail),
    edgeSection: (detail) => edgeSection(deps, detail),
  };
}
