import Link from "next/link";
import { FreshnessBadge } from "@/components/freshness/freshness-badge";
import { LiveRefresh } from "@/components/live-refresh";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/states";
import { getStockAlerts } from "@/lib/data/overview";
import { formatNumber } from "@/lib/format";

export async function StockAlerts() {
  const stock = await getStockAlerts();
  return (
    <Panel id="stock-alerts" title="Out of stock or low" actions={<FreshnessBadge freshness={stock.freshness} />}>
      <LiveRefresh entities={["keszlet", "cikk"]} pending={stock.freshness.state !== "fresh"} />
      {stock.products === 0 ? (
        <EmptyState title={stock.freshness.state === "never" ? "Not cached yet – loading from the ERP…" : "No stock data"} />
      ) : (
        <>
          <div className="grid grid-4">
            <div className="kpi">
              <span className="kpi-sub">Out of stock</span>
              <span className="kpi-value" data-testid="out-of-stock">{formatNumber(stock.outOfStock)}</span>
              <Link className="kpi-sub" href="/inventory?low=out">show them</Link>
            </div>
            <div className="kpi">
              <span className="kpi-sub">Low (1–{stock.threshold})</span>
              <span className="kpi-value" data-testid="low-stock">{formatNumber(stock.low)}</span>
              <Link className="kpi-sub" href="/inventory?low=low">show them</Link>
            </div>
          </div>
          {stock.lowest.length > 0 ? (
            <table className="data">
              <caption className="visually-hidden">Products with the least stock</caption>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col" className="num">Available</th>
                </tr>
              </thead>
              <tbody>
                {stock.lowest.map((product) => (
                  <tr key={product.sku}>
                    <td>
                      {product.name ?? product.sku} <span className="kpi-sub">{product.sku}</span>
                    </td>
                    <td className="num">{formatNumber(product.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </Panel>
  );
}
