export function UsersPanel() {
  return <section className="panel panel-users"><h2>UsersPanel</h2></section>;
}
