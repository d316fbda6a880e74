import Link from "next/link";

/**
 * A page whose URL carries a parameter it cannot use (a hand-edited or old
 * link): say which one and why, and offer the page with its defaults –
 * instead of guessing what was meant, or crashing.
 */
export function InvalidParams({ title, problem, resetHref }: { title: string; problem: { parameter: string; message: string }; resetHref: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="error-state" role="alert" data-parameter={problem.parameter}>
        <p>
          <strong>This link has a filter the page cannot use.</strong> {problem.message}
        </p>
        <Link className="button" href={resetHref}>
          Reset the filters
        </Link>
      </div>
    </>
  );
}
