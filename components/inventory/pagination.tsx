import { useId } from "react";
import { formatNumber } from "@/lib/format";
import styles from "./inventory.module.css";

const PAGE_SIZES = [25, 50, 100, 200];

/** Previous / next, where we are, and how many rows a page shows. */
export function Pagination({ page, pageSize, matching, onPage, onPageSize }: { page: number; pageSize: number; matching: number; onPage: (page: number) => void; onPageSize: (size: number) => void }) {
  const sizeId = useId();
  const pages = Math.max(1, Math.ceil(matching / pageSize));
  const sizes = PAGE_SIZES.includes(pageSize) ? PAGE_SIZES : [...PAGE_SIZES, pageSize].sort((a, b) => a - b);
  return (
    <nav className={styles.pagination} aria-label="Stock table pages">
      <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(Math.min(page - 1, pages))}>
        Previous
      </button>
      <span aria-live="polite">
        Page {formatNumber(page)} of {formatNumber(pages)}
      </span>
      <button type="button" className="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
      <span className={`field ${styles.pageSize}`}>
        <label htmlFor={sizeId}>Rows per page</label>
        <select id={sizeId} value={pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
          {sizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </span>
    </nav>
  );
}
