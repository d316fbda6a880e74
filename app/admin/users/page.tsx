import type { Metadata } from "next";
import { headers } from "next/headers";
import { UsersAdmin } from "@/components/users/users-admin";
import { requireAdmin } from "@/lib/auth/guards";
import { listUsers, USER_LIST_LIMIT } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Users" };

/** /admin/users: who may sign in, with which role; admins add and remove users and change roles. */
export default async function UsersPage() {
  const me = await requireAdmin();
  const { users, total } = await listUsers(await headers());
  return (
    <>
      <div className="page-header">
        <h1>Users</h1>
        <span className="kpi-sub">
          {total} {total === 1 ? "user" : "users"}
          {total > users.length ? ` – the first ${USER_LIST_LIMIT} by email shown` : ""}
        </span>
      </div>
      <UsersAdmin users={users} currentUserId={me.id} />
    </>
  );
}
