import { Select, type SelectProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { routes } from "../../contract/index.ts";
import { apiQuery } from "../lib/query.ts";

type PickerProps = Omit<SelectProps, "data" | "value" | "onChange" | "searchValue" | "onSearchChange"> & {
  /** Optional so `form.getInputProps` fits; nothing picked is null. */
  value?: string | null;
  onChange: (value: string | null) => void;
};

/**
 * Pick a workspace member (for owners and account teams). `leading` choices come before the
 * members, e.g. "Leave to the team" where nobody is a valid answer.
 */
export function MemberPicker({
  value,
  onChange,
  exclude,
  leading,
  ...rest
}: PickerProps & { exclude?: string[]; leading?: { value: string; label: string }[] }) {
  const members = useQuery(apiQuery(routes.listMembers, { query: { limit: 200 } }));
  const data = useMemo(
    () => [
      ...(leading ?? []),
      ...(members.data?.data ?? [])
        .filter((m) => !exclude?.includes(m.userId) || m.userId === value)
        .map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` })),
    ],
    [members.data, exclude, value, leading],
  );
  return (
    <Select
      searchable
      clearable
      data={data}
      value={value ?? null}
      onChange={onChange}
      nothingFoundMessage={members.isLoading ? "Loading members…" : "No member matches"}
      {...rest}
    />
  );
}

/** Pick an account by searching its name on the server. */
export function AccountPicker({
  value,
  onChange,
  initialLabel,
  excludeId,
  ...rest
}: PickerProps & { initialLabel?: string | null; excludeId?: string }) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(
    value && initialLabel ? { value, label: initialLabel } : null,
  );
  const list = useQuery({
    ...apiQuery(routes.listAccounts, { query: { q: debounced || undefined, limit: 20, sort: "name" } }),
    placeholderData: keepPreviousData,
  });
  const data = useMemo(() => {
    const opts = (list.data?.data ?? [])
      .filter((a) => a.id !== excludeId)
      .map((a) => ({ value: a.id, label: a.name }));
    if (picked && !opts.some((o) => o.value === picked.value)) opts.unshift(picked);
    return opts;
  }, [list.data, picked, excludeId]);
  return (
    <Select
      searchable
      clearable
      data={data}
      value={value ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(v, option) => {
        setPicked(v && option ? { value: v, label: option.label } : null);
        onChange(v);
      }}
      nothingFoundMessage={list.isFetching ? "Searching…" : "No account matches"}
      {...rest}
    />
  );
}
