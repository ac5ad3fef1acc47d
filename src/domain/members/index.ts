export { addMember } from "./add-member.ts";
export { addOperator, operatorEmail } from "./add-operator.ts";
export {
  acceptInvitation,
  acceptInvitationsOnSignIn,
  declineInvitation,
  type Invitee,
} from "./answer-invitation.ts";
export { cancelInvitation } from "./cancel-invitation.ts";
export { checkPasswordReset } from "./check-password-reset.ts";
export { inviteMember } from "./invite-member.ts";
export { listInvitations } from "./list-invitations.ts";
export { listMembers } from "./list-members.ts";
export {
  findFirstOwner,
  findMember,
  findUserByEmail,
  memberNames,
  reportsOf,
} from "./member.queries.ts";
export { myInvitations } from "./my-invitations.ts";
export { type RemovedMember, removeMember } from "./remove-member.ts";
export { type MemberChange, updateMember } from "./update-member.ts";
