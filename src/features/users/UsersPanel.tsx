import { HistoryList } from './HistoryList';
import { UserPicker } from './UserPicker';
import './users.css';

/** Pick a user (search + keyboard-operable list) and read their history with each item's concept. */
export function UsersPanel() {
  return (
    <section className="panel panel-users" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <UserPicker />
      <HistoryList />
    </section>
  );
}
