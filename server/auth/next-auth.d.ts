import type { Role } from "../db/generated/enums";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: Role; advertiserId: string | null };
  }
}
