"use client";

import { useState } from "react";
import type { UserRole } from "@/lib/auth/roles";
import { authClient } from "./auth-client";
import styles from "./auth.module.css";

/** The signed-in user's address and role, and Sign out (back to /sign-in, the session deleted on the server). */
export function UserMenu({ email, role }: { email: string; role: UserRole }) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function signOut() {
    setPending(true);
    const { error } = await authClient.signOut();
    if (error) {
      setFailed(true);
      setPending(false);
      return;
    }
    // A full page load, not router.push: it drops everything this tab cached (the router's
    // pages, React Query's data) – confidential figures must not survive signing out.
    window.location.assign(new URL("/sign-in", window.location.origin).href);
  }

  return (
    <div className={styles.userMenu}>
      <span className={styles.email} data-testid="user-email">
        {email}
      </span>
      <span className={`${styles.role} ${role === "admin" ? styles.roleAdmin : ""}`} data-testid="user-role">
        {role}
      </span>
      <button type="button" className="button" onClick={signOut} disabled={pending}>
        {pending ? "Signing out…" : "Sign out"}
      </button>
      {failed && (
        <span className={styles.error} role="alert">
          Signing out failed; try again.
        </span>
      )}
    </div>
  );
}
