"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState, type FormEvent } from "react";
import { fetchJson, queryString } from "@/components/api";
import type { InventoryResponse } from "@/lib/data/contracts";
import { SKU_PATTERN } from "@/lib/data/params";
import styles from "./movements.module.css";

const SUGGEST_DEBOUNCE_MS = 250;
const SUGGESTIONS = 10;

/**
 * One product, by SKU: typing offers matching products (SKU or name, from
 * /api/inventory) in the field's list; Enter or "Show" applies it, "All
 * products" clears it. Invalid SKUs are refused here with the API's rule.
 */
export function ProductFilter({ sku, onChange }: { sku: string | null; onChange: (sku: string | null) => void }) {
  const inputId = useId();
  const listId = useId();
  const [text, setText] = useState(sku ?? "");
  const [given, setGiven] = useState(sku);
  const [error, setError] = useState<string | null>(null);
  if (given !== sku) {
    setGiven(sku);
    setText(sku ?? "");
    setError(null);
  }

  const [searched, setSearched] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setSearched(text.trim()), SUGGEST_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const suggestions = useQuery({
    queryKey: ["movements-product-suggestions", searched],
    queryFn: ({ signal }) => fetchJson<InventoryResponse>(`/api/inventory${queryString({ q: searched, pageSize: SUGGESTIONS })}`, signal),
    enabled: searched.length >= 2 && searched !== sku,
    staleTime: 60_000,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = text.trim();
    if (next === "") return onChange(null);
    if (!SKU_PATTERN.test(next)) return setError("A SKU is 1–64 letters, digits or . _ - /, starting with a letter or digit (pick one from the list).");
    setError(null);
    onChange(next);
  };

  return (
    <form className={styles.product} onSubmit={submit} aria-label="Product filter">
      <span className="field">
        <label htmlFor={inputId}>Product (SKU)</label>
        <input id={inputId} list={listId} value={text} placeholder="All products" autoComplete="off" spellCheck={false} maxLength={64} aria-invalid={error ? true : undefined} onChange={(event) => setText(event.target.value)} />
      </span>
      <datalist id={listId}>
        {(suggestions.data?.rows ?? []).map((row) => (
          <option key={row.sku} value={row.sku}>
            {row.name ?? row.sku}
          </option>
        ))}
      </datalist>
      <button type="submit" className="button">
        Show
      </button>
      {sku ? (
        <button type="button" className="button" onClick={() => onChange(null)}>
          All products
        </button>
      ) : null}
      {error ? (
        <p className={styles.problem} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
