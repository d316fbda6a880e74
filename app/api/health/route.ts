// The trivial route: benchmarks compare the dashboards' API against it on the same server.
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
