/** The 38 municipalities of Kosovo: reference data for organisations and shelters. */
export interface MunicipalityRow {
  code: string // stable lowercase ascii slug, e.g. 'prishtina'
  nameEn: string
  nameSq: string
  nameSr: string // Serbian, Latin script
}

export const municipalities: readonly MunicipalityRow[] = [
  { code: 'decan', nameEn: 'Deçan', nameSq: 'Deçan', nameSr: 'Dečani' },
  { code: 'dragash', nameEn: 'Dragash', nameSq: 'Dragash', nameSr: 'Dragaš' },
  { code: 'drenas', nameEn: 'Drenas', nameSq: 'Drenas', nameSr: 'Glogovac' },
  { code: 'ferizaj', nameEn: 'Ferizaj', nameSq: 'Ferizaj', nameSr: 'Uroševac' },
  { code: 'fushe-kosove', nameEn: 'Fushë Kosovë', nameSq: 'Fushë Kosovë', nameSr: 'Kosovo Polje' },
  { code: 'gjakova', nameEn: 'Gjakova', nameSq: 'Gjakovë', nameSr: 'Đakovica' },
  { code: 'gjilan', nameEn: 'Gjilan', nameSq: 'Gjilan', nameSr: 'Gnjilane' },
  { code: 'gracanica', nameEn: 'Graçanica', nameSq: 'Graçanicë', nameSr: 'Gračanica' },
  { code: 'hani-i-elezit', nameEn: 'Hani i Elezit', nameSq: 'Hani i Elezit', nameSr: 'Elez Han' },
  { code: 'istog', nameEn: 'Istog', nameSq: 'Istog', nameSr: 'Istok' },
  { code: 'junik', nameEn: 'Junik', nameSq: 'Junik', nameSr: 'Junik' },
  { code: 'kacanik', nameEn: 'Kaçanik', nameSq: 'Kaçanik', nameSr: 'Kačanik' },
  { code: 'kamenica', nameEn: 'Kamenica', nameSq: 'Kamenicë', nameSr: 'Kosovska Kamenica' },
  { code: 'klina', nameEn: 'Klina', nameSq: 'Klinë', nameSr: 'Klina' },
  { code: 'kllokot', nameEn: 'Kllokot', nameSq: 'Kllokot', nameSr: 'Klokot' },
  { code: 'leposaviq', nameEn: 'Leposaviq', nameSq: 'Leposaviq', nameSr: 'Leposavić' },
  { code: 'lipjan', nameEn: 'Lipjan', nameSq: 'Lipjan', nameSr: 'Lipljan' },
  { code: 'malisheva', nameEn: 'Malisheva', nameSq: 'Malishevë', nameSr: 'Mališevo' },
  { code: 'mamusha', nameEn: 'Mamusha', nameSq: 'Mamushë', nameSr: 'Mamuša' },
  {
    code: 'mitrovica-north',
    nameEn: 'Mitrovica North',
    nameSq: 'Mitrovicë e Veriut',
    nameSr: 'Severna Mitrovica',
  },
  {
    code: 'mitrovica-south',
    nameEn: 'Mitrovica South',
    nameSq: 'Mitrovicë e Jugut',
    nameSr: 'Južna Mitrovica',
  },
  { code: 'novoberda', nameEn: 'Novobërda', nameSq: 'Novobërdë', nameSr: 'Novo Brdo' },
  { code: 'obiliq', nameEn: 'Obiliq', nameSq: 'Obiliq', nameSr: 'Obilić' },
  { code: 'partesh', nameEn: 'Partesh', nameSq: 'Partesh', nameSr: 'Parteš' },
  { code: 'peja', nameEn: 'Peja', nameSq: 'Pejë', nameSr: 'Peć' },
  { code: 'podujeva', nameEn: 'Podujeva', nameSq: 'Podujevë', nameSr: 'Podujevo' },
  { code: 'prishtina', nameEn: 'Prishtina', nameSq: 'Prishtinë', nameSr: 'Priština' },
  { code: 'prizren', nameEn: 'Prizren', nameSq: 'Prizren', nameSr: 'Prizren' },
  { code: 'rahovec', nameEn: 'Rahovec', nameSq: 'Rahovec', nameSr: 'Orahovac' },
  { code: 'ranillug', nameEn: 'Ranillug', nameSq: 'Ranillug', nameSr: 'Ranilug' },
  { code: 'shterpca', nameEn: 'Shtërpca', nameSq: 'Shtërpcë', nameSr: 'Štrpce' },
  { code: 'shtime', nameEn: 'Shtime', nameSq: 'Shtime', nameSr: 'Štimlje' },
  { code: 'skenderaj', nameEn: 'Skënderaj', nameSq: 'Skënderaj', nameSr: 'Srbica' },
  { code: 'suhareka', nameEn: 'Suhareka', nameSq: 'Suharekë', nameSr: 'Suva Reka' },
  { code: 'viti', nameEn: 'Viti', nameSq: 'Viti', nameSr: 'Vitina' },
  { code: 'vushtrri', nameEn: 'Vushtrri', nameSq: 'Vushtrri', nameSr: 'Vučitrn' },
  { code: 'zubin-potok', nameEn: 'Zubin Potok', nameSq: 'Zubin Potok', nameSr: 'Zubin Potok' },
  { code: 'zvecan', nameEn: 'Zveçan', nameSq: 'Zveçan', nameSr: 'Zvečan' },
]
