import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useEffectEvent, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { UserTable } from '../../protocol/engine';
import { filterUsers, orderUsers, type UserOrder } from './filter-users';
import { useSelectedUser, useUserTable } from './hooks';
import { requestUser, useUserRequest } from './request-user';

const ROW = 30;
const LISTBOX_ID = 'users-listbox';
const optionId = (u: number) => `user-option-${u}`;

/** Search box over a virtualised listbox of every user (focus stays on the listbox; aria-activedescendant names the active option). */
export function UserPicker() {
  const users = useUserTable();
  const selected = useSelectedUser();
  const pending = useUserRequest((s) => s.pending);
  const error = useUserRequest((s) => s.error);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [order, setOrder] = useState<UserOrder>('split');
  const ordered = useMemo(() => (users ? orderUsers(users, order) : new Int32Array(0)), [users, order]);
  const rows = useMemo(() => (users ? filterUsers(users.ids, ordered, deferredQuery) : ordered), [users, ordered, deferredQuery]);

  // The keyboard cursor is a user, not a position, so it survives filtering when that user still matches.
  const [activeUser, setActiveUser] = useState<number | null>(selected);
  const found = activeUser === null ? -1 : rows.indexOf(activeUser);
  const activePos = found >= 0 ? found : rows.length ? 0 : -1;

  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // The active option must be in the DOM for aria-activedescendant to point at it.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const r = defaultRangeExtractor(range);
      return activePos < 0 || r.includes(activePos) ? r : [...r, activePos].sort((a, b) => a - b);
    },
    [activePos],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW,
    overscan: 8,
    rangeExtractor,
  });

  // A user chosen elsewhere (the URL on load, a finished training run) becomes the cursor and scrolls into view.
  // Only when the selection changes, not when the filter does.
  const reveal = useEffectEvent((user: number) => {
    setActiveUser(user);
    const pos = rows.indexOf(user);
    if (pos >= 0) virtualizer.scrollToIndex(pos, { align: 'auto' });
  });
  useEffect(() => {
    if (selected !== null) reveal(selected);
  }, [selected]);

  const moveTo = (pos: number) => {
    if (!rows.length) return;
    const p = Math.max(0, Math.min(rows.length - 1, pos));
    setActiveUser(rows[p]);
    virtualizer.scrollToIndex(p, { align: 'auto' });
  };

  const choose = (u: number | undefined) => {
    if (u === undefined) return;
    setActiveUser(u);
    void requestUser(u);
  };

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? ROW * 8) / ROW) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activePos + 1),
      ArrowUp: () => moveTo(activePos - 1),
      PageDown: () => moveTo(activePos + page),
      PageUp: () => moveTo(activePos - page),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      Enter: () => choose(rows[activePos]),
      ' ': () => choose(rows[activePos]),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // typing on the list goes on in the search box
      e.preventDefault();
      setQuery((q) => q + e.key);
      searchRef.current?.focus();
    }
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      listRef.current?.focus();
      if (activePos >= 0) virtualizer.scrollToIndex(activePos, { align: 'auto' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(filterUsers(users?.ids ?? [], ordered, query)[0]);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
    }
  };

  if (!users) return null;
  const activeId = activePos >= 0 ? optionId(rows[activePos]) : undefined;
  return (
    <div className="user-picker">
      <div className="user-search">
        <input
          ref={searchRef}
          type="search"
          value={query}
          placeholder="Search user id…"
          aria-label="Search users by id"
          aria-controls={LISTBOX_ID}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
        />
        <select className="user-order" aria-label="Order users" value={order} onChange={(e) => setOrder(e.target.value as UserOrder)}>
          <option value="split">split order</option>
          <option value="id">by id</option>
          <option value="clicks">most clicks</option>
        </select>
        <span className="user-count" aria-live="polite" data-testid="users-count">
          {rows.length === users.ids.length ? `${rows.length} users` : `${rows.length} of ${users.ids.length}`}
        </span>
      </div>
      <div
        ref={listRef}
        id={LISTBOX_ID}
        className="user-list"
        role="listbox"
        aria-label="Users"
        tabIndex={0}
        aria-activedescendant={activeId}
        aria-busy={pending !== null}
        onKeyDown={onListKey}
      >
        {rows.length === 0 ? (
          <p className="empty">No user id contains “{query}”.</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => (
              <UserOption
                key={rows[v.index]}
                users={users}
                u={rows[v.index]}
                pos={v.index}
                count={rows.length}
                start={v.start}
                selected={rows[v.index] === selected}
                active={v.index === activePos}
                pending={rows[v.index] === pending}
                onClick={choose}
              />
            ))}
          </div>
        )}
      </div>
      {error && (
        <p className="user-error" role="alert">
          Could not open that user: {error}
        </p>
      )}
    </div>
  );
}

interface OptionProps {
  users: UserTable;
  u: number;
  pos: number;
  count: number;
  start: number;
  selected: boolean;
  active: boolean;
  pending: boolean;
  onClick: (u: number) => void;
}

function UserOption({ users, u, pos, count, start, selected, active, pending, onClick }: OptionProps) {
  const role = users.roles[u];
  const clicks = users.clicks[u];
  const cls = ['user-option', selected && 'selected', active && 'active', pending && 'pending'].filter(Boolean).join(' ');
  return (
    <div
      id={optionId(u)}
      role="option"
      aria-selected={selected}
      aria-posinset={pos + 1}
      aria-setsize={count}
      className={cls}
      style={{ height: ROW, transform: `translateY(${start}px)` }}
      onClick={() => onClick(u)}
    >
      <span className="user-id">{users.ids[u]}</span>
      <span className={`user-role role-${role}`}>{role}</span>
      <span className="user-clicks">
        {clicks} <span className="unit">{clicks === 1 ? 'click' : 'clicks'}</span>
      </span>
    </div>
  );
}
