export function IntentionsPanel() {
  return <section className="panel panel-intentions"><h2>IntentionsPanel</h2></section>;
}
