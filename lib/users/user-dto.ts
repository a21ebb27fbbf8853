import { isRole } from "@/lib/accounts/roles";
import type { UserDto } from "@/lib/users/schemas";

/** Never the password hash. */
export const userSelect = {
  id: true,
  email: true,
  role: true,
  disabledAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  apis: { select: { apiId: true }, orderBy: { apiId: "asc" } },
} as const;

interface UserRow {
  id: string;
  email: string;
  role: string;
  disabledAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  apis: { apiId: string }[];
}

export const toUserDto = ({ apis, disabledAt, role, createdAt, updatedAt, ...row }: UserRow): UserDto => ({
  ...row,
  role: isRole(role) ? role : "user",
  apiIds: apis.map((api) => api.apiId),
  disabled: disabledAt !== null,
  createdAt: createdAt.toISOString(),
  updatedAt: updatedAt.toISOString(),
});
