"use client";

import { useState, type FormEvent } from "react";
import { authClient } from "@/components/auth/auth-client";
import { USER_ROLES, type UserRole } from "@/lib/auth/roles";
import { errorMessage } from "./errors";
import type { ActionResult } from "./users-admin";
import styles from "./users.module.css";

/** Email, name, password (10+ characters) and role; the server validates all of it again. */
export function AddUserForm({ onResult }: { onResult: (result: ActionResult) => void }) {
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const email = String(form.get("email") ?? "").trim();
    setPending(true);
    const { error } = await authClient.admin.createUser({
      email,
      name: String(form.get("name") ?? "").trim(),
      password: String(form.get("password") ?? ""),
      role: String(form.get("role")) as UserRole,
    });
    setPending(false);
    if (error) return onResult({ ok: false, message: errorMessage(error, "add users") });
    formElement.reset();
    onResult({ ok: true, message: `Added ${email}.` });
  }

  return (
    <form className={`card ${styles.form}`} onSubmit={submit} aria-labelledby="add-user-heading">
      <h2 id="add-user-heading">Add a user</h2>
      <label className="field">
        Email
        <input name="email" type="email" autoComplete="off" required />
      </label>
      <label className="field">
        Name
        <input name="name" type="text" autoComplete="off" required maxLength={100} />
      </label>
      <label className="field">
        Password (at least 10 characters)
        <input name="password" type="password" autoComplete="new-password" required minLength={10} maxLength={128} />
      </label>
      <label className="field">
        Role
        <select name="role" defaultValue="viewer">
          {USER_ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}
