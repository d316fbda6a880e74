"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState, type KeyboardEvent } from "react";
import { fetchJson, queryString } from "@/components/api";
import type { ProductHit, ProductSearchResponse } from "@/lib/data/contracts";
import styles from "./product-picker.module.css";
import { useDebouncedValue } from "./use-debounced-value";

export interface PickedProduct {
  sku: string;
  name: string;
}

const SEARCH_DELAY_MS = 200;
const RESULTS = 12;

/**
 * Products to compare, as an ARIA 1.2 combobox: type to search by SKU or
 * name, ↓/↑ to move through the matches, Enter to add, Escape to close;
 * Backspace in the empty field removes the last product. The chosen ones are
 * chips with remove buttons. Names are text, never markup.
 */
export function ProductPicker({ selected, max, onAdd, onRemove }: { selected: readonly PickedProduct[]; max: number; onAdd: (product: ProductHit) => void; onRemove: (sku: string) => void }) {
  const id = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [activeSku, setActiveSku] = useState<string | null>(null);
  const term = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const search = useQuery({
    queryKey: ["products", term, RESULTS],
    queryFn: ({ signal }) => fetchJson<ProductSearchResponse>(`/api/products${queryString({ q: term, limit: RESULTS })}`, signal),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const full = selected.length >= max;
  const options = term.length > 0 ? (search.data?.products ?? []).filter((product) => !selected.some((chosen) => chosen.sku === product.sku)) : [];
  const activeIndex = options.findIndex((option) => option.sku === activeSku);
  // Results of what is typed now (not of a few keystrokes ago) may be taken without choosing one.
  const current = term === text.trim() && !search.isPlaceholderData && !search.isFetching;
  const listVisible = open && text.trim().length > 0;
  const optionId = (sku: string) => `${id}-option-${sku}`;

  const add = (product: ProductHit) => {
    onAdd(product);
    setText("");
    setActiveSku(null);
    setOpen(false);
  };

  const move = (step: number) => {
    if (options.length === 0) return;
    setOpen(true);
    const next = activeIndex < 0 ? (step > 0 ? 0 : options.length - 1) : (activeIndex + step + options.length) % options.length;
    setActiveSku(options[next]!.sku);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        move(-1);
        break;
      case "Enter": {
        const choice = activeIndex >= 0 ? options[activeIndex] : current ? options[0] : undefined;
        if (listVisible && choice) {
          event.preventDefault();
          add(choice);
        }
        break;
      }
      case "Escape":
        if (listVisible) setOpen(false);
        else setText("");
        setActiveSku(null);
        break;
      case "Backspace":
        if (text === "" && selected.length > 0) onRemove(selected.at(-1)!.sku);
        break;
    }
  };

  return (
    <div className={styles.picker}>
      <label className={styles.label} htmlFor={`${id}-input`}>
        Products (compare up to {max})
      </label>
      {selected.length > 0 ? (
        <ul className={styles.chips} aria-label="Selected products">
          {selected.map((product) => (
            <li key={product.sku} className={styles.chip}>
              <span className={styles.chipText}>
                {product.name} <span className={styles.sku}>{product.sku}</span>
              </span>
              <button type="button" className={styles.remove} aria-label={`Remove ${product.name} (${product.sku})`} onClick={() => onRemove(product.sku)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className={styles.combobox}>
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={listVisible && options.length > 0}
          aria-controls={`${id}-listbox`}
          aria-activedescendant={listVisible && activeIndex >= 0 ? optionId(options[activeIndex]!.sku) : undefined}
          aria-describedby={`${id}-status`}
          className={styles.input}
          placeholder={full ? `At most ${max} products – remove one to add another` : "SKU or name, e.g. C10050 or kávé"}
          disabled={full}
          value={text}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActiveSku(null);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <ul id={`${id}-listbox`} role="listbox" aria-label="Matching products" className={styles.listbox} hidden={!listVisible || options.length === 0}>
          {options.map((option) => (
            <li
              key={option.sku}
              id={optionId(option.sku)}
              role="option"
              aria-selected={option.sku === activeSku}
              className={styles.option}
              // Keep the focus in the field: a click picks, it does not blur first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => add(option)}
            >
              <span className={styles.sku}>{option.sku}</span> <span>{option.name}</span>
              {option.active ? null : <span className={styles.inactive}> discontinued</span>}
            </li>
          ))}
        </ul>
      </div>
      <p id={`${id}-status`} className={styles.status} aria-live="polite">
        {text.trim() === "" && selected.length === 0 ? "None chosen: the chart shows all products together." : statusText(text.trim(), term, search.data, search.isFetching, options.length)}
      </p>
    </div>
  );
}

function statusText(typed: string, term: string, data: ProductSearchResponse | undefined, fetching: boolean, shown: number): string {
  if (typed.length === 0) return "";
  if (typed !== term || (fetching && !data)) return "Searching…";
  if (data && data.freshness.state === "never") return "The product list is loading from the ERP…";
  if (shown === 0) return `No product matches “${term}”.`;
  return `${shown} ${shown === 1 ? "product" : "products"} found; ↓ ↑ to choose, Enter to add.`;
}
