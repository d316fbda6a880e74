import { ApiRequestError } from "@/components/api";
import type { ApiError } from "@/lib/data/contracts";

/** POST an admin action; resolves with the JSON answer or throws the server's message. */
export async function postAction<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => null)) as (T & Partial<ApiError>) | null;
  if (!response.ok) throw new ApiRequestError(response.status, answer?.error ?? `The server answered ${response.status}.`, answer?.parameter);
  return answer as T;
}
