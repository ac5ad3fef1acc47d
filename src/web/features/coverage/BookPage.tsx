import { EmptyState, Select, Skeleton, Stack, Text } from "@mantine/core";
import { IconUsersGroup } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { formatNumber } from "../../lib/format.ts";
import { useSession } from "../../lib/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { Section } from "../../ui/Section.tsx";
import { BookTable } from "./BookTable.tsx";
import { loadsAfterAll, teamsOf } from "./bookView.ts";
import { MovedAccounts } from "./MovedAccounts.tsx";
import { Suggestions } from "./Suggestions.tsx";
import { bookQuery } from "./use-coverage.ts";

const route = getRouteApi("/_app/book");

/**
 * The book of business: each CSM's accounts, ARR and load against a full book, the accounts
 * nobody owns, and moves that even the books out — for one team or all of them.
 */
export function BookPage() {
  const session = useSession();
  const { team } = route.useSearch();
  const navigate = route.useNavigate();
  const book = useQuery(bookQuery(team));
  // The team filter offers every team, whichever one is shown.
  const all = useQuery(bookQuery());
  const teams = teamsOf(all.data?.rows ?? []);
  const [moved, setMoved] = useState<string[]>([]);
  const csms = book.data?.rows.filter((r) => r.owner) ?? [];

  return (
    <>
      <PageHeader
        title="Book of business"
        description="Each CSM's accounts and ARR, and their load against a full book as set in Settings → Coverage."
        actions={
          teams.length > 0 ? (
            <Select
              aria-label="Team"
              w={220}
              data={[{ value: "", label: "All teams" }, ...teams.map((t) => ({ value: t, label: t }))]}
              value={team ?? ""}
              allowDeselect={false}
              onChange={(v) => navigate({ search: { team: v || undefined } })}
            />
          ) : null
        }
      />
      {book.isError ? (
        <ErrorAlert
          error={book.error}
          title="The book of business could not be loaded"
          onRetry={() => book.refetch()}
        />
      ) : !book.data ? (
        <Skeleton h={320} />
      ) : csms.length === 0 ? (
        <EmptyState
          icon={<IconUsersGroup size={26} />}
          withIndicatorBackground
          title={team ? `Nobody in ${team} has a book yet` : "No CSM has a book yet"}
          description={
            <>
              A book is the accounts a CSM owns. Give accounts an owner, or add customer-success members in{" "}
              <AnchorLink to="/settings/$tab" params={{ tab: "members" }}>
                Settings → Members
              </AnchorLink>
              ; they show here even before they own an account.
              {book.data.rows.length > 0
                ? ` ${formatNumber(book.data.rows[0]?.accounts ?? 0)} accounts have no owner yet.`
                : ""}
            </>
          }
        />
      ) : (
        <Stack gap="md">
          <Section
            title="CSMs"
            count={csms.length}
            padding={0}
            description={`A full book is ${formatNumber(book.data.capacity.one_to_one)} one-to-one, ${formatNumber(book.data.capacity.one_to_few)} one-to-few or ${formatNumber(book.data.capacity.one_to_many)} one-to-many accounts; accounts without coverage count as one-to-many.`}
          >
            <BookTable book={book.data} after={loadsAfterAll(book.data)} fetching={book.isFetching} />
          </Section>
          <MovedAccounts ids={moved} />
          <Suggestions book={book.data} canWrite={session.canWrite} onMoved={setMoved} />
          {!session.canWrite ? (
            <Text size="sm" c="dimmed">
              Members and above can make the suggested moves.
            </Text>
          ) : null}
        </Stack>
      )}
    </>
  );
}
