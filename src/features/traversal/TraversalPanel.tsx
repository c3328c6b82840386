export function TraversalPanel() {
  return <section className="panel panel-traversal"><h2>TraversalPanel</h2></section>;
}
