// What the canvas and the force-layout worker say to each other. Positions travel as typed
// arrays (transferred, not copied): 12,500 nodes are 200 KB, not 12,500 objects.

export interface ForceRequest {
  /** Echoed in the reply, so a reply to a layout since replaced is recognised and dropped. */
  run: number;
  /** Start positions, by node index; the reply keeps the order. */
  x: Float64Array;
  y: Float64Array;
  /** 1 for a node that stays where it is (pinned by the user). */
  fixed: Uint8Array;
  /** Links as pairs of node indexes: [source0, target0, source1, target1, …]. */
  links: Uint32Array;
  /** Stop after this long even if the layout has not settled (its last positions are used). */
  budgetMs: number;
}

export interface ForceReply {
  run: number;
  x: Float64Array;
  y: Float64Array;
  /** Simulation steps run (fewer than planned when the budget ran out), and how long they took. */
  ticks: number;
  planned: number;
  ms: number;
}
