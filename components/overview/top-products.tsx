import Link from "next/link";
import { FreshnessBadge } from "@/components/freshness/freshness-badge";
import { LiveRefresh } from "@/components/live-refresh";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/states";
import { getTopProducts } from "@/lib/data/overview";
import { formatHuf, formatNumber } from "@/lib/format";

export async function TopProducts() {
  const top = await getTopProducts(10);
  return (
    <Panel id="top-products" title="Top 10 products this month" actions={<FreshnessBadge freshness={top.freshness} />}>
      <LiveRefresh entities={["kimeno_szamla", "cikk"]} pending={top.freshness.state !== "fresh"} />
      {top.products.length === 0 ? (
        <EmptyState title={top.freshness.state === "never" ? "Not cached yet – loading from the ERP…" : "No sales this month yet"} />
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Product</th>
                <th scope="col" className="num">Quantity</th>
                <th scope="col" className="num">Gross</th>
              </tr>
            </thead>
            <tbody>
              {top.products.map((product, index) => (
                <tr key={product.sku}>
                  <td>{index + 1}</td>
                  <td>
                    <Link href={`/sales?sku=${encodeURIComponent(product.sku)}&from=${top.from}&to=${top.to}&granularity=day`}>{product.name ?? product.sku}</Link>
                    <span className="kpi-sub"> {product.sku}</span>
                  </td>
                  <td className="num">{formatNumber(product.quantity)}</td>
                  <td className="num">{formatHuf(product.gross)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
