import { SalesSkeleton } from "@/components/sales/sales-skeleton";

export default function Loading() {
  return <SalesSkeleton />;
}
