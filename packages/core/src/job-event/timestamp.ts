/**
 * Ruby's `Time#to_s` as GitLab's real deliveries carry it: `2021-01-13 17:57:05 UTC`, or with a
 * numeric offset (`2021-01-13 18:57:05 +0100`) on instances not configured for UTC.
 */
const RUBY_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?) (?:UTC|([+-]\d{2})(\d{2}))$/;

/** ISO-8601 with a zone, as the Test button and the `*_iso` fields send it. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses a GitLab timestamp in either format GitLab sends and returns it as ISO-8601 UTC with
 * milliseconds (`2021-01-13T17:57:05.000Z`), or `undefined` when it is neither format or not a
 * real date.
 */
export const parseGitLabTimestamp = (value: string): string | undefined => {
  const ruby = RUBY_TIME.exec(value);
  const iso = ruby ? `${ruby[1]}T${ruby[2]}${ruby[3] ? `${ruby[3]}:${ruby[4]}` : 'Z'}` : value;
  if (!ruby && !ISO_TIME.test(value)) return undefined;
  const time = new Date(iso);
  if (Number.isNaN(time.getTime()) || !sameCalendarDate(iso, time)) return undefined;
  return time.toISOString();
};

/** `Date` rolls 2021-02-30 over to March: reject dates whose day does not exist. */
const sameCalendarDate = (iso: string, time: Date): boolean => {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  const offsetMinutes = zoneOffsetMinutes(iso);
  const local = new Date(time.getTime() + offsetMinutes * 60_000);
  return local.getUTCFullYear() === year && local.getUTCMonth() + 1 === month && local.getUTCDate() === day;
};

const zoneOffsetMinutes = (iso: string): number => {
  const zone = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!zone) return 0;
  const minutes = Number(zone[2]) * 60 + Number(zone[3]);
  return zone[1] === '-' ? -minutes : minutes;
};
