// Dutch and English interface text: every string is written in both at its call site, L(nl, en).
export type Lang = 'nl' | 'en';
const KEY = 'camhub.lang';
let lang: Lang = (() => {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'nl' || saved === 'en') return saved;
  } catch {
    // storage unavailable: default
  }
  return navigator.language?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
})();
const listeners = new Set<() => void>();

export const currentLang = () => lang;
export function setLang(l: Lang) {
  lang = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    // not remembered
  }
  for (const cb of listeners) cb();
}
export const onLangChange = (cb: () => void) => {
  listeners.add(cb);
  return () => listeners.delete(cb);
};
document.documentElement.lang = lang;

/** The text in the current language. */
export const L = (nl: string, en: string) => (lang === 'nl' ? nl : en);

const locale = () => (lang === 'nl' ? 'nl-NL' : 'en-GB');
export const fmtDate = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleDateString(locale(), { year: 'numeric', month: 'short', day: 'numeric' }) : '—';
export const fmtDateTime = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString(locale(), {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '—';
export const fmtNumber = (n: number) => n.toLocaleString(locale());

/** Plain-language names of the API's enum values. */
export const STATUS_TEXT: Record<string, [string, string]> = {
  ACTIVE: ['In werking', 'Active'],
  MAINTENANCE: ['Onderhoud', 'Maintenance'],
  OFFLINE: ['Buiten werking', 'Offline'],
  DECOMMISSIONED: ['Buiten gebruik', 'Decommissioned'],
};
export const FLAG_TEXT: Record<string, [string, string]> = {
  RETENTION_TOO_LONG: [
    'De beelden worden langer dan 4 weken bewaard. Bewaar ze niet langer dan nodig, in de regel hooguit 28 dagen.',
    'Footage is kept longer than 4 weeks. Keep it no longer than needed, as a rule at most 28 days.',
  ],
  PUBLIC_SPACE_WITHOUT_SIGNAGE: [
    'De camera filmt openbare ruimte, maar er hangt geen bord dat mensen waarschuwt.',
    'The camera films public space, but no sign tells people about it.',
  ],
  CONFIRMATION_OVERDUE: [
    'De jaarlijkse bevestiging dat de gegevens kloppen is te laat. Bevestig de registratie.',
    'The yearly confirmation that the details are right is overdue. Confirm the registration.',
  ],
  DECLARED_AFTER_FIRST_USE: [
    'De camera is pas aangegeven nadat hij in gebruik was genomen. In België geef je een camera aan vóór je hem gebruikt.',
    'The camera was declared only after it was first used. In Belgium a camera is declared before it is used.',
  ],
};
/** The date of first use on the registration form (004: in Belgium a camera is declared before it is used). */
export const FIRST_USE_TEXT = {
  label: ['Datum van eerste gebruik', 'Date of first use'] as [string, string],
  hint: [
    'Wanneer de camera voor het eerst filmt (of ging filmen). Verplicht voor een camera in België: geef hem aan vóór je hem gebruikt.',
    'When the camera first films (or first filmed). Required for a camera in Belgium: declare it before you use it.',
  ] as [string, string],
  since: ['In gebruik sinds', 'In use since'] as [string, string],
};
export const REQUEST_STATUS_TEXT: Record<string, [string, string]> = {
  SUBMITTED: ['Ingediend', 'Submitted'],
  IN_REVIEW: ['In behandeling', 'In review'],
  APPROVED: ['Goedgekeurd', 'Approved'],
  FULFILLED: ['Afgehandeld', 'Fulfilled'],
  REJECTED: ['Afgewezen', 'Rejected'],
  EXPIRED: ['Verlopen', 'Expired'],
  CLOSED: ['Gesloten', 'Closed'],
};
/** How a request reached the controller (the API's RequestChannel). */
export const CHANNEL_TEXT: Record<string, [string, string]> = {
  HUB: ['Via de hub', 'Through the hub'],
  LETTER: ['Per brief', 'By letter'],
  DESK: ['Aan de balie', 'At the desk'],
  EMAIL: ['Per e-mail', 'By e-mail'],
};
export const text = (table: Record<string, [string, string]>, key: string) => {
  const t = table[key];
  return t ? L(t[0], t[1]) : key;
};
/** Designation sub-goals (003 §3). */
export const SUBGOAL_TEXT: Record<string, [string, string]> = {
  PREVENTION: ['preventie', 'prevention'],
  INTERVENTION: ['interventie', 'intervention'],
  FEELING_OF_SAFETY: ['veiligheidsgevoel', 'feeling of safety'],
  INVESTIGATION: ['opsporing', 'investigation'],
};

// --- the business portal's registration status in plain language ---
export const REGISTRATION_STATUS_TEXT: Record<string, [string, string]> = {
  ACTIVE: ['Aangemeld', 'Registered'],
  LAPSED: ['Verlopen: jaarlijkse bevestiging te laat', 'Lapsed: yearly confirmation overdue'],
  DEREGISTERED: ['Afgemeld', 'Deregistered'],
};
