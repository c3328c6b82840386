export function TrainingPanel() {
  return <section className="panel panel-training"><h2>TrainingPanel</h2></section>;
}
