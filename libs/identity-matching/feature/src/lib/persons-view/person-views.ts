import type {
  GoldenRecordV1,
  LinkedLocalRecordV1,
  MergeV1,
  PersonViewV1,
} from '@ilinks/identity-matching/contracts';
import {
  type GoldenRecordSource,
  goldenRecord,
  type LinkedLocalRecord,
  type PersonState,
} from '@ilinks/identity-matching/domain';
import { NotFoundError, OrganisationCode } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { IdentityViews } from '../identity-views';
import { type IdentityMatchingConfig, trustByOrganisation } from '../identity-matching.config';
import { IDENTITY_MATCHING_CONFIG } from '../identity-matching.tokens';
import { demographicsOf, type LocalRecordView } from '../local-records-view/local-records.projection';
import { personStateOf } from './persons.projection';

function linkedRecordOf(link: LinkedLocalRecord, record: LocalRecordView): LinkedLocalRecordV1 {
  return {
    localRecordId: record.localRecordId,
    organisation: record.organisation,
    identifier: { system: record.identifierSystem, value: record.identifierValue },
    ...(record.nhsNumber ? { nhsNumber: record.nhsNumber } : {}),
    linkedAt: link.linkedAt,
    method: link.method,
    ...(link.method !== 'merge' && link.score !== undefined ? { score: link.score } : {}),
    ...(link.method === 'merge' ? { mergeId: link.mergeId } : {}),
  };
}

/**
 * Builds the person as the API shows it: its links from the persons view, each linked record from
 * the local records view, and the golden record by the survivorship rule (`goldenRecord`): per
 * field, the most trusted source (`ILINKS_IDENTITY_SOURCE_TRUST`), then the most recent.
 */
@Injectable()
export class PersonViews {
  private readonly trust: ReadonlyMap<string, number>;

  constructor(
    private readonly views: IdentityViews,
    @Inject(IDENTITY_MATCHING_CONFIG) config: IdentityMatchingConfig,
  ) {
    this.trust = trustByOrganisation(config);
  }

  /** The person, or a `NotFoundError`. */
  async get(personId: string): Promise<PersonViewV1> {
    const found = await this.find(personId);
    if (!found) throw new NotFoundError('No such person');
    return found;
  }

  async find(personId: string): Promise<PersonViewV1 | undefined> {
    const doc = await this.views.persons.get(personId);
    if (!doc) return undefined;
    return this.viewOf(personId, personStateOf(doc.body), doc.body.updatedAt);
  }

  /** The persons holding the records, each once, in the order first met. */
  async ofRecords(records: readonly LocalRecordView[]): Promise<PersonViewV1[]> {
    const personIds = [...new Set(records.flatMap((record) => (record.personId ? [record.personId] : [])))];
    const persons = await Promise.all(personIds.map((personId) => this.find(personId)));
    return persons.filter((person): person is PersonViewV1 => person !== undefined);
  }

  private async viewOf(personId: string, state: PersonState, updatedAt: string): Promise<PersonViewV1> {
    if (state.status !== 'active') {
      return {
        personId,
        status: 'retired',
        ...(state.status === 'retired' ? { mergedInto: state.mergedInto } : {}),
        golden: {},
        localRecords: [],
        merges: [],
        updatedAt,
      };
    }
    const docs = await this.views.localRecords.getMany(
      state.linkedLocalRecords.map((link) => link.localRecordId),
    );
    const byId = new Map(docs.map((doc) => [doc.id, doc.body]));
    const present = state.linkedLocalRecords.flatMap((link) => {
      const record = byId.get(link.localRecordId);
      return record ? [{ link, record }] : [];
    });
    return {
      personId,
      status: 'active',
      golden: this.goldenOf(present.map(({ record }) => record)),
      localRecords: present.map(({ link, record }) => linkedRecordOf(link, record)),
      merges: state.merges.map(
        (merge): MergeV1 => ({
          mergeId: merge.mergeId,
          mergedPersonId: merge.mergedPersonId,
          localRecordIds: merge.localRecordIds,
          reason: merge.reason,
          mergedAt: merge.mergedAt,
          undone: merge.undone,
        }),
      ),
      updatedAt,
    };
  }

  private goldenOf(records: readonly LocalRecordView[]): GoldenRecordV1 {
    const sources = records.map(
      (record): GoldenRecordSource => ({
        localRecordId: record.localRecordId,
        organisation: OrganisationCode(record.organisation),
        trust: this.trust.get(record.organisation) ?? 0,
        recordedAt: record.updatedAt,
        demographics: demographicsOf(record),
      }),
    );
    return goldenRecord(sources) as GoldenRecordV1;
  }
}
