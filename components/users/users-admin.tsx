"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UserRow } from "@/lib/auth/users";
import { AddUserForm } from "./add-user-form";
import styles from "./users.module.css";
import { UsersTable } from "./users-table";

export type ActionResult = { ok: true; message: string } | { ok: false; message: string };

/**
 * The users page's interactive part: the list with role changes and removal,
 * and the add form. Every change goes to better-auth's admin endpoints, which
 * enforce the rules; the outcome is announced in one live region, and the
 * server-rendered list is refreshed after a success.
 */
export function UsersAdmin({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);

  function report(outcome: ActionResult) {
    setResult(outcome);
    if (outcome.ok) router.refresh();
  }

  return (
    <>
      <p className={`${styles.status} ${result ? (result.ok ? styles.success : styles.error) : ""}`} role="status" aria-live="polite" data-testid="users-status">
        {result?.message}
      </p>
      <div className={styles.layout}>
        <UsersTable users={users} currentUserId={currentUserId} onResult={report} />
        <AddUserForm onResult={report} />
      </div>
    </>
  );
}
