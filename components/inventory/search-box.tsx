"use client";

import { useEffect, useEffectEvent, useId, useState, type FormEvent } from "react";

const DEBOUNCE_MS = 300;

/**
 * A search field that reports what was typed once typing pauses (or at once
 * on Enter). When `value` changes from outside (Back, a reset link), the
 * field follows – but never overwrites text the user typed since.
 */
export function SearchBox({ label, value, onSearch, placeholder, maxLength = 100 }: { label: string; value: string; onSearch: (text: string) => void; placeholder?: string; maxLength?: number }) {
  const id = useId();
  const [text, setText] = useState(value);
  // The last value this box reported (or was given): a different `value` came from outside.
  const [reported, setReported] = useState(value);
  if (value !== reported) {
    setReported(value);
    setText(value);
  }

  const report = useEffectEvent((next: string) => {
    setReported(next);
    onSearch(next);
  });

  useEffect(() => {
    const next = text.trim();
    if (next === reported) return;
    const timer = setTimeout(() => report(next), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, reported]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = text.trim();
    if (next === reported) return;
    setReported(next);
    onSearch(next);
  };

  return (
    <form role="search" className="field" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={text} maxLength={maxLength} placeholder={placeholder} autoComplete="off" spellCheck={false} onChange={(event) => setText(event.target.value)} />
    </form>
  );
}
