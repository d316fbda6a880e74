import styles from "./auth.module.css";
import { SignInForm } from "./sign-in-form";

/** The sign-in page's content: a short why, then the form. */
export function SignInPanel({ next }: { next: string }) {
  return (
    <div className={`card ${styles.signIn}`}>
      <h1>Sign in</h1>
      <p className={styles.intro}>Sales and stock figures are confidential: sign in with the account an admin created for you.</p>
      <SignInForm next={next} />
    </div>
  );
}
