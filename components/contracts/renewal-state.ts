// contracts.renewals reports each contract's renewal state as a code; these are its words.
export function renewalStateText(state: string, noticeOpensOn: string): string {
  switch (state) {
    case "WILL_EXPIRE":
      return "Expires at term end";
    case "NOTICE_NOT_OPEN":
      return `Renewal opens on ${noticeOpensOn}`;
    case "RENEWAL_DUE":
      return "Renewal due";
    case "RENEWAL_DRAFT":
      return "Renewal being drafted";
    case "RENEWAL_PENDING_APPROVAL":
      return "Renewal awaiting approval";
    case "RENEWAL_APPROVED":
      return "Renewed";
    case "RENEWAL_REJECTED":
      return "Renewal rejected";
    default:
      return state;
  }
}
