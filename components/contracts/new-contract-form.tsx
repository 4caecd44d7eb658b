"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { EMPTY_TERMS, type ContractTerms } from "@/server/domain/contracts/terms";
import { Button, buttonClasses, Card, CardBody, CardHeader, Select } from "../ui";
import { ContractHeaderFields, newContractHeader } from "./contract-header-fields";
import { EditorActionBar } from "./editor-action-bar";
import { ErrorSummary } from "./error-summary";
import { errorScope } from "./form-errors";
import { ScopedField } from "./terms-editor/inputs";
import { TermsEditor } from "./terms-editor/terms-editor";

export interface AdvertiserOption {
  id: string;
  name: string;
  currency: string;
}

/** OPS opens a contract: the header and the first version's terms, saved together as a draft. */
export function NewContractForm({ advertisers, advertiserTotal, today }: { advertisers: AdvertiserOption[]; advertiserTotal: number; today: string }) {
  const router = useRouter();
  const [advertiserId, setAdvertiserId] = useState("");
  const [header, setHeader] = useState(() => newContractHeader(today));
  const [currencyChosen, setCurrencyChosen] = useState(false);
  const [terms, setTerms] = useState<ContractTerms>(EMPTY_TERMS);
  const create = api.contracts.create.useMutation({ onSuccess: ({ contract }) => router.push(`/contracts/${contract.id}`) });
  const scope = errorScope(create.error?.data?.fieldErrors);

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ advertiserId, header, terms });
      }}
    >
      <ErrorSummary error={create.error} />
      <Card>
        <CardHeader title="Contract" description="Who it is with, the term, and how it renews." />
        <CardBody className="space-y-4">
          <ScopedField
            scope={scope.at("advertiserId")}
            label="Advertiser"
            hint={advertiserTotal > advertisers.length ? `Showing the first ${advertisers.length} of ${advertiserTotal}.` : undefined}
            className="max-w-sm"
          >
            <Select
              required
              value={advertiserId}
              onChange={(e) => {
                setAdvertiserId(e.target.value);
                // The advertiser's billing currency is the likely one, until someone picks another.
                const currency = advertisers.find((a) => a.id === e.target.value)?.currency;
                if (currency && !currencyChosen) setHeader({ ...header, currency });
              }}
            >
              <option value="">Choose an advertiser…</option>
              {advertisers.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </ScopedField>
          <ContractHeaderFields
            value={header}
            onChange={(next) => {
              if (next.currency !== header.currency) setCurrencyChosen(true);
              setHeader(next);
            }}
            scope={scope.at("header")}
          />
        </CardBody>
      </Card>
      <TermsEditor value={terms} onChange={setTerms} scope={scope.at("terms")} currency={header.currency} />
      <EditorActionBar status="Saved as a draft (version 1); submit it for approval from the contract page.">
        <Link href="/contracts" className={buttonClasses({ variant: "secondary" })}>
          Cancel
        </Link>
        <Button type="submit" loading={create.isPending || create.isSuccess}>
          Create draft contract
        </Button>
      </EditorActionBar>
    </form>
  );
}
