import type { PersonEntriesV1 } from '@ilinks/record-projection/contracts';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { RecordViews } from '../record-views';
import { type PersonEntriesFilter, selectPersonEntries } from './person-entries';

/** The query string, checked: each problem named by its parameter. */
function filterOf(query: Record<string, unknown>): PersonEntriesFilter {
  const issues: Issue[] = [];
  const text = (name: string, pattern: RegExp): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && pattern.test(value)) return value;
    issues.push({ path: name, message: `${name} is not valid` });
    return undefined;
  };
  const resourceType = text('resourceType', /^[A-Z][A-Za-z]{1,63}$/);
  const part = text('part', /^[a-z][a-z-]{0,31}$/);
  const include = text('includeEnteredInError', /^(true|false)$/);
  if (issues.length > 0) throw new ValidationError('the query is invalid', issues);
  return {
    ...(resourceType === undefined ? {} : { resourceType }),
    ...(part === undefined ? {} : { part }),
    includeEnteredInError: include === 'true',
  };
}

/** A person's entries, through the local records identity links to them now. */
@Controller('persons/:personId/entries')
export class PersonEntriesController {
  constructor(private readonly views: RecordViews) {}

  /**
   * Every entry each of the person's local records' organisations sent about that record's
   * identifier: an entry sent before its patient was registered shows once the record is linked,
   * and a merge or unmerge is reflected as soon as the index is. With them, what the person
   * contributed themselves, under their id or the id of anyone merged into them now.
   */
  @Get()
  async entries(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<PersonEntriesV1> {
    const filter = filterOf(query);
    const [records, contributions] = await Promise.all([
      this.views.localRecordEntriesOf(
        personId,
        filter.resourceType === undefined ? undefined : [filter.resourceType],
      ),
      this.views.contributionsAbout(personId, filter.resourceType),
    ]);
    return { personId, entries: selectPersonEntries(records, filter, contributions) };
  }
}
