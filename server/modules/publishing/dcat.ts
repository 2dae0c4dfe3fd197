/**
 * The open-data catalogue in DCAT-AP (https://semiceu.github.io/DCAT-AP/), as JSON-LD: one
 * dcat:Dataset per public dataset with its title, description, publisher, licence (CC BY 4.0),
 * issued (its first publication) and modified (the current one) dates, and one dcat:Distribution
 * per format with its IANA media type and download URL.
 */
import { sql } from 'drizzle-orm';
import { DATASET_INFO, OPEN_LICENCE, PUBLIC_DATASETS } from '../../../common/contracts/publishing';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { type CurrentPublication, datasetRows } from './current';

const IANA = 'http://www.iana.org/assignments/media-types/';
const FORMATS = [
  { format: 'json', suffix: '', mediaType: 'application/json', eu: 'JSON' },
  { format: 'csv', suffix: '.csv', mediaType: 'text/csv', eu: 'CSV' },
  {
    format: 'xlsx',
    suffix: '.xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    eu: 'XLSX',
  },
] as const;

const dateTime = (d: Date | string) => ({ '@value': new Date(d).toISOString(), '@type': 'xsd:dateTime' });
const vi = (value: string) => ({ '@value': value, '@language': 'vi' });

export async function dcatCatalogue(db: Executor, publication: CurrentPublication, base: string) {
  const [first] = rowsOf<{ at: string }>(
    await db.execute(sql`select min(published_at) as at from publications`),
  );
  const [province] = rowsOf<{ name: string }>(
    await db.execute(sql`select name from org_units where parent_id is null and active
      order by (kind = 'province') desc, code limit 1`),
  );
  const publisher = {
    '@type': 'foaf:Agent',
    'foaf:name': vi(`Ủy ban nhân dân ${province?.name.replace(/^Tỉnh /, 'tỉnh ') ?? 'tỉnh'}`),
  };
  const licence = { '@id': OPEN_LICENCE.url, '@type': 'dct:LicenseDocument' };
  const issued = dateTime(first?.at ?? publication.publishedAt);
  const modified = dateTime(publication.publishedAt);
  const datasets = await Promise.all(
    PUBLIC_DATASETS.map(async (id) => ({
      '@id': `${base}/cong-khai/du-lieu/${id}`,
      '@type': 'dcat:Dataset',
      'dct:identifier': id,
      'dct:title': vi(DATASET_INFO[id].title),
      'dct:description': vi(DATASET_INFO[id].description),
      'dct:publisher': publisher,
      'dct:license': licence,
      'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/VIE' },
      'dct:issued': issued,
      'dct:modified': modified,
      'dcat:landingPage': { '@id': `${base}/cong-khai/du-lieu/${id}` },
      'dct:extent': `${(await datasetRows(db, publication, id)).length} dòng`,
      'dcat:distribution': FORMATS.map((f) => ({
        '@id': `${base}/api/public/datasets/${id}${f.suffix}#distribution`,
        '@type': 'dcat:Distribution',
        'dct:title': vi(`${DATASET_INFO[id].title} (${f.eu})`),
        'dcat:mediaType': { '@id': `${IANA}${f.mediaType}` },
        'dct:format': { '@id': `http://publications.europa.eu/resource/authority/file-type/${f.eu}` },
        'dcat:accessURL': { '@id': `${base}/cong-khai/du-lieu/${id}` },
        'dcat:downloadURL': { '@id': `${base}/api/public/datasets/${id}${f.suffix}` },
        'dct:license': licence,
        'dct:issued': modified,
      })),
    })),
  );
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${base}/api/public/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': vi('Dữ liệu mở của kế hoạch hành động'),
    'dct:description': vi(
      `Các bộ dữ liệu công khai theo đợt công bố số ${publication.number}: tiến độ nhiệm vụ, chỉ tiêu, chương trình, chính sách, ngân sách, báo cáo.`,
    ),
    'dct:publisher': publisher,
    'dct:license': licence,
    'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/VIE' },
    'dct:issued': issued,
    'dct:modified': modified,
    'foaf:homepage': { '@id': `${base}/cong-khai` },
    'dcat:dataset': datasets,
  };
}
