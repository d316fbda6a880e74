"use client";

import { useState, type FormEvent } from "react";
import type { Entity } from "@/lib/db";
import { ENTITY_LABELS } from "@/lib/entities";
import styles from "./admin.module.css";

const ENTITIES: Entity[] = ["kimeno_szamla", "raktari_mozgas", "keszlet", "cikk"];

export interface HydrationRequest {
  entities: Entity[];
  from: string;
  to: string;
  force: boolean;
}

/** Hydrate (or, forced, re-sync) a range of months for chosen entities. */
export function HydrationForm({ months, busy, onSubmit }: { months: string[]; busy: boolean; onSubmit: (request: HydrationRequest) => void }) {
  const newest = months[0] ?? "";
  const oldest = months.at(-1) ?? "";
  const [entities, setEntities] = useState<Entity[]>(["kimeno_szamla", "raktari_mozgas"]);
  const [from, setFrom] = useState(months[2] ?? oldest);
  const [to, setTo] = useState(newest);
  const [force, setForce] = useState(false);
  const problem = entities.length === 0 ? "Choose at least one entity." : from > to ? "The first month is after the last." : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!problem) onSubmit({ entities, from, to, force });
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby="range-heading">
      <h3 id="range-heading" style={{ width: "100%", margin: 0, fontSize: "1rem" }}>
        Hydrate a range
      </h3>
      <fieldset>
        <legend>Entities</legend>
        {ENTITIES.map((entity) => (
          <label key={entity}>
            <input
              type="checkbox"
              checked={entities.includes(entity)}
              onChange={(event) => setEntities(event.target.checked ? [...entities, entity] : entities.filter((e) => e !== entity))}
            />{" "}
            {ENTITY_LABELS[entity]}
          </label>
        ))}
      </fieldset>
      <label className="field">
        From month
        <input type="month" value={from} min={oldest} max={newest} onChange={(event) => setFrom(event.target.value)} required />
      </label>
      <label className="field">
        To month
        <input type="month" value={to} min={oldest} max={newest} onChange={(event) => setTo(event.target.value)} required />
      </label>
      <label>
        <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} /> Force (re-sync fresh months too)
      </label>
      <button type="submit" className="button" disabled={busy || Boolean(problem)}>
        {force ? "Re-sync range" : "Hydrate range"}
      </button>
      {problem ? (
        <p role="alert" className={styles.message} style={{ color: "var(--bad)", width: "100%" }}>
          {problem}
        </p>
      ) : null}
    </form>
  );
}
