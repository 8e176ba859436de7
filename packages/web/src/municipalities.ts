// The demo city's municipalities (CBS code for the Netherlands, NIS code for Belgium).
export const MUNICIPALITIES: Array<[string, string]> = [
  ['GM0344', 'Utrecht'],
  ['GM0518', 'Den Haag'],
  ['GM0034', 'Almere'],
  ['11002', 'Antwerpen'],
];
export const municipalityName = (code: string) => MUNICIPALITIES.find(([c]) => c === code)?.[1] ?? code;
