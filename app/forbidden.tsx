import { ForbiddenNotice } from "@/components/auth/forbidden-notice";

/** requireAdmin() for a viewer (Next's forbidden()): answered with a 403. */
export default function Forbidden() {
  return <ForbiddenNotice />;
}
