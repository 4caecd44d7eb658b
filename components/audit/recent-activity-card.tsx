import { Card, CardBody, CardHeader } from "../ui";
import { ActivityList, type ActivityEntry } from "./activity-list";

export function RecentActivityCard({ entries }: { entries: ActivityEntry[] }) {
  return (
    <Card>
      <CardHeader title="Recent activity" />
      <CardBody>
        <ActivityList entries={entries} moreHref="/audit" />
      </CardBody>
    </Card>
  );
}
