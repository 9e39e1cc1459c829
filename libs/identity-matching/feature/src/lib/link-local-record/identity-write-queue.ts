import { Injectable } from '@nestjs/common';

/**
 * Runs the service's identity changes one at a time: each matching decision reads the views the
 * previous one wrote, so two records of one person arriving together never both start a person.
 * (Across replicas, the NHS-number claim stream guards the case that matters most.)
 */
@Injectable()
export class IdentityWriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
