import Link from "next/link";
import styles from "./auth.module.css";

/** What a viewer sees on an admin page (rendered by app/forbidden.tsx with a 403). */
export function ForbiddenNotice() {
  return (
    <div className={`card ${styles.forbidden}`}>
      <h1>Admins only</h1>
      <p>This page needs the admin role, and your account is a viewer. Ask an admin if you need it.</p>
      <Link href="/">Back to the overview</Link>
    </div>
  );
}
