"use client";

import { useState } from "react";
import { authClient } from "@/components/auth/auth-client";
import { USER_ROLES, type UserRole } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format";
import type { UserRow as User } from "@/lib/auth/users";
import { errorMessage } from "./errors";
import type { ActionResult } from "./users-admin";
import styles from "./users.module.css";

/**
 * One user: the role can be changed and the user removed (after a second,
 * explicit confirmation) – except for yourself, so there is always an admin.
 * The server refuses both for yourself too.
 */
export function UserRow({ user, isYou, onResult }: { user: User; isYou: boolean; onResult: (result: ActionResult) => void }) {
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);

  async function changeRole(role: UserRole) {
    setPending(true);
    const { error } = await authClient.admin.setRole({ userId: user.id, role });
    setPending(false);
    onResult(error ? { ok: false, message: errorMessage(error, "change roles") } : { ok: true, message: `${user.email} is now ${role === "admin" ? "an admin" : "a viewer"}.` });
  }

  async function remove() {
    setPending(true);
    const { error } = await authClient.admin.removeUser({ userId: user.id });
    setPending(false);
    setConfirming(false);
    onResult(error ? { ok: false, message: errorMessage(error, "remove users") } : { ok: true, message: `Removed ${user.email}.` });
  }

  return (
    <tr data-testid="user-row" data-email={user.email}>
      <td>
        {user.email} {isYou && <span className={styles.you}>(you)</span>}
      </td>
      <td>{user.name}</td>
      <td>
        <select
          aria-label={`Role of ${user.email}`}
          value={user.role}
          disabled={isYou || pending}
          title={isYou ? "You cannot change your own role" : undefined}
          onChange={(event) => void changeRole(event.target.value as UserRole)}
        >
          {USER_ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td>{formatDateTime(user.createdAt)}</td>
      <td>
        {isYou ? null : confirming ? (
          <span className={styles.actions}>
            <span>Remove {user.email}?</span>
            <button type="button" className={`button ${styles.danger}`} onClick={() => void remove()} disabled={pending}>
              Yes, remove
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)} disabled={pending}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)} disabled={pending} aria-label={`Remove ${user.email}`}>
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}
