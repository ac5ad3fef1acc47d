export { addNote, deleteNote, getTimelineEntry, listTimeline, updateNote } from "./manage-notes.ts";
export { recordTimeline, type TimelineEvent, toTimelineEntry } from "./record-timeline.ts";
