// What the graph may not know yet but every report names: states by their common names,
// adjectives and capitals (the capital used as a metonym: "Beijing denied..."), and the
// alliances, unions and state agencies that reports keep citing. Names come from this table;
// the graph's own names and aliases are looked up first (dictionary.ts).

export interface GazetteerState {
  iso2: string;
  name: string;
  aliases: readonly string[];
  /** Adjectives and demonyms: "Chinese", "Czech". */
  adjectives: readonly string[];
  capital?: string;
}

export const STATES: readonly GazetteerState[] = [
  {
    iso2: 'CN',
    name: 'China',
    aliases: ["People's Republic of China", 'PRC'],
    adjectives: ['Chinese'],
    capital: 'Beijing',
  },
  {
    iso2: 'RU',
    name: 'Russia',
    aliases: ['Russian Federation'],
    adjectives: ['Russian'],
    capital: 'Moscow',
  },
  {
    iso2: 'IR',
    name: 'Iran',
    aliases: ['Islamic Republic of Iran'],
    adjectives: ['Iranian'],
    capital: 'Tehran',
  },
  {
    iso2: 'KP',
    name: 'North Korea',
    aliases: ['DPRK', "Democratic People's Republic of Korea"],
    adjectives: ['North Korean'],
    capital: 'Pyongyang',
  },
  {
    iso2: 'KR',
    name: 'South Korea',
    aliases: ['Republic of Korea'],
    adjectives: ['South Korean'],
    capital: 'Seoul',
  },
  {
    iso2: 'US',
    name: 'United States',
    aliases: ['United States of America', 'USA', 'US', 'U.S.'],
    adjectives: ['American', 'U.S.'],
    capital: 'Washington',
  },
  {
    iso2: 'GB',
    name: 'United Kingdom',
    aliases: ['UK', 'U.K.', 'Britain', 'Great Britain'],
    adjectives: ['British'],
    capital: 'London',
  },
  {
    iso2: 'CZ',
    name: 'Czech Republic',
    aliases: ['Czechia'],
    adjectives: ['Czech'],
    capital: 'Prague',
  },
  {
    iso2: 'DE',
    name: 'Germany',
    aliases: ['Federal Republic of Germany'],
    adjectives: ['German'],
    capital: 'Berlin',
  },
  { iso2: 'FR', name: 'France', aliases: [], adjectives: ['French'], capital: 'Paris' },
  {
    iso2: 'NL',
    name: 'Netherlands',
    aliases: ['the Netherlands', 'Holland'],
    adjectives: ['Dutch'],
    capital: 'The Hague',
  },
  { iso2: 'BE', name: 'Belgium', aliases: [], adjectives: ['Belgian'], capital: 'Brussels' },
  { iso2: 'PL', name: 'Poland', aliases: [], adjectives: ['Polish'], capital: 'Warsaw' },
  { iso2: 'UA', name: 'Ukraine', aliases: [], adjectives: ['Ukrainian'], capital: 'Kyiv' },
  { iso2: 'EE', name: 'Estonia', aliases: [], adjectives: ['Estonian'], capital: 'Tallinn' },
  { iso2: 'LV', name: 'Latvia', aliases: [], adjectives: ['Latvian'], capital: 'Riga' },
  { iso2: 'LT', name: 'Lithuania', aliases: [], adjectives: ['Lithuanian'], capital: 'Vilnius' },
  { iso2: 'FI', name: 'Finland', aliases: [], adjectives: ['Finnish'], capital: 'Helsinki' },
  { iso2: 'SE', name: 'Sweden', aliases: [], adjectives: ['Swedish'], capital: 'Stockholm' },
  { iso2: 'NO', name: 'Norway', aliases: [], adjectives: ['Norwegian'], capital: 'Oslo' },
  { iso2: 'DK', name: 'Denmark', aliases: [], adjectives: ['Danish'], capital: 'Copenhagen' },
  { iso2: 'IT', name: 'Italy', aliases: [], adjectives: ['Italian'], capital: 'Rome' },
  { iso2: 'ES', name: 'Spain', aliases: [], adjectives: ['Spanish'], capital: 'Madrid' },
  { iso2: 'PT', name: 'Portugal', aliases: [], adjectives: ['Portuguese'], capital: 'Lisbon' },
  { iso2: 'SK', name: 'Slovakia', aliases: [], adjectives: ['Slovak'], capital: 'Bratislava' },
  { iso2: 'HU', name: 'Hungary', aliases: [], adjectives: ['Hungarian'], capital: 'Budapest' },
  { iso2: 'RO', name: 'Romania', aliases: [], adjectives: ['Romanian'], capital: 'Bucharest' },
  { iso2: 'AT', name: 'Austria', aliases: [], adjectives: ['Austrian'], capital: 'Vienna' },
  { iso2: 'CH', name: 'Switzerland', aliases: [], adjectives: ['Swiss'], capital: 'Bern' },
  { iso2: 'IE', name: 'Ireland', aliases: [], adjectives: ['Irish'], capital: 'Dublin' },
  { iso2: 'CA', name: 'Canada', aliases: [], adjectives: ['Canadian'], capital: 'Ottawa' },
  { iso2: 'AU', name: 'Australia', aliases: [], adjectives: ['Australian'], capital: 'Canberra' },
  {
    iso2: 'NZ',
    name: 'New Zealand',
    aliases: [],
    adjectives: ['New Zealand'],
    capital: 'Wellington',
  },
  { iso2: 'JP', name: 'Japan', aliases: [], adjectives: ['Japanese'], capital: 'Tokyo' },
  {
    iso2: 'TW',
    name: 'Taiwan',
    aliases: ['Republic of China'],
    adjectives: ['Taiwanese'],
    capital: 'Taipei',
  },
  { iso2: 'IN', name: 'India', aliases: [], adjectives: ['Indian'], capital: 'New Delhi' },
  { iso2: 'PK', name: 'Pakistan', aliases: [], adjectives: ['Pakistani'], capital: 'Islamabad' },
  {
    iso2: 'VN',
    name: 'Vietnam',
    aliases: ['Viet Nam'],
    adjectives: ['Vietnamese'],
    capital: 'Hanoi',
  },
  {
    iso2: 'PH',
    name: 'Philippines',
    aliases: ['the Philippines'],
    adjectives: ['Philippine', 'Filipino'],
    capital: 'Manila',
  },
  { iso2: 'SG', name: 'Singapore', aliases: [], adjectives: ['Singaporean'] },
  { iso2: 'IL', name: 'Israel', aliases: [], adjectives: ['Israeli'], capital: 'Jerusalem' },
  { iso2: 'SA', name: 'Saudi Arabia', aliases: [], adjectives: ['Saudi'], capital: 'Riyadh' },
  {
    iso2: 'AE',
    name: 'United Arab Emirates',
    aliases: ['UAE'],
    adjectives: ['Emirati'],
    capital: 'Abu Dhabi',
  },
  { iso2: 'TR', name: 'Turkey', aliases: ['Türkiye'], adjectives: ['Turkish'], capital: 'Ankara' },
  { iso2: 'SY', name: 'Syria', aliases: [], adjectives: ['Syrian'], capital: 'Damascus' },
  { iso2: 'BY', name: 'Belarus', aliases: [], adjectives: ['Belarusian'], capital: 'Minsk' },
  { iso2: 'GE', name: 'Georgia', aliases: [], adjectives: ['Georgian'], capital: 'Tbilisi' },
  { iso2: 'MD', name: 'Moldova', aliases: [], adjectives: ['Moldovan'], capital: 'Chisinau' },
  { iso2: 'BR', name: 'Brazil', aliases: [], adjectives: ['Brazilian'], capital: 'Brasilia' },
  { iso2: 'MX', name: 'Mexico', aliases: [], adjectives: ['Mexican'], capital: 'Mexico City' },
];

export interface GazetteerOrganisation {
  name: string;
  aliases: readonly string[];
  kind: 'alliance' | 'union' | 'agency' | 'government' | 'company' | 'media';
  /** The state it belongs to (ISO code), for agencies. */
  state?: string;
}

export const ORGANISATIONS: readonly GazetteerOrganisation[] = [
  { name: 'European Union', aliases: ['EU', 'E.U.'], kind: 'union' },
  {
    name: 'NATO',
    aliases: ['North Atlantic Treaty Organization'],
    kind: 'alliance',
  },
  { name: 'United Nations', aliases: ['UN', 'U.N.'], kind: 'alliance' },
  { name: 'G7', aliases: ['Group of Seven'], kind: 'alliance' },
  { name: 'Five Eyes', aliases: [], kind: 'alliance' },
  { name: 'ASEAN', aliases: ['Association of Southeast Asian Nations'], kind: 'alliance' },
  {
    name: 'OSCE',
    aliases: ['Organization for Security and Co-operation in Europe'],
    kind: 'alliance',
  },
  {
    name: 'Chinese state security',
    aliases: ['Ministry of State Security', 'MSS'],
    kind: 'agency',
    state: 'CN',
  },
  {
    name: 'GRU',
    aliases: ['Russian military intelligence', 'Main Intelligence Directorate'],
    kind: 'agency',
    state: 'RU',
  },
  { name: 'FSB', aliases: ['Federal Security Service'], kind: 'agency', state: 'RU' },
  { name: 'SVR', aliases: ['Foreign Intelligence Service'], kind: 'agency', state: 'RU' },
  { name: 'Reconnaissance General Bureau', aliases: ['RGB'], kind: 'agency', state: 'KP' },
  { name: 'Islamic Revolutionary Guard Corps', aliases: ['IRGC'], kind: 'agency', state: 'IR' },
  { name: "People's Liberation Army", aliases: ['PLA'], kind: 'agency', state: 'CN' },
  {
    name: 'US Department of the Treasury',
    aliases: ['US Treasury', 'Treasury Department', 'U.S. Treasury'],
    kind: 'agency',
    state: 'US',
  },
  { name: 'Office of Foreign Assets Control', aliases: ['OFAC'], kind: 'agency', state: 'US' },
  { name: 'FBI', aliases: ['Federal Bureau of Investigation'], kind: 'agency', state: 'US' },
  {
    name: 'CISA',
    aliases: ['Cybersecurity and Infrastructure Security Agency'],
    kind: 'agency',
    state: 'US',
  },
  { name: 'National Cyber Security Centre', aliases: ['NCSC'], kind: 'agency' },
  { name: 'Kremlin', aliases: [], kind: 'government', state: 'RU' },
  { name: 'Reuters', aliases: [], kind: 'media' },
  { name: 'Bloomberg', aliases: [], kind: 'media' },
  { name: 'Google Cloud', aliases: [], kind: 'company' },
  { name: 'Microsoft', aliases: [], kind: 'company' },
];
