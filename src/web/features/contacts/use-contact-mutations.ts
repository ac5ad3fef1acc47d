import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type Contact, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate, invalidateAccount, keyOf } from "../../lib/query.ts";

export type ContactBody = RouteBodyIn<typeof routes.createContact>;

/**
 * Adds a contact, or saves `contact`. Key players count in the account's health, so the account's
 * page and health panel are read again, for the old account too when the contact moved.
 */
export function useSaveContact(contact: Contact | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactBody) =>
      contact
        ? api(routes.updateContact, { params: { id: contact.id }, body })
        : api(routes.createContact, { body }),
    onSuccess: async (saved) => {
      qc.setQueryData(keyOf(routes.getContact, { params: { id: saved.id } }), saved);
      const accounts = new Set([saved.accountId, contact?.accountId].filter((a): a is string => Boolean(a)));
      await Promise.all([...accounts].map((id) => invalidateAccount(qc, id)));
    },
  });
}

/** Deletes a contact; its account's page and the lists are read again. */
export function useDeleteContact(id: string, accountId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api(routes.deleteContact, { params: { id } }),
    onSuccess: () =>
      accountId
        ? invalidateAccount(qc, accountId)
        : invalidate(qc, routes.listContacts.path, "/api/v1/search"),
  });
}
