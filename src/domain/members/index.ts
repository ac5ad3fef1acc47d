export { addMember } from "./add-member.ts";
export { listMembers } from "./list-members.ts";
export { findMember, findUserByEmail, memberNames } from "./member.queries.ts";
export { type RemovedMember, removeMember } from "./remove-member.ts";
export { type MemberChange, updateMember } from "./update-member.ts";
