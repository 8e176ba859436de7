// May an area be watched live now? (003 §3, §3.2, §3.3). Pure: time passed in.
//
// - No published designation in force: no watching at all (003 §4.3: cameras are used only under a
//   published aanwijzingsbesluit).
// - Stadium areas are watched only around matches: "De camera's die zijn geplaatst worden alleen
//   uitgekeken direct voor, tijdens en na voetbalwedstrijden. De rest van de tijd worden de beelden
//   niet live bekeken" (003 §3.3). "Direct" is not quantified in the seed: we allow at most
//   MAX_MARGIN_MINUTES (3 h) before and after an event, set per event.
// - Other areas follow their watch times ("De uitkijktijden (kunnen) variëren per gebied", 003 §3.2),
//   and "Er kunnen acties buiten de vaste uitkijktijden worden georganiseerd" (003 §3.2): a scheduled
//   event opens a window there too.
export const MAX_MARGIN_MINUTES = 180;
export const EVENT_BOUND_KINDS = ['STADIUM'] as const;

export type Schedule = { continuous: boolean; windows: Array<{ days: string[]; from: string; to: string }> };
export type WatchEventWindow = {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
  watchBeforeMinutes: number;
  watchAfterMinutes: number;
  cancelledAt: Date | null;
};
export type LiveWatchAnswer = { allowed: boolean; reason: string; eventId: string | null };

const MIN = 60_000;
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function eventProblems(e: {
  startsAt: Date;
  endsAt: Date;
  watchBeforeMinutes: number;
  watchAfterMinutes: number;
}): string[] {
  const out: string[] = [];
  if (e.endsAt.getTime() <= e.startsAt.getTime()) out.push('endsAt must be after startsAt');
  if (e.endsAt.getTime() - e.startsAt.getTime() > 7 * 24 * 60 * MIN) out.push('an event lasts at most 7 days');
  for (const m of [e.watchBeforeMinutes, e.watchAfterMinutes]) {
    if (!Number.isInteger(m) || m < 0 || m > MAX_MARGIN_MINUTES)
      out.push(
        `watching starts/ends at most ${MAX_MARGIN_MINUTES} minutes before/after the event (003 §3.3 "direct voor ... en na")`,
      );
  }
  return [...new Set(out)];
}

export const eventWindow = (e: WatchEventWindow) => ({
  from: new Date(e.startsAt.getTime() - e.watchBeforeMinutes * MIN),
  until: new Date(e.endsAt.getTime() + e.watchAfterMinutes * MIN),
});

const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** Local weekday and minute of the day where the areas are (Europe/Amsterdam; Brussels keeps the same time). */
function local(at: Date): { day: string; minute: number; prevDay: string } {
  const parts = fmt.formatToParts(at);
  const day = parts
    .find((p) => p.type === 'weekday')!
    .value.slice(0, 3)
    .toUpperCase();
  const minute =
    Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
  return { day, minute, prevDay: DAYS[(DAYS.indexOf(day) + 6) % 7]! };
}
const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Within a weekly window; a window whose `to` is before `from` runs past midnight into the next day. */
export function inWindows(schedule: Schedule, at: Date): boolean {
  if (schedule.continuous) return true;
  return inWindowsLocal(schedule, local(at));
}

function inWindowsLocal(
  schedule: Schedule,
  { day, minute, prevDay }: { day: string; minute: number; prevDay: string },
): boolean {
  if (schedule.continuous) return true;
  return schedule.windows.some((w) => {
    const from = toMin(w.from);
    const to = toMin(w.to);
    if (from <= to) return w.days.includes(day) && minute >= from && minute < to;
    return (w.days.includes(day) && minute >= from) || (w.days.includes(prevDay) && minute < to);
  });
}

export function mayWatchLive(
  area: { kind: string; watchSchedule: Schedule },
  designatedNow: boolean,
  events: WatchEventWindow[],
  at: Date,
): LiveWatchAnswer {
  if (!designatedNow)
    return { allowed: false, reason: 'no published designation in force for this area (003 §4.3)', eventId: null };
  const t = at.getTime();
  const event = events.find(
    (e) => !e.cancelledAt && eventWindow(e).from.getTime() <= t && t < eventWindow(e).until.getTime(),
  );
  if (event) return { allowed: true, reason: `around the event "${event.name}" (003 §3.2, §3.3)`, eventId: event.id };
  if ((EVENT_BOUND_KINDS as readonly string[]).includes(area.kind)) {
    return {
      allowed: false,
      reason: 'a stadium area is watched live only just before, during and after matches (003 §3.3)',
      eventId: null,
    };
  }
  return inWindows(area.watchSchedule, at)
    ? {
        allowed: true,
        reason: area.watchSchedule.continuous ? 'watched around the clock' : 'within the area’s watch times (003 §3.2)',
        eventId: null,
      }
    : { allowed: false, reason: 'outside the area’s watch times (003 §3.2)', eventId: null };
}

const STEP_MIN = 5;
const HOUR = 60 * MIN;

/**
 * Hours in [from, to) the area could be watched live (mayWatchLive, in 5-minute steps): only while a
 * published designation was in force, the stadium only around its events, other areas within their
 * watch times or an event's window. For the half-yearly council report (003 §6.1: "de inzet").
 */
export function watchHours(
  area: { kind: string; watchSchedule: Schedule },
  inForce: Array<{ from: Date; until: Date }>,
  events: WatchEventWindow[],
  from: Date,
  to: Date,
): number {
  const windows = events.filter((e) => !e.cancelledAt).map(eventWindow);
  const eventBound = (EVENT_BOUND_KINDS as readonly string[]).includes(area.kind);
  // local time per hour (Intl is slow): DST moves whole hours, so minutes within an hour follow on
  const hours = new Map<number, { day: string; minute: number; prevDay: string }>();
  const localAt = (t: number) => {
    const h = Math.floor(t / HOUR) * HOUR;
    let l = hours.get(h);
    if (!l) hours.set(h, (l = local(new Date(h))));
    return { ...l, minute: l.minute + Math.floor((t - h) / MIN) };
  };
  let steps = 0;
  for (const span of mergeSpans(inForce, from, to)) {
    for (let t = Math.ceil(span.from / (STEP_MIN * MIN)) * STEP_MIN * MIN; t < span.until; t += STEP_MIN * MIN) {
      if (windows.some((w) => w.from.getTime() <= t && t < w.until.getTime())) steps++;
      else if (!eventBound && inWindowsLocal(area.watchSchedule, localAt(t))) steps++;
    }
  }
  return (steps * STEP_MIN) / 60;
}

/** The periods clipped to [from, to), overlaps merged, as epoch milliseconds. */
function mergeSpans(
  spans: Array<{ from: Date; until: Date }>,
  from: Date,
  to: Date,
): Array<{ from: number; until: number }> {
  const clipped = spans
    .map((s) => ({
      from: Math.max(s.from.getTime(), from.getTime()),
      until: Math.min(s.until.getTime(), to.getTime()),
    }))
    .filter((s) => s.until > s.from)
    .sort((a, b) => a.from - b.from);
  const out: Array<{ from: number; until: number }> = [];
  for (const s of clipped) {
    const last = out[out.length - 1];
    if (last && s.from <= last.until) last.until = Math.max(last.until, s.until);
    else out.push({ ...s });
  }
  return out;
}
