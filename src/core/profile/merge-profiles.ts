/**
 * `mlgate profile merge`: shard profiles (CI matrix jobs over parts of the data) into the profile
 * of the whole. Shards must cover disjoint sources: one file profiled twice would count its rows
 * twice, so that is refused, as are columns whose types cannot be reconciled.
 */
import { InputError } from "../errors.js";
import { TypeMismatch } from "./column-profile.js";
import { DatasetProfile } from "./dataset-profile.js";

export interface ShardProfile {
  file: string;
  profile: DatasetProfile;
}

export function mergeProfiles(shards: readonly ShardProfile[]): DatasetProfile {
  const merged = new DatasetProfile();
  const seen = new Map<string, string>();
  for (const { file, profile } of shards) {
    for (const source of profile.sources) {
      const earlier = seen.get(source.digest);
      if (earlier) {
        throw new InputError(
          `source ${source.name} (${source.digest}) is also in ${earlier}; its rows would count twice`,
          { file },
          "merge profiles of disjoint shards only",
        );
      }
      seen.set(source.digest, file);
    }
    try {
      merged.merge(profile);
    } catch (error) {
      if (!(error instanceof TypeMismatch)) throw error;
      throw new InputError(
        error.message,
        { file, key: error.column },
        "declare the column's type in schema.yml so every shard reads it the same way",
      );
    }
  }
  return merged;
}
