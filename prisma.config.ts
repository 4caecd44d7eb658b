// Prisma CLI configuration. Prisma 6.19 runs its schema engine as WebAssembly ("js" engine) through a driver
// adapter, so nothing is downloaded at install time (see ../shared/STACK.md). Migrations themselves are applied
// by Tally's own runner (`tally db migrate`), which records them in Prisma's `_prisma_migrations` table.
import path from "node:path";
import { defineConfig } from "prisma/config";

// `prisma generate` needs a syntactically valid URL even when the app runs on the embedded database.
process.env.DATABASE_URL ??= "postgresql://tally:tally@127.0.0.1:5432/tally_placeholder";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
