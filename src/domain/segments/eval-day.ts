import { utcToday } from "../../common/dates.ts";
import type { EvalDay } from "./segment.queries.ts";

/** Today, read from the live values. */
export const liveDay = (now = new Date()): EvalDay => ({ day: utcToday(now), live: true });

/** A past day, read from the histories kept day by day. */
export const pastDay = (day: string): EvalDay => ({ day, live: false });
