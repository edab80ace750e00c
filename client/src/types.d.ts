declare module 'cytoscape-fcose' {
  const fcose: cytoscape.Ext;
  export default fcose;
}

declare module '@neo4j-cypher/codemirror/css/cypher-codemirror.css';
