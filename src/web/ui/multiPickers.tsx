import { MultiSelect, type MultiSelectProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useRef, useState } from "react";
import { routes } from "../../contract/index.ts";
import { apiQuery } from "../lib/query.ts";

type Option = { value: string; label: string };

type MultiPickerProps = Omit<
  MultiSelectProps,
  "data" | "value" | "onChange" | "searchValue" | "onSearchChange" | "filter"
> & {
  value?: string[];
  onChange: (value: string[]) => void;
  /** Labels of values chosen before the picker opened (e.g. a preset account). */
  initialOptions?: Option[];
};

/**
 * A searchable multi-select whose options come from the server as the user types; chosen values
 * keep their labels while the search shows other rows.
 */
function useServerOptions(found: Option[] | undefined, value: string[], initial?: Option[]) {
  const known = useRef(new Map<string, string>((initial ?? []).map((o) => [o.value, o.label])));
  for (const o of found ?? []) known.current.set(o.value, o.label);
  return useMemo(() => {
    const chosen = value.map((v) => ({ value: v, label: known.current.get(v) ?? v }));
    const rest = (found ?? []).filter((o) => !value.includes(o.value));
    return [...chosen, ...rest];
  }, [found, value]);
}

/** A picker's search box and options, fed by a list route of the API as the user types. */
function ServerMultiSelect({
  value,
  onChange,
  initialOptions,
  search,
  onSearch,
  found,
  fetching,
  nothingFound,
  ...rest
}: MultiPickerProps & {
  value: string[];
  search: string;
  onSearch: (s: string) => void;
  found: Option[] | undefined;
  fetching: boolean;
  nothingFound: string;
}) {
  const data = useServerOptions(found, value, initialOptions);
  return (
    <MultiSelect
      searchable
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={onSearch}
      filter={({ options }) => options}
      nothingFoundMessage={fetching ? "Searching…" : nothingFound}
      {...rest}
    />
  );
}

/** Choose contacts by searching their name, email or title; each shows its account. */
export function ContactsMultiPicker({ value = [], ...rest }: MultiPickerProps) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const list = useQuery({
    ...apiQuery(routes.listContacts, { query: { q: debounced || undefined, limit: 20, sort: "name" } }),
    placeholderData: keepPreviousData,
  });
  const found = useMemo(
    () =>
      list.data?.data.map((c) => ({
        value: c.id,
        label: `${c.name} · ${c.accountName}${c.email ? "" : " (no email)"}`,
      })),
    [list.data],
  );
  return (
    <ServerMultiSelect
      {...rest}
      value={value}
      search={search}
      onSearch={setSearch}
      found={found}
      fetching={list.isFetching}
      nothingFound="No contact matches"
    />
  );
}

/** Choose accounts by searching their name. */
export function AccountsMultiPicker({ value = [], ...rest }: MultiPickerProps) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const list = useQuery({
    ...apiQuery(routes.listAccounts, { query: { q: debounced || undefined, limit: 20, sort: "name" } }),
    placeholderData: keepPreviousData,
  });
  const found = useMemo(() => list.data?.data.map((a) => ({ value: a.id, label: a.name })), [list.data]);
  return (
    <ServerMultiSelect
      {...rest}
      value={value}
      search={search}
      onSearch={setSearch}
      found={found}
      fetching={list.isFetching}
      nothingFound="No account matches"
    />
  );
}

/** Choose workspace members (a team is small: the first 200 are listed and searched in the browser). */
export function MembersMultiPicker({ value = [], initialOptions, ...rest }: MultiPickerProps) {
  const members = useQuery(apiQuery(routes.listMembers, { query: { limit: 200 } }));
  const found = useMemo(
    () => members.data?.data.map((m) => ({ value: m.userId, label: m.name })),
    [members.data],
  );
  const data = useServerOptions(found, value, initialOptions);
  return (
    <MultiSelect
      searchable
      data={data}
      value={value}
      nothingFoundMessage={members.isLoading ? "Loading members…" : "No member matches"}
      {...rest}
    />
  );
}
