"use client";

import { useId, useState } from "react";
import { dateRange } from "@/lib/data/params";
import { DATE_PRESETS, presetOf, type DateRange } from "./date-presets";
import styles from "./sales-controls.module.css";

/**
 * From/to date fields and one-click presets. A range is applied only once it
 * is valid (a complete, ordered range of at most 20 years); until then the
 * fields keep what is typed and say what is wrong.
 */
export function DateRangeControl({ range, today, onChange }: { range: DateRange; today: string; onChange: (range: DateRange) => void }) {
  const id = useId();
  // Typed values live here until they form a valid range; a new range from outside resets them.
  const [draft, setDraft] = useState(range);
  const [shown, setShown] = useState(range);
  if (shown.from !== range.from || shown.to !== range.to) {
    setShown(range);
    setDraft(range);
  }
  const checked = dateRange.safeParse(draft);
  const problem = checked.success ? null : checked.error.issues[0]!.message;
  const active = presetOf(range, today);

  const edit = (next: DateRange) => {
    setDraft(next);
    if (dateRange.safeParse(next).success && (next.from !== range.from || next.to !== range.to)) onChange(next);
  };

  return (
    <fieldset className={styles.group}>
      <legend>Date range</legend>
      <div className={styles.dates}>
        <label className="field">
          From
          <input type="date" value={draft.from} max={draft.to || undefined} aria-invalid={problem !== null} aria-describedby={`${id}-problem`} onChange={(event) => edit({ ...draft, from: event.target.value })} />
        </label>
        <label className="field">
          To
          <input type="date" value={draft.to} min={draft.from || undefined} aria-invalid={problem !== null} aria-describedby={`${id}-problem`} onChange={(event) => edit({ ...draft, to: event.target.value })} />
        </label>
      </div>
      <div className={styles.presets} role="group" aria-label="Date range presets">
        {DATE_PRESETS.map((preset) => (
          <button key={preset.id} type="button" className="button" aria-pressed={active?.id === preset.id} onClick={() => onChange(preset.range(today))}>
            {preset.label}
          </button>
        ))}
      </div>
      <p id={`${id}-problem`} className={styles.problem} role={problem ? "alert" : undefined}>
        {problem ?? ""}
      </p>
    </fieldset>
  );
}
