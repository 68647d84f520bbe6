/** Where the profile measurement leaves the schema inferred from the reference, for the validate measurement. */
export function schemaFileOf(profileFile: string): string {
  return `${profileFile}.schema.yml`;
}
