import { z } from "zod";
import { firstProblem, salesParams, searchParamsInput, type SalesParams } from "@/lib/data/params";
import { queryString } from "@/components/api";
import { DEFAULT_PRESET } from "./date-presets";

/**
 * The Sales view's state lives in the URL, so a link shows exactly what its
 * sender saw. The API's parameters (validated by the API's own schema), plus
 * how to draw them (`chart`), which only the page cares about.
 */

export const CHART_TYPES = ["bar", "line"] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export interface SalesView {
  params: SalesParams;
  chart: ChartType;
}

export type ParsedSalesView = { ok: true; view: SalesView } | { ok: false; parameter: string; message: string };

const chartParam = z.enum(CHART_TYPES, { error: `chart must be one of ${CHART_TYPES.join(", ")}` }).default("bar");

/**
 * URL → view. A URL without a range shows the default range (`defaults`, or
 * the last 12 months up to `today`); anything malformed is a problem naming
 * its parameter, never silently replaced.
 */
export function parseSalesView(
  source: URLSearchParams | Record<string, string | string[] | undefined>,
  today: string,
  defaults?: { from: string; to: string },
): ParsedSalesView {
  const input = searchParamsInput(source);
  const range = defaults ?? DEFAULT_PRESET.range(today);
  input.from ??= range.from;
  input.to ??= range.to;
  const params = salesParams.safeParse(input);
  if (!params.success) return { ok: false, ...firstProblem(params.error) };
  const chart = chartParam.safeParse(input.chart);
  if (!chart.success) return { ok: false, parameter: "chart", message: chart.error.issues[0]!.message };
  return { ok: true, view: { params: params.data, chart: chart.data } };
}

/** The API's query string for a view (the chart type is not the API's business). */
export function salesApiQuery(params: SalesParams): string {
  return queryString(apiParams(params));
}

/** The page's query string for a view: every parameter spelled out, so links stay exact when defaults change. */
export function salesPageQuery(view: SalesView): string {
  return queryString({ ...apiParams(view.params), chart: view.chart });
}

/** The API parameters alone, in a stable shape – also the TanStack Query key. */
export function apiParams(params: SalesParams) {
  return { from: params.from, to: params.to, sku: params.sku, granularity: params.granularity, metric: params.metric, compare: params.compare };
}
