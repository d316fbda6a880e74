"use client";

import { useState } from "react";
import { dateRange, firstProblem } from "@/lib/data/params";
import { isPreset, PRESETS, presetRange, type DayRange } from "./date-presets";
import styles from "./movements.module.css";

/**
 * From / to date fields and preset buttons. A range reaches `onChange` only
 * when the API's own schema accepts it; otherwise the fields keep what was
 * typed and say what is wrong with it.
 */
export function DateRangeControls({ range, today, onChange }: { range: DayRange; today: string; onChange: (range: DayRange) => void }) {
  const [draft, setDraft] = useState(range);
  // The range last given: when it changes from outside (Back, a preset), the fields follow.
  const [given, setGiven] = useState(range);
  if (given.from !== range.from || given.to !== range.to) {
    setGiven(range);
    setDraft(range);
  }

  const checked = dateRange.safeParse(draft);
  const problem = checked.success ? null : firstProblem(checked.error).message;

  const edit = (next: DayRange) => {
    setDraft(next);
    if (dateRange.safeParse(next).success) onChange(next);
  };

  return (
    <fieldset className={styles.range}>
      <legend>Date range</legend>
      <div className={styles.presets} role="group" aria-label="Date range presets">
        {PRESETS.map((preset) => (
          <button key={preset.id} type="button" className="button" aria-pressed={isPreset(preset.id, range, today)} onClick={() => onChange(presetRange(preset.id, today))}>
            {preset.label}
          </button>
        ))}
      </div>
      <div className={styles.dates}>
        <label className="field">
          From
          <input type="date" value={draft.from} max={draft.to || undefined} required aria-invalid={problem?.startsWith("from") || undefined} onChange={(event) => edit({ ...draft, from: event.target.value })} />
        </label>
        <label className="field">
          To
          <input type="date" value={draft.to} min={draft.from || undefined} required aria-invalid={problem?.startsWith("to") || undefined} onChange={(event) => edit({ ...draft, to: event.target.value })} />
        </label>
      </div>
      {problem ? (
        <p className={styles.problem} role="alert">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}
