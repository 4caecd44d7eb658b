import Link from "next/link";

/** A contract in a table: its number, linking to it, over its title. */
export function ContractCell({ id, number, title }: { id: string; number: string; title: string }) {
  return (
    <>
      <Link href={`/contracts/${id}`} className="font-medium text-indigo-700 hover:underline">
        {number}
      </Link>
      <div className="text-slate-600">{title}</div>
    </>
  );
}
