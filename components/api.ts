import type { ApiError } from "@/lib/data/contracts";

/** A failed API call, with the server's own message (and the parameter, for a 400). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

/** GET a JSON API route of this app; throws ApiRequestError with the server's message. */
export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { Accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiError | null;
    throw new ApiRequestError(response.status, body?.error ?? `The server answered ${response.status}.`, body?.parameter);
  }
  return (await response.json()) as T;
}

/** `?a=1&sku=X&sku=Y` from an object; empty and undefined values are left out. */
export function queryString(params: Record<string, string | number | boolean | readonly string[] | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) value.forEach((item) => search.append(key, item));
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
