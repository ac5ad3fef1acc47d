import { Select, type SelectProps } from "@mantine/core";
import { useAccountPeople } from "./KeyPlayers.tsx";

/** Pick one of the account's people who are still there (key players first), e.g. an owner at the customer. */
export function AccountContactPicker({
  accountId,
  ...rest
}: Omit<SelectProps, "data"> & { accountId: string }) {
  const people = useAccountPeople(accountId);
  return (
    <Select
      placeholder={people.length === 0 ? "No contacts at this account yet" : "Pick a contact"}
      searchable
      clearable
      data={people}
      nothingFoundMessage="No one at this account matches"
      {...rest}
    />
  );
}
