"use client";

import type { UserRow as User } from "@/lib/auth/users";
import { UserRow } from "./user-row";
import type { ActionResult } from "./users-admin";

export function UsersTable({ users, currentUserId, onResult }: { users: User[]; currentUserId: string; onResult: (result: ActionResult) => void }) {
  return (
    <div className="card table-wrap">
      <table className="data" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} isYou={user.id === currentUserId} onResult={onResult} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
