"use client";

import { useState, type FormEvent } from "react";
import { authClient } from "./auth-client";
import styles from "./auth.module.css";

// The same words for an unknown address and a wrong password: the form never reveals which.
const INVALID = "Invalid email or password.";

function describeError(error: { status: number; message?: string | undefined }): string {
  if (error.status === 401 || error.status === 400) return INVALID;
  // Per-IP and per-address limits; neither message says whether the address exists.
  if (error.status === 429) return error.message || "Too many sign-in attempts. Try again later.";
  return "Signing in failed – the server could not be reached or had a problem. Try again.";
}

/** Email and password; on success a full navigation to `next` (already checked to be a path on this site). */
export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError("");
    const { error: failure } = await authClient.signIn.email({
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    if (failure) {
      setError(describeError(failure));
      setPending(false);
      return;
    }
    // A full load: the layout re-renders with the user, and the live-update stream starts.
    window.location.assign(next);
  }

  return (
    <form className={styles.form} onSubmit={submit} aria-busy={pending}>
      <label className="field">
        Email
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label className="field">
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <p className={styles.error} role="alert" aria-live="assertive">
        {error}
      </p>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
