/** A grey placeholder while data loads; announced once to screen readers. */
export function Skeleton({ height = 240, label = "Loading…" }: { height?: number; label?: string }) {
  return (
    <div className="skeleton" style={{ height }} role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
    </div>
  );
}

export function PanelSkeleton({ title, height = 240 }: { title: string; height?: number }) {
  return (
    <section className="card panel" aria-busy="true">
      <header className="panel-header">
        <h2>{title}</h2>
      </header>
      <Skeleton height={height} label={`Loading ${title.toLowerCase()}…`} />
    </section>
  );
}
