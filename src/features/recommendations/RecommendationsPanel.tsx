export function RecommendationsPanel() {
  return <section className="panel panel-recs"><h2>RecommendationsPanel</h2></section>;
}
