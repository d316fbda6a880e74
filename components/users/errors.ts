/** What the admin endpoints said, or a plain fallback when the server could not be reached. */
export function errorMessage(error: { message?: string | undefined; status: number }, action: string): string {
  if (error.status === 401) return "Your session has ended; sign in again.";
  if (error.status === 403) return `Only admins can ${action}.`;
  return error.message || `Could not ${action} (HTTP ${error.status}).`;
}
