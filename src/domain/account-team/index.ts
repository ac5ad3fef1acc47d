export { addTeamMember, getTeamMember, listTeam, removeTeamMember, updateTeamMember } from "./manage-team.ts";
