/** What a recording route answers: the resource, and whether this request (or its first try) created it. */
export interface Recorded<T> {
  readonly body: T;
  readonly created: boolean;
}
