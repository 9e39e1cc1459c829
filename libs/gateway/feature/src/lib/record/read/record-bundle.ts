import { CURSOR_PARAMETER } from '../../audit/audit-event-search';
import { type AppliedParameter, cursorAt } from './record-search.params';

/** A resource in a searchset, typed just enough to name it. */
export interface FhirNamedResource {
  readonly resourceType: string;
  readonly id: string;
}

export interface FhirRecordBundle {
  readonly resourceType: 'Bundle';
  readonly type: 'searchset';
  readonly total: number;
  readonly link: readonly { readonly relation: 'self' | 'next'; readonly url: string }[];
  readonly entry?: readonly {
    readonly fullUrl: string;
    readonly resource: FhirNamedResource;
    readonly search: { readonly mode: 'match' };
  }[];
}

/** One page of a search or `$everything`, and how to link to it and the next. */
export interface SearchsetPage {
  /** Public base URL of the FHIR API (`https://exchange.example/fhir`). */
  readonly baseUrl: string;
  /** Below the base: `Condition`, `Patient/<id>/$everything`. */
  readonly path: string;
  readonly applied: readonly AppliedParameter[];
  readonly offset: number;
  readonly total: number;
  readonly resources: readonly FhirNamedResource[];
  readonly nextOffset?: number;
}

/**
 * A FHIR `searchset` Bundle: `total` as given (what the caller may see), a `self` link repeating
 * the parameters that were applied, and a `next` link with an opaque cursor when there is more.
 */
export function searchsetBundle(page: SearchsetPage): FhirRecordBundle {
  const link = [
    { relation: 'self' as const, url: pageUrl(page, page.offset) },
    ...(page.nextOffset === undefined
      ? []
      : [{ relation: 'next' as const, url: pageUrl(page, page.nextOffset) }]),
  ];
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: page.total,
    link,
    ...(page.resources.length > 0
      ? {
          entry: page.resources.map((resource) => ({
            fullUrl: `${page.baseUrl}/${resource.resourceType}/${resource.id}`,
            resource,
            search: { mode: 'match' as const },
          })),
        }
      : {}),
  };
}

function pageUrl(page: SearchsetPage, offset: number): string {
  const query = new URLSearchParams(page.applied.map(([name, value]): [string, string] => [name, value]));
  if (offset > 0) query.set(CURSOR_PARAMETER, cursorAt(offset));
  const text = query.toString();
  return `${page.baseUrl}/${page.path}${text === '' ? '' : `?${text}`}`;
}
