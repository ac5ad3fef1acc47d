export { leaveAccountTeams } from "./leave-account-teams.ts";
export { addTeamMember, getTeamMember, listTeam, removeTeamMember, updateTeamMember } from "./manage-team.ts";
