export { addMember } from "./add-member.ts";
export { listMembers } from "./list-members.ts";
export { findMember, findUserByEmail, memberNames } from "./member.queries.ts";
export { removeMember } from "./remove-member.ts";
export { resetMemberPassword } from "./reset-member-password.ts";
export { updateMember } from "./update-member.ts";
