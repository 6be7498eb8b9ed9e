// How prepare takes a name: it creates the object and records its UID at once. A name that is already
// there is kept only when the record holds that very object (prepare run again); anything else is
// someone's, and prepare stops with who made it instead of adopting it.
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { isStatus } from '../../kube/apis.js';
import type { Kube } from '../../kube/kube-client.js';
import { type RecordedKind, type WorkshopRecord, recorded, remember, saveRecord, squatted } from './host-record.js';

type Meta = { metadata?: V1ObjectMeta };

export interface ClaimSpec<T extends Meta> {
  kind: RecordedKind;
  name: string;
  /** The learner it is made for; '' for what every learner shares. */
  learner: string;
  create: () => Promise<T>;
  read: () => Promise<T>;
  /** Brings a kept object up to date (the admission policies follow the learners); returns the object now stored. */
  update?: (current: T) => Promise<T>;
}

/** The fix for a name someone else holds. */
const fixFor = (kind: RecordedKind, name: string) =>
  `if it is a leftover of an earlier workshop, delete it (kubectl delete ${kind.toLowerCase()} ${name}); otherwise ` +
  `prepare with another --prefix`;

/** The record, kept on the cluster after every object prepare makes. */
export class Recorder {
  constructor(
    readonly kube: Kube,
    readonly record: WorkshopRecord,
  ) {}

  save(): Promise<void> {
    return saveRecord(this.kube, this.record);
  }

  /** Creates and records the object, keeps the recorded one, or refuses one that is not in the record. */
  async claim<T extends Meta>(spec: ClaimSpec<T>): Promise<'created' | 'kept'> {
    const mine = recorded(this.record, spec.kind, spec.name);
    let made: T | undefined;
    try {
      made = await spec.create();
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
    }
    if (made) {
      remember(this.record, { kind: spec.kind, name: spec.name, uid: made.metadata?.uid ?? '', learner: spec.learner });
      await this.save();
      return 'created';
    }
    const found = await spec.read();
    if (!mine || mine.uid !== found.metadata?.uid)
      throw squatted(`${spec.kind} ${spec.name}`, found.metadata, fixFor(spec.kind, spec.name));
    if (spec.update) await spec.update(found);
    return 'kept';
  }
}
