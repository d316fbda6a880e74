import { MovementsSkeleton } from "@/components/movements/movements-skeleton";

export default function MovementsLoading() {
  return <MovementsSkeleton />;
}
